"""Reads of the benefits app, always through ``visible_to(user)``: an arrangement's
indicators with their baselines, actuals and status, overdue returns, the roll-up."""

from __future__ import annotations

import datetime
import operator
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Count, Max, Prefetch, Q, Value

from sharedservices.analysis.benefits import (
    NONE,
    PER_YEAR,
    due_periods,
    financial_year_bounds,
    missing_by_partner,
    parse_period,
    rag_many,
    roll_up,
)
from sharedservices.base.tenancy import acting_council_ids
from sharedservices.benefits.models import Actual, Indicator
from sharedservices.councils.models import Council
from sharedservices.governance.selectors import went_live_on
from sharedservices.registry.models import Arrangement, ArrangementStatus


@dataclass
class IndicatorView:
    indicator: Indicator
    councils: list  # Council objects, by name
    baselines: dict  # code -> IndicatorBaseline
    rows: list = field(default_factory=list)  # per shown period: {"period", "label", "cells"}
    latest: dict = field(default_factory=dict)  # code -> (period, value, status)
    latest_period: str | None = None  # the last period with any figure
    status: str = NONE
    overdue: list = field(default_factory=list)  # (council, period)
    chart_baselines: dict = field(default_factory=dict)  # code -> in the actuals' terms


def visible_indicators(user, arrangement: Arrangement):
    return (
        Indicator.objects.visible_to(user)
        .filter(arrangement=arrangement)
        .prefetch_related(
            Prefetch("councils", queryset=Council.objects.only("code", "name")), "baselines"
        )
    )


def figure_years(indicators) -> list[int]:
    """The financial years (April to March, by the year they start) in which any of
    ``indicators`` has a figure: the choices of the Benefits page's year filter."""
    periods = (
        Actual.objects.filter(indicator__in=indicators)
        .order_by()
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted({parse_period(p).financial_year for p in periods})


def _any_of(conditions: list[Q]) -> Q:
    return reduce(operator.or_, conditions) if conditions else Q(pk__in=[])


def _progress(indicators, due: dict[int, list]) -> dict[tuple[int, str], dict]:
    """Per (indicator, council) with any figure: the end of its latest period and how
    many of the indicator's due periods it has returned, counted in the database (five
    years of monthly figures from ten partners need not travel to count them). A figure
    is always of its indicator's frequency (``rules.actual_check``), so the figures
    ending within the due range are due periods, one each (``one_actual_per_period``)."""
    in_range = [
        Q(indicator_id=i.pk, period_ends_on__range=(due[i.pk][0].ends_on, due[i.pk][-1].ends_on))
        for i in indicators
        if due[i.pk]
    ]
    rows = (
        Actual.objects.filter(indicator_id__in=[i.pk for i in indicators])
        .order_by()
        .values("indicator_id", "council_id")
        .annotate(
            last=Max("period_ends_on"),
            returned=Count("pk", filter=_any_of(in_range)) if in_range else Value(0),
        )
    )
    return {(r["indicator_id"], r["council_id"]): r for r in rows}


def _received(pairs: set[tuple[int, str]]) -> dict[tuple[int, str], set[str]]:
    """The periods returned by the (indicator, council) pairs that have gaps."""
    out: dict[tuple[int, str], set[str]] = defaultdict(set)
    if not pairs:
        return out
    for ind, council, period in (
        Actual.objects.filter(indicator_id__in={i for i, _ in pairs})
        .order_by()
        .values_list("indicator_id", "council_id", "period")
    ):
        if (ind, council) in pairs:
            out[ind, council].add(period)
    return out


# The end of each figure's period is stored beside it, so the latest figure is found
# without parsing thousands of period strings.
_FULL = ("indicator_id", "council_id", "period", "value", "note", "evidence_url", "period_ends_on")


def indicator_views(
    indicators,
    *,
    today: datetime.date | None = None,
    year: int | None = None,
    rows: bool = True,
) -> list[IndicatorView]:
    """Each indicator's table (periods by council), latest status and overdue returns.

    ``year`` limits the table to one financial year (None: every period) and ``rows=False``
    leaves it out (the dashboard and the overdue e-mails need only status and overdue):
    status and overdue returns always count every period, in the database. A handful of
    queries for all the indicators together; statuses vectorised (``analysis.benefits``)."""
    today = today or datetime.date.today()
    indicators = list(indicators)
    live_on = went_live_on({i.arrangement_id for i in indicators})
    due_of: dict[tuple, list] = {}  # indicators set up together share their due periods
    due: dict[int, list] = {}
    for ind in indicators:
        # Nothing is due for a period before the arrangement went live.
        starts_on = max(ind.starts_on, live_on.get(ind.arrangement_id, ind.starts_on))
        key = (ind.frequency, starts_on, ind.grace_days)
        if key not in due_of:
            due_of[key] = due_periods(ind.frequency, starts_on, today, ind.grace_days)
        due[ind.pk] = due_of[key]
    progress = _progress(indicators, due)
    gaps = {pair for pair, r in progress.items() if r["returned"] < len(due[pair[0]])}
    received = _received(gaps)

    # The shown figures in full, and the latest of every partner (for its status).
    shown = Actual.objects.filter(indicator_id__in=[i.pk for i in indicators]).order_by(
        "indicator_id", "period_ends_on"
    )
    full: list = []
    if rows:
        if year is not None:
            shown = shown.filter(period_ends_on__range=financial_year_bounds(year))
        full = list(shown.values_list(*_FULL))
    latest_at = {pair: r["last"] for pair, r in progress.items()}

    def is_latest(a) -> bool:
        return latest_at.get((a[0], a[1])) == a[6]

    latest_rows = [a for a in full if is_latest(a)]
    if len(latest_rows) < len(latest_at):  # some latest figures are outside the shown year
        ends = {(i, d) for (i, _), d in latest_at.items()}
        latest_rows = [
            a
            for a in Actual.objects.filter(
                _any_of([Q(indicator_id=i, period_ends_on=d) for i, d in ends])
            ).values_list(*_FULL)
            if is_latest(a)
        ]

    by_indicator: dict[int, list] = defaultdict(list)
    for a in full:
        by_indicator[a[0]].append(a)
    latest_by: dict[int, list] = defaultdict(list)
    for a in latest_rows:
        latest_by[a[0]].append(a)
    out = []
    for ind in indicators:
        councils = sorted(ind.councils.all(), key=lambda c: c.name)
        view = IndicatorView(ind, councils, {b.council_id: b for b in ind.baselines.all()})
        # A savings measure's baseline is a year's cost: pro rata, it is comparable with
        # each period's actual (analysis.benefits.realised_savings does the same).
        per = PER_YEAR[ind.frequency] if ind.measures_savings else 1
        view.chart_baselines = {c: b.value / per for c, b in view.baselines.items()}
        rule = (float(ind.target), float(ind.tolerance), ind.direction)
        figures = by_indicator[ind.pk]
        statuses = rag_many([float(a[3]) for a in figures], *rule)
        periods: dict[str, dict] = {}
        for (_, council, period, value, note, url, _), status in zip(
            figures, statuses, strict=True
        ):
            periods.setdefault(period, {})[council] = {
                "value": value,
                "status": status,
                "note": note,
                "evidence_url": url,
            }
        view.rows = [
            {
                "period": p,
                "label": parse_period(p).label,
                "cells": [cells.get(c.pk) for c in councils],
            }
            for p, cells in periods.items()
        ]
        last = latest_by[ind.pk]
        for a, status in zip(last, rag_many([float(a[3]) for a in last], *rule), strict=True):
            view.latest[a[1]] = (a[2], a[3], status)
        if last:
            newest = max(last, key=lambda a: a[6])
            view.latest_period = newest[2]
            view.status = roll_up(
                s for (p, _, s) in view.latest.values() if p == view.latest_period
            )
        # A partner that returned every due period owes none; one with gaps owes the
        # periods missing from what it returned; one with no figure at all owes them all.
        owing = [c.pk for c in councils if (ind.pk, c.pk) in gaps or (ind.pk, c.pk) not in progress]
        owed = missing_by_partner(
            due[ind.pk], {c: received.get((ind.pk, c), set()) for c in owing}, owing
        )
        view.overdue = [(c, period) for c in councils for period in owed.get(c.pk, ())]
        out.append(view)
    return out


def arrangement_status(views: list[IndicatorView]) -> str:
    return roll_up(v.status for v in views)


def dashboard(user, *, today: datetime.date | None = None) -> dict:
    """The council dashboard panel: every live arrangement of the user's councils with
    its roll-up status, the overdue returns the user's councils owe, and savings."""
    from sharedservices.benefits.savings import arrangement_savings

    codes = acting_council_ids(user)
    if not codes:
        return {"arrangements": [], "overdue": []}
    arrangements = list(
        Arrangement.objects.visible_to(user)
        .filter(status=ArrangementStatus.LIVE, partners__council_id__in=codes)
        .distinct()
        .order_by("name")
    )
    indicators = (
        Indicator.objects.visible_to(user)
        .filter(arrangement__in=arrangements)
        .prefetch_related(
            Prefetch("councils", queryset=Council.objects.only("code", "name")), "baselines"
        )
    )
    views = indicator_views(indicators, today=today, rows=False)
    per: dict[int, list] = defaultdict(list)
    for v in views:
        per[v.indicator.arrangement_id].append(v)
    rows, owed = [], []
    for a in arrangements:
        savings = arrangement_savings(a) if per[a.pk] else None
        rows.append(
            {
                "arrangement": a,
                "status": arrangement_status(per[a.pk]),
                "indicators": len(per[a.pk]),
                "savings": savings,
            }
        )
        for v in per[a.pk]:
            owed += [(a, v.indicator, c, p) for c, p in v.overdue if c.pk in codes]
    return {"arrangements": rows, "overdue": owed}
