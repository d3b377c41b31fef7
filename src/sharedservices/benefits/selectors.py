"""Reads of the benefits app, always through ``visible_to(user)``: an arrangement's
indicators with their baselines, actuals and status, overdue returns, the roll-up."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from sharedservices.analysis.benefits import (
    NONE,
    PER_YEAR,
    due_periods,
    missing,
    parse_period,
    rag_many,
    roll_up,
)
from sharedservices.base.tenancy import acting_council_ids
from sharedservices.benefits.models import Actual, Indicator
from sharedservices.registry.models import Arrangement, ArrangementStatus


@dataclass
class IndicatorView:
    indicator: Indicator
    councils: list  # Council objects, by name
    baselines: dict  # code -> IndicatorBaseline
    rows: list = field(default_factory=list)  # per period: {"period", "label", "cells"}
    latest: dict = field(default_factory=dict)  # code -> (period, value, status)
    status: str = NONE
    overdue: list = field(default_factory=list)  # (council, period)
    chart_baselines: dict = field(default_factory=dict)  # code -> in the actuals' terms


def visible_indicators(user, arrangement: Arrangement):
    return (
        Indicator.objects.visible_to(user)
        .filter(arrangement=arrangement)
        .prefetch_related("councils", "baselines__council")
    )


def indicator_views(indicators, *, today: datetime.date | None = None) -> list[IndicatorView]:
    """Each indicator's table (periods by council), latest status and overdue returns;
    the actuals of all of them in one query, statuses vectorised per indicator."""
    today = today or datetime.date.today()
    indicators = list(indicators)
    by_indicator: dict[int, list] = defaultdict(list)
    for a in (
        Actual.objects.filter(indicator__in=indicators)
        .order_by("period_ends_on")
        .values_list("indicator_id", "council_id", "period", "value", "note", "evidence_url")
    ):
        by_indicator[a[0]].append(a)
    out = []
    for ind in indicators:
        councils = sorted(ind.councils.all(), key=lambda c: c.name)
        view = IndicatorView(ind, councils, {b.council_id: b for b in ind.baselines.all()})
        # A savings measure's baseline is a year's cost: pro rata, it is comparable with
        # each period's actual (analysis.benefits.realised_savings does the same).
        per = PER_YEAR[ind.frequency] if ind.measures_savings else 1
        view.chart_baselines = {c: b.value / per for c, b in view.baselines.items()}
        actuals = by_indicator[ind.pk]
        statuses = rag_many(
            [float(a[3]) for a in actuals], float(ind.target), float(ind.tolerance), ind.direction
        )
        periods: dict[str, dict] = {}
        for a, status in zip(actuals, statuses, strict=True):
            periods.setdefault(a[2], {})[a[1]] = {
                "value": a[3],
                "status": status,
                "note": a[4],
                "evidence_url": a[5],
            }
            view.latest[a[1]] = (a[2], a[3], status)
        view.rows = [
            {
                "period": p,
                "label": parse_period(p).label,
                "cells": [cells.get(c.pk) for c in councils],
            }
            for p, cells in periods.items()
        ]
        if periods:
            last = list(periods)[-1]
            view.status = roll_up(s for (p, _, s) in view.latest.values() if p == last)
        due = due_periods(ind.frequency, ind.starts_on, today, ind.grace_days)
        for c in councils:
            received = [p for p, cells in periods.items() if c.pk in cells]
            view.overdue += [(c, period) for period in missing(due, received)]
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
        .prefetch_related("councils", "baselines__council")
    )
    views = indicator_views(indicators, today=today)
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
