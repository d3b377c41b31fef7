"""The Benefits page shows one financial year at a time (the latest by default), while
status and overdue returns count every period; the selectors' database counting agrees
with a brute-force count over every figure."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import pytest

from sharedservices.analysis.benefits import due_periods, parse_period, rag, roll_up
from sharedservices.benefits.models import Actual
from sharedservices.benefits.selectors import figure_years, indicator_views, visible_indicators
from sharedservices.benefits.services import IndicatorInput, indicator_create
from tests.known import LANCASTER, PRESTON

START = datetime.date(2024, 4, 1)
TODAY = datetime.date(2026, 11, 29)


def monthly(world, name="Calls answered within a minute", **kw):
    return indicator_create(
        user=world["lancaster"],
        arrangement=world["arrangement"],
        data=IndicatorInput(
            name=name,
            kind="quality",
            unit="percent",
            direction="higher",
            target="80",
            tolerance="5",
            frequency="monthly",
            owner="Customer services manager",
            councils=[LANCASTER, PRESTON],
            starts_on=START,
            is_public=True,
            **kw,
        ),
    )


def put(indicator, council, period, value, note=""):
    Actual.objects.create(
        indicator=indicator, council_id=council, period=period, value=Decimal(value), note=note
    )


def _url(world, query=""):
    return f"/register/{world['arrangement'].pk}/benefits/{query}"


def test_the_latest_year_by_default_another_on_asking(client, world):
    ind = monthly(world)
    put(ind, LANCASTER, "2025-05", "70", note="May last year")
    put(ind, LANCASTER, "2026-05", "90", note="May this year")
    client.force_login(world["preston"])
    page = client.get(_url(world)).content.decode()
    assert "May this year" in page and "May last year" not in page
    assert "2026/27" in page and 'value="2025"' in page  # the year filter's choices
    page = client.get(_url(world, "?year=2025")).content.decode()
    assert "May last year" in page and "May this year" not in page
    page = client.get(_url(world, "?year=all")).content.decode()
    assert "May last year" in page and "May this year" in page
    # The status is the latest period's, whichever year is shown.
    assert 'data-status="red"' in client.get(_url(world, "?year=2025")).content.decode()
    assert figure_years([ind]) == [2025, 2026]


@pytest.mark.parametrize("junk", ["1999", "abc", "<script>alert(1)</script>", "9" * 40, ""])
def test_a_junk_year_is_named_and_the_latest_shown(client, world, junk):
    ind = monthly(world)
    put(ind, LANCASTER, "2026-05", "90", note="May this year")
    client.force_login(world["preston"])
    response = client.get(_url(world), {"year": junk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "May this year" in page and "<script>alert(1)</script>" not in page
    if junk:
        assert "govuk-error-summary" in page


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_status_and_overdue_count_every_period_as_brute_force_does(world, seed):
    """Random gaps, late and corrected returns: what the page's selectors say equals a
    count over every figure, for every year shown and for none."""
    rng = random.Random(seed)
    indicators = [monthly(world), monthly(world, name="Complaints upheld")]
    due = due_periods("monthly", START, TODAY, 30)
    every = [str(p) for p in due] + ["2026-10"]  # October: in, though not yet due
    for ind in indicators:
        for council in (LANCASTER, PRESTON):
            if rng.random() < 0.2:
                continue  # a partner that has returned nothing
            for period in every:
                if rng.random() < 0.85:
                    put(ind, council, period, str(rng.randint(60, 100)))
    indicators = list(visible_indicators(world["lancaster"], world["arrangement"]))
    for year, rows in [(None, True), (2024, True), (2026, True), (None, False)]:
        views = indicator_views(indicators, today=TODAY, year=year, rows=rows)
        for view in views:
            ind = view.indicator
            owed = due_periods(ind.frequency, ind.starts_on, TODAY, ind.grace_days)
            rule = (float(ind.target), float(ind.tolerance), ind.direction)
            figures = list(Actual.objects.filter(indicator=ind))
            by_council: dict[str, dict[str, float]] = {}
            for a in figures:
                by_council.setdefault(a.council_id, {})[a.period] = float(a.value)
            expected_overdue = [
                (c, p)
                for c in (LANCASTER, PRESTON)
                for p in owed
                if str(p) not in by_council.get(c, {})
            ]
            assert [(c.pk, p) for c, p in view.overdue] == expected_overdue
            latest = {
                c: max(got, key=lambda p: parse_period(p).ends_on) for c, got in by_council.items()
            }
            last = max(latest.values(), key=lambda p: parse_period(p).ends_on, default=None)
            assert view.latest_period == last
            assert view.status == roll_up(
                rag(by_council[c][p], *rule) for c, p in latest.items() if p == last
            )
            shown = {
                a.period
                for a in figures
                if rows and (year is None or parse_period(a.period).financial_year == year)
            }
            assert [r["period"] for r in view.rows] == sorted(
                shown, key=lambda p: parse_period(p).ends_on
            )
