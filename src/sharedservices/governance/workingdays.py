"""Clear working days: weekends and England and Wales bank holidays skipped.

A call-in period of N clear working days after publication ends at the end of the Nth
working day after the day of publication (the day itself is not counted: "clear").
Bank holidays come from the ``holidays`` package (``UK``, subdivision ``ENG``, which
England and Wales share), so Easter Monday and substitute days are right every year.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The ``days``-th working day after ``start`` (``start`` itself not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    counted = 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def clear_days_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole days strictly between two dates (neither end counted)."""
    return max((later - earlier).days - 1, 0)
