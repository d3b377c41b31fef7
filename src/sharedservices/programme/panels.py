"""The programme's panel on the council page: "Councils like you already share this"
(``base/panels.py`` explains why the council page does not ask for it by name)."""

from __future__ import annotations

from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from sharedservices.base.panels import council_panel
from sharedservices.programme.templatetags.programme import suggestions_panel


@council_panel("suggestions", order=20)
def council_suggestions(request, council) -> str:
    if not council.is_current:
        return ""
    context = suggestions_panel({"request": request, "csrf_token": get_token(request)}, council)
    return render_to_string("programme/includes/suggestions.html", context, request=request)
