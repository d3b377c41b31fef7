"""Reads of the council register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

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


def recode_lineage(council: Council) -> list[Council]:
    """The codes one council has had, oldest first, when ONS only recoded it (one predecessor
    whose one successor it is: Barnsley E08000016 then E08000038). A merger or a split is not a
    recode, so Cornwall's lineage is just Cornwall."""
    lineage = [council]
    while True:
        before = list(lineage[0].predecessors.all()[:2])
        if len(before) != 1 or before[0].successors.count() != 1:
            break
        lineage.insert(0, before[0])
    while True:
        after = list(lineage[-1].successors.all()[:2])
        if len(after) != 1 or after[0].predecessors.count() != 1:
            break
        lineage.append(after[0])
    return lineage


def recoded_as(council: Council, lineage: list[Council] | None = None) -> Council | None:
    """The council's latest code when ONS only recoded it (Barnsley E08000016 is
    E08000038 now), else None: a recoded council was not abolished. Pass ``lineage``
    when the caller already has ``recode_lineage(council)``."""
    latest = (lineage or recode_lineage(council))[-1]
    return latest if latest != council else None


def financial_year_span(start_year: int | None, end_year: int | None, today=None):
    """The days an arrangement of financial years ``start_year`` to ``end_year`` covers: from
    1 April of the first to 31 March after the last (to today while it has no end)."""
    today = today or timezone.localdate()
    first = dt.date(start_year, 4, 1) if start_year else today
    last = dt.date(end_year + 1, 3, 31) if end_year else max(today, first)
    return first, last


@dataclass(frozen=True)
class CodeInUse:
    code: str
    valid_from: dt.date | None
    valid_to: dt.date | None


def codes_during(council: Council, first: dt.date, last: dt.date) -> list[CodeInUse]:
    """The codes a council was known by between ``first`` and ``last`` (one unless ONS recoded
    it in that time), oldest first; a council recorded under an old code counts as its
    recoded successor, and the other way round."""
    used = []
    for c in recode_lineage(council):
        if (c.valid_from is None or c.valid_from <= last) and (
            c.valid_to is None or c.valid_to >= first
        ):
            used.append(CodeInUse(c.code, c.valid_from, c.valid_to))
    return used or [CodeInUse(council.code, council.valid_from, council.valid_to)]


def council_now(council: Council) -> Council:
    """The council as it is today when ONS only recoded it (Barnsley E08000016 is E08000038)."""
    return recode_lineage(council)[-1]
