"""Reads of the council register."""

from __future__ import annotations

from django.db.models import QuerySet

from sharedservices.councils.models import Council


def council_list(
    *, kind: str = "", nation: str = "", status: str = "current", q: str = ""
) -> QuerySet[Council]:
    """Councils filtered as the index page and the API allow: by kind, nation,
    current or abolished (or all), and a name or code search."""
    councils = Council.objects.select_related("upper_tier")
    if status == "current":
        councils = councils.current()
    elif status == "abolished":
        councils = councils.abolished()
    if kind:
        councils = councils.filter(kind=kind)
    if nation:
        councils = councils.filter(nation=nation)
    if q:
        councils = councils.filter(name__icontains=q) | councils.filter(code__iexact=q)
    return councils


def council_detail(code: str) -> Council:
    return (
        Council.objects.select_related("upper_tier")
        .prefetch_related("successors", "predecessors", "districts", "neighbours")
        .get(code=code)
    )


def current_council_names() -> dict[str, str]:
    """GSS code to name for every current council: the map's tooltips."""
    return dict(Council.objects.current().values_list("code", "name"))
