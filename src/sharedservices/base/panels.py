"""Panels other apps add to a page they do not own.

The council page (``councils/``) sits below the feature apps and must not import them,
yet it shows the council's arrangements (registry) and may show its programme. So a
feature app registers a panel from its ``AppConfig.ready`` and the council page renders
whatever is registered, in ``order``. A panel is a function ``(request, council) -> str``
returning rendered HTML (``render_to_string``, so escaping is the template's), or ``""``
to show nothing. Other pages take panels the same way (``page_panel``): the register's
arrangement page and national picture show the savings that benefits measures, since
registry sits below benefits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Panel:
    name: str
    order: int
    render: Callable[..., str]


# Page → panel name → panel. The pages: "council" (``/councils/<code>/``, given the
# council), "arrangement-summary" (rows of the summary list on ``/register/<id>/``, given
# the arrangement) and "national-picture" (the headline figures of ``/stats/``, given None).
_PANELS: dict[str, dict[str, Panel]] = {}


def page_panel(page: str, name: str, *, order: int = 100) -> Callable:
    """Register ``render(request, obj)`` as a panel of ``page``. Registering the same name
    again replaces it (``ready`` may run twice in tests)."""

    def register(render: Callable[..., str]) -> Callable[..., str]:
        _PANELS.setdefault(page, {})[name] = Panel(name=name, order=order, render=render)
        return render

    return register


def page_panels(page: str, request, obj) -> list[SafeString]:
    """The rendered panels of ``page`` about ``obj``, in order, empty ones left out."""
    rendered = []
    for panel in sorted(_PANELS.get(page, {}).values(), key=lambda p: (p.order, p.name)):
        html = panel.render(request, obj)
        if html:
            # Each panel is rendered by render_to_string, which escapes its variables.
            rendered.append(mark_safe(html))  # noqa: S308
    return rendered


def council_panel(name: str, *, order: int = 100) -> Callable:
    """Register ``render(request, council)`` as a panel of the council page."""
    return page_panel("council", name, order=order)


def council_panels(request, council) -> list[SafeString]:
    """The rendered panels of ``council``'s page, in order, empty ones left out."""
    return page_panels("council", request, council)
