"""Benefits realisation maths: status both ways round the tolerance edges, overdue
returns, savings against the case, and the cost-share rebalancing payment."""

import datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sharedservices.analysis.benefits import (
    AMBER,
    GREEN,
    HIGHER,
    LOWER,
    NONE,
    RED,
    PeriodError,
    against_case,
    cost_share_review,
    overdue,
    parse_period,
    rag,
    rag_many,
    realised_savings,
    roll_up,
)

A, B, C = "E07000121", "E07000123", "E07000126"
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
tolerances = st.floats(min_value=0, max_value=1e5, allow_nan=False)


def test_hand_worked_statuses_both_directions():
    # Collection rate, higher is better: target 97%, amber within 1 point.
    assert [rag(v, 97, 1, HIGHER) for v in (98, 97, 96.5, 96, 95.99)] == [
        GREEN,
        GREEN,
        AMBER,
        AMBER,
        RED,
    ]
    # Days to process a claim, lower is better: target 20, amber within 5 days.
    assert [rag(v, 20, 5, LOWER) for v in (18, 20, 22, 25, 25.01)] == [
        GREEN,
        GREEN,
        AMBER,
        AMBER,
        RED,
    ]
    assert rag(None, 20, 5, LOWER) == NONE
    assert rag_many([np.nan, 30], 20, 5, LOWER) == [NONE, RED]


@given(target=finite, tolerance=tolerances, direction=st.sampled_from([HIGHER, LOWER]))
def test_edges_are_inclusive(target, tolerance, direction):
    sign = 1 if direction == HIGHER else -1
    assert rag(target, target, tolerance, direction) == GREEN
    edge = target - sign * tolerance
    if tolerance > 1e-6 * max(1.0, abs(target)):
        assert rag(edge, target, tolerance, direction) == AMBER
    beyond = edge - sign * max(1e-6, 1e-8 * max(abs(target), tolerance))
    if beyond != edge:
        assert rag(beyond, target, tolerance, direction) == RED


@given(value=finite, target=finite, tolerance=tolerances)
def test_directions_are_mirror_images(value, target, tolerance):
    assert rag(value, target, tolerance, HIGHER) == rag(-value, -target, tolerance, LOWER)


@given(a=finite, b=finite, target=finite, tolerance=tolerances, d=st.sampled_from([HIGHER, LOWER]))
def test_better_is_never_worse(a, b, target, tolerance, d):
    better, worse = (max(a, b), min(a, b)) if d == HIGHER else (min(a, b), max(a, b))
    order = {GREEN: 0, AMBER: 1, RED: 2}
    assert order[rag(better, target, tolerance, d)] <= order[rag(worse, target, tolerance, d)]


@settings(deadline=None)  # timing varies on a shared machine; the property does not
@given(values=st.lists(finite, max_size=30), target=finite, tolerance=tolerances)
def test_vectorised_matches_one_at_a_time(values, target, tolerance):
    assert rag_many(values, target, tolerance, LOWER) == [
        rag(v, target, tolerance, LOWER) for v in values
    ]


def test_bad_direction_and_tolerance_are_named():
    with pytest.raises(ValueError, match="direction"):
        rag(1, 1, 1, "sideways")
    with pytest.raises(ValueError, match="negative"):
        rag(1, 1, -1, HIGHER)


def test_roll_up_is_the_worst():
    assert roll_up([GREEN, AMBER, GREEN]) == AMBER
    assert roll_up([GREEN, RED, AMBER]) == RED
    assert roll_up([GREEN, NONE]) == GREEN
    assert roll_up([]) == NONE


def test_periods():
    q = parse_period("2027-q1")
    assert str(q) == "2027-Q1" and q.ends_on == datetime.date(2027, 3, 31)
    assert q.financial_year == 2026
    m = parse_period("2027-02")
    assert m.ends_on == datetime.date(2027, 2, 28) and m.financial_year == 2026
    y = parse_period("2027")
    assert y.ends_on == datetime.date(2028, 3, 31) and y.financial_year == 2027
    assert str(parse_period("2027-Q4").next()) == "2028-Q1"
    for bad in ("2027-13", "2027-Q5", "27", "1800", "", "2027-3"):
        with pytest.raises(PeriodError):
            parse_period(bad)


def test_overdue_returns():
    start = datetime.date(2027, 4, 1)
    # On 15 November 2027 Q2 (ended 30 June) and Q3 (ended 30 September) are due after
    # 30 days' grace; Q4 (ends 31 December) is not yet.
    got = overdue("quarterly", start, datetime.date(2027, 11, 15), ["2027-Q2"])
    assert [str(p) for p in got] == ["2027-Q3"]
    assert overdue("quarterly", start, datetime.date(2027, 10, 30), []) == [parse_period("2027-Q2")]
    # The grace day itself is not yet overdue.
    assert [str(p) for p in overdue("monthly", start, datetime.date(2027, 5, 30), [])] == []
    assert [str(p) for p in overdue("monthly", start, datetime.date(2027, 5, 31), [])] == [
        "2027-04"
    ]
    assert [str(p) for p in overdue("annual", start, datetime.date(2028, 5, 1), [])] == ["2027"]


def test_realised_savings_hand_worked():
    # Lancaster's baseline is £400,000 a year: £100,000 a quarter.
    rows = [
        (A, "2027-Q2", 400_000, 90_000),  # saves 10,000 in 2027/28
        (A, "2027-Q3", 400_000, 95_000),  # 5,000
        (A, "2028-Q1", 400_000, 80_000),  # 20,000, still 2027/28
        (A, "2028-Q2", 400_000, 100_000),  # 0 in 2028/29
        (B, "2027-06", 120_000, 12_000),  # Preston £10,000 a month: -2,000 in 2027/28
    ]
    out = realised_savings(rows)
    assert out["by_year"] == {2027: {A: 35_000, B: -2_000}, 2028: {A: 0, B: 0}}
    assert out["total_by_year"] == {2027: 33_000, 2028: 0}
    assert out["cumulative"] == {2027: 33_000, 2028: 33_000}
    assert out["by_council"] == {A: 35_000, B: -2_000} and out["total"] == 33_000
    table = against_case(out["total_by_year"], {2027: 50_000, 2028: 50_000, 2029: 50_000})
    assert table[0] == {
        "year": 2027,
        "expected": 50_000,
        "realised": 33_000,
        "difference": -17_000,
        "cumulative_expected": 50_000,
        "cumulative_realised": 33_000,
    }
    assert table[2]["realised"] is None and table[2]["cumulative_expected"] == 100_000
    assert realised_savings([])["total"] == 0


def test_rebalancing_hand_worked():
    # Agreed 50/30/20 of a £1,000,000 running cost; actual usage 400/400/200 cases is
    # 40/40/20: Lancaster used 10 points less (owed £100,000), Preston 10 more (owes it).
    out = cost_share_review({A: 50, B: 30, C: 20}, {A: 400, B: 400, C: 200}, 1_000_000)
    assert out["triggered"] and out["largest_drift"] == pytest.approx(0.1)
    pay = {p["code"]: p["payment"] for p in out["partners"]}
    assert pay == {A: -100_000, B: 100_000, C: 0}
    # Within 3 points: nobody pays.
    calm = cost_share_review({A: 50, B: 50}, {A: 520, B: 480}, 1_000_000)
    assert not calm["triggered"]
    assert [p["payment"] for p in calm["partners"]] == [0, 0]
    # A tighter tolerance of 1 point triggers it: 2 points of £1,000,000.
    tight = cost_share_review({A: 50, B: 50}, {A: 520, B: 480}, 1_000_000, tolerance=0.01)
    assert [p["payment"] for p in tight["partners"]] == [20_000, -20_000]


@given(
    st.dictionaries(
        st.sampled_from(["A", "B", "C"]),
        st.sets(st.sampled_from([f"2026-{m:02d}" for m in range(1, 13)])),
    )
)
def test_missing_by_partner_is_missing_for_each_partner(received):
    from sharedservices.analysis.benefits import due_periods, missing, missing_by_partner

    due = due_periods("monthly", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), 0)
    partners = ["A", "B", "C"]
    got = missing_by_partner(due, received, partners)
    assert got == {c: missing(due, received.get(c, ())) for c in partners}


def test_financial_year_quarters_at_the_year_boundary():
    # A council's Q4 is January to March; its Q1 is April to June of the next year.
    q4, q1 = parse_period("2026/27 Q4"), parse_period("2027/28 Q1")
    assert (q4.starts_on, q4.ends_on) == (datetime.date(2027, 1, 1), datetime.date(2027, 3, 31))
    assert (q1.starts_on, q1.ends_on) == (datetime.date(2027, 4, 1), datetime.date(2027, 6, 30))
    assert (q4.financial_year, q1.financial_year) == (2026, 2027)
    assert q4.next() == q1 and q4 < q1
    assert q4.label == "2026/27 Q4, January to March 2027"
    assert q1.label == "2027/28 Q1, April to June 2027"
    # Both forms are read: the calendar "2027-Q1" is the same quarter as "2026/27 Q4".
    assert parse_period("2027-Q1") == q4 and parse_period("2027-Q2") == q1
    assert parse_period("2027/28-q1") == parse_period("2027/28Q1") == q1
    assert q4.written == "2026/27 Q4" and parse_period(q4.written) == q4
    assert parse_period("2027/28") == parse_period("2027")
    assert parse_period("1999/00 Q3").starts_on == datetime.date(1999, 10, 1)
    for bad in ("2027/29 Q1", "2027/28 Q5", "2027/2028 Q1"):
        with pytest.raises(PeriodError):
            parse_period(bad)
