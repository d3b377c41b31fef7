"""Template helpers of the programme pages: signed figures, and the suggestions panel that
the council page shows without its view knowing about programmes."""

from __future__ import annotations

import uuid

from django import template

from sharedservices.programme import permissions
from sharedservices.programme.suggestions import suggestions_for

register = template.Library()


@register.filter
def signed(value, places: int = 2) -> str:
    try:
        return f"{float(value):+.{int(places)}f}"
    except (TypeError, ValueError):
        return ""


@register.inclusion_tag("programme/includes/suggestions.html", takes_context=True)
def suggestions_panel(context, council, limit: int = 8):
    """ "Councils like you already share this" for ``council``: built only from live
    (public) arrangements, so any visitor may see it; the one-click button shows only
    to those who record opportunities for that council."""
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = suggestions_for(council, limit=limit) if council.is_current else []
    return {
        "council": council,
        "suggestions": rows,
        "can_adopt": user is not None and permissions.can_act_for(user, council),
        "token": uuid.uuid4,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
