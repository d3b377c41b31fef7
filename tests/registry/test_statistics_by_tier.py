"""Savings by kind of council, and two-tier against single-tier councils, worked
by hand on a small register; on the page, tables beside their charts."""

from __future__ import annotations

import pytest

LANCASTER, PRESTON, WYRE_FOREST = "E07000121", "E07000123", "E07000239"

pytestmark = pytest.mark.django_db

LANCASHIRE, BLACKPOOL, MANCHESTER = "E10000017", "E06000009", "E08000003"


@pytest.fixture
def register(make_arrangement):
    make_arrangement("live", LANCASTER, PRESTON, name="Districts", savings=100_000)
    make_arrangement("live", LANCASTER, LANCASHIRE, name="District and county", savings=40_000)
    make_arrangement("live", BLACKPOOL, PRESTON, name="Across the tiers", savings=7_000)
    make_arrangement("live", BLACKPOOL, MANCHESTER, name="Single tier", savings=3_000)
    make_arrangement("ended", MANCHESTER, name="Ended", savings=999_999)


def test_savings_by_kind_and_tier_count_each_arrangement_once_per_row(client, register):
    picture = client.get("/api/v1/stats").json()
    by_kind = {k["kind"]: (k["live"], k["savings_gbp"]) for k in picture["savings_by_kind"]}
    assert by_kind["district"] == (3, 147_000)
    assert by_kind["county"] == (1, 40_000)
    assert by_kind["unitary"] == (2, 10_000)
    assert by_kind["metropolitan"] == (1, 3_000)
    by_tier = {t["tier"]: t for t in picture["by_tier"]}
    assert (by_tier["two-tier"]["live"], by_tier["two-tier"]["savings_gbp"]) == (3, 147_000)
    assert (by_tier["single-tier"]["live"], by_tier["single-tier"]["savings_gbp"]) == (2, 10_000)
    assert (by_tier["both"]["live"], by_tier["both"]["savings_gbp"]) == (1, 7_000)
    assert by_tier["two-tier"]["in_live"] == 3  # Lancaster, Preston, Lancashire


def test_the_stats_page_puts_each_table_beside_its_chart(client, register):
    page = client.get("/stats/").content.decode()
    assert "Savings by kind of council" in page and "Two-tier and single-tier councils" in page
    for table in ("stats-savings-by-kind", "stats-by-tier"):
        chart = page.index(f'data-chart-for="{table}"')
        assert page.index(f'id="{table}"') > chart
        assert 'class="govuk-grid-column-one-half"' in page[chart - 200 : chart]
    assert '<div class="app-headline">' in page
