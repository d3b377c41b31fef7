"""Entries other apps add to a council's "considered and not pursued" list (Wyre Forest
District Council, Cabinet, 2007, kept one). The programme sits below governance and
must not import it, yet a partner's rejection of a business case, or a case not pursued,
belongs in the list of every council that was party to it. So governance registers a
source here when Django starts (``GovernanceConfig.ready``), as the council page's
panels do (``base/panels.py``). A source is ``(user, council) -> list`` of dicts with
``title``, ``get_absolute_url`` and ``stage_reason``, read like opportunities."""

from __future__ import annotations

from collections.abc import Callable

_SOURCES: dict[str, Callable] = {}


def not_pursued_source(name: str) -> Callable:
    def register(source: Callable) -> Callable:
        _SOURCES[name] = source
        return source

    return register


def more_not_pursued(*, user, council) -> list[dict]:
    return [item for name in sorted(_SOURCES) for item in _SOURCES[name](user, council)]
