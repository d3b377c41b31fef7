"""Demo benefits on the live Mid Lancashire licensing arrangement (governance's demo):
three quarterly indicators with two years of figures from Lancaster, Preston and West
Lancashire, the latest quarter red on one and amber on another, one return overdue
(West Lancashire's latest), an independent review with an action, and the annual review
of the cost-sharing split with a rebalancing payment. Everything goes through the
services, as a person would enter it. Safe to run again: the register's demo loader
replaces demo arrangements, and this puts the benefits back on the new record."""

from __future__ import annotations

import datetime

from django.db import transaction

from sharedservices.accounts.models import User
from sharedservices.analysis.benefits import QUARTERLY, due_periods
from sharedservices.benefits.models import Indicator
from sharedservices.benefits.rules import ActualInput
from sharedservices.benefits.services import (
    IndicatorInput,
    actual_record,
    baseline_set,
    cost_share_hold,
    indicator_create,
    review_record,
)
from sharedservices.registry.models import Arrangement, ArrangementStatus

TITLE = "Mid Lancashire licensing (demo)"
LANCASTER, PRESTON, WEST_LANCS = "E07000121", "E07000123", "E07000127"
QUARTERS = 8

# name, kind, unit, direction, target, tolerance, savings?, baselines, series per council
# (oldest quarter first; the last is the latest quarter).
INDICATORS = [
    (
        "Average days to process a licence application",
        "quality",
        "days",
        "lower",
        "10",
        "3",
        False,
        {LANCASTER: 16, PRESTON: 18, WEST_LANCS: 15},
        {
            LANCASTER: [15, 14, 13, 12, 11, 10, 10, 9],
            PRESTON: [17, 16, 15, 13, 12, 12, 13, 15],  # red: 15 days, 2 beyond amber
            WEST_LANCS: [14, 13, 12, 11, 10, 10, 9, 9],
        },
    ),
    (
        "Licence fees collected on time",
        "quality",
        "percent",
        "higher",
        "95",
        "2",
        False,
        {LANCASTER: 91, PRESTON: 90, WEST_LANCS: 92},
        {
            LANCASTER: [92, 93, 94, 95, 95, 96, 96, 94],  # amber: 1 point short
            PRESTON: [91, 92, 93, 94, 95, 95, 96, 96],
            WEST_LANCS: [92, 93, 94, 95, 95, 96, 96, None],  # the overdue return
        },
    ),
    (
        "Net cost of the licensing service",
        "cost",
        "gbp",
        "lower",
        "60000",
        "5000",
        True,
        {LANCASTER: 280000, PRESTON: 300000, WEST_LANCS: 220000},
        {
            LANCASTER: [68000, 66000, 64000, 62000, 60000, 59000, 58000, 57500],
            PRESTON: [73000, 71000, 68000, 66000, 64000, 62000, 60000, 59000],
            WEST_LANCS: [54000, 53000, 52000, 51000, 50000, 49500, 49000, 48500],
        },
    ),
]


def _user(slug: str, role: str) -> User:
    return User.objects.get(email=f"{role}@{slug}.demo.example.org")


@transaction.atomic
def load_demo_benefits(*, today: datetime.date | None = None) -> int:
    """Returns how many figures were entered (0 when the demo benefits exist already)."""
    today = today or datetime.date.today()
    arrangement = (
        Arrangement.objects.filter(name=TITLE, status=ArrangementStatus.LIVE)
        .order_by("-pk")
        .first()
    )
    if arrangement is None or Indicator.objects.filter(arrangement=arrangement).exists():
        return 0
    lead = _user("lancaster", "lead-officer")
    # The last eight quarters whose returns are due today.
    probe = datetime.date(today.year - 3, 1, 1)
    quarters = due_periods(QUARTERLY, probe, today, 30)[-QUARTERS:]
    starts_on = quarters[0].starts_on
    codes = set(
        arrangement.partners.filter(council__isnull=False).values_list("council_id", flat=True)
    )
    entered = 0
    for name, kind, unit, direction, target, tol, savings, baselines, series in INDICATORS:
        councils = [c for c in (LANCASTER, PRESTON, WEST_LANCS) if c in codes]
        indicator = indicator_create(
            user=lead,
            arrangement=arrangement,
            data=IndicatorInput(
                name=name,
                kind=kind,
                unit=unit,
                direction=direction,
                target=target,
                tolerance=tol,
                frequency=QUARTERLY,
                owner="Head of Licensing, Lancaster City Council",
                councils=councils,
                starts_on=starts_on,
                measures_savings=savings,
                is_public=not savings,
            ),
        )
        for code in councils:
            baseline_set(
                user=None,
                indicator=indicator,
                council=code,
                value=baselines[code],
                as_at=starts_on - datetime.timedelta(days=1),
                source="2023/24 outturn (demo)",
                system=True,
            )
            for period, value in zip(quarters, series[code], strict=True):
                if value is None:
                    continue
                actual_record(
                    user=None,
                    indicator=indicator,
                    data=ActualInput(code, str(period), str(value)),
                    system=True,
                )
                entered += 1
    review_record(
        user=None,
        arrangement=arrangement,
        system=True,
        data={
            "kind": "independent",
            "title": "Independent review of the first year",
            "reviewer": "Lancashire Audit Partnership (demo)",
            "due_on": quarters[4].ends_on,
            "held_on": quarters[4].ends_on + datetime.timedelta(days=20),
            "findings": "Processing times fell in all three councils; Preston's caseload grew "
            "faster than planned.",
            "action": "Review Preston's staffing in the shared team",
            "action_owner": "Head of Licensing, Lancaster City Council",
            "action_due_on": today + datetime.timedelta(days=45),
        },
    )
    if codes == {LANCASTER, PRESTON, WEST_LANCS}:
        year = quarters[-1].financial_year - 1
        cost_share_hold(
            user=None,
            arrangement=arrangement,
            year=year,
            running_cost_gbp=600_000,
            agreed={LANCASTER: 40, PRESTON: 35, WEST_LANCS: 25},
            usage={LANCASTER: 380, PRESTON: 420, WEST_LANCS: 200},
            held_on=datetime.date(year + 1, 5, 15),
            system=True,
        )
    return entered
