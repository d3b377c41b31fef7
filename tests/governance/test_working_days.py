"""Clear working days skip weekends and England and Wales bank holidays."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sharedservices.governance.workingdays import add_working_days, is_working_day


@pytest.mark.parametrize(
    ("published", "days", "ends"),
    [
        # Easter 2027: Good Friday 26 March and Easter Monday 29 March are skipped.
        (datetime.date(2027, 3, 24), 5, datetime.date(2027, 4, 2)),
        # Christmas 2026: 25 Dec (Fri), Boxing Day's substitute on Mon 28 Dec, 1 Jan 2027.
        (datetime.date(2026, 12, 23), 5, datetime.date(2027, 1, 4)),
        # An ordinary week: published on a Monday, five clear working days end on Monday.
        (datetime.date(2026, 6, 1), 5, datetime.date(2026, 6, 8)),
        # Early May bank holiday 2027 (Mon 3 May).
        (datetime.date(2027, 4, 30), 1, datetime.date(2027, 5, 4)),
        (datetime.date(2027, 4, 30), 0, datetime.date(2027, 4, 30)),
    ],
)
def test_working_days_across_bank_holidays(published, days, ends):
    assert add_working_days(published, days) == ends


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2035, 12, 31)),
    st.integers(min_value=0, max_value=30),
)
def test_the_end_is_a_working_day_with_exactly_n_working_days_after_publication(start, n):
    end = add_working_days(start, n)
    between = [start + datetime.timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(is_working_day(d) for d in between) == n
    assert n == 0 or is_working_day(end)
