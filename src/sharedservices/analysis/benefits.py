"""Benefits realisation: red/amber/green status, returns that are overdue, savings
realised against the business case, and the annual review of the cost-sharing split.

Rules (docs in the README, "Benefits realisation"):

- **Status** of a value against an indicator's target and amber tolerance (both in the
  indicator's unit), in its own direction. Higher is better: at or above the target is
  green, at or above ``target - tolerance`` amber, below that red. Lower is better: at or
  below the target green, at or below ``target + tolerance`` amber, above red. No value:
  no status. An arrangement's roll-up is its worst indicator (red over amber over green).
- **Periods** follow the councils' financial year (1 April to 31 March). A quarter is
  written ``2027/28 Q1`` (April to June 2027; Q4 is January to March 2028), a month
  ``2027-03`` (March 2027), a year ``2027/28`` or ``2027`` (April 2027 to March 2028).
  The older calendar form ``2027-Q1`` (January to March 2027, so ``2026/27 Q4``) is still
  read, and is the key a figure is stored under; people see and write the financial form.
  A return is overdue when it has not arrived ``grace_days`` after its period ends.
- **Realised savings**: for a cost indicator in pounds that measures the partner's spend
  on the service, the saving of a period is the partner's baseline (a year's cost, from
  the business case) pro rata for the period, less the actual. Savings are summed by
  financial year (April to March, the year it starts in) and partner.
- **Rebalancing**: each partner's actual usage share against its agreed share; when any
  drifts beyond the tolerance (3 percentage points by default) the running cost is
  re-split by actual usage. The maths is ``analysis.sharing``'s, called here.

No Django here: the benefits app feeds plain numbers in and shows what comes out.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from sharedservices.analysis import sharing

HIGHER, LOWER = "higher", "lower"
GREEN, AMBER, RED, NONE = "green", "amber", "red", ""
STATUSES = (GREEN, AMBER, RED)
_CODES = np.array([GREEN, AMBER, RED, NONE], dtype=object)
MONTHLY, QUARTERLY, ANNUAL = "monthly", "quarterly", "annual"
PER_YEAR = {MONTHLY: 12, QUARTERLY: 4, ANNUAL: 1}
DEFAULT_GRACE_DAYS = 30
DEFAULT_REBALANCING_TOLERANCE = 0.03


class PeriodError(ValueError):
    """A period not written 2027/28 Q1, 2027-Q1, 2027-03, 2027/28 or 2027, or out of range."""


# --- status -------------------------------------------------------------------------


def rag_codes(values, target: float, tolerance: float, direction: str) -> np.ndarray:
    """Status codes for many values at once: 0 green, 1 amber, 2 red, 3 none (NaN)."""
    if direction not in (HIGHER, LOWER):
        raise ValueError(f"direction must be {HIGHER!r} or {LOWER!r}, not {direction!r}")
    if tolerance < 0:
        raise ValueError("the amber tolerance cannot be negative")
    v = np.asarray(values, dtype=float)
    # Shortfall against the target in the indicator's own direction (<= 0 is on target).
    short = (target - v) if direction == HIGHER else (v - target)
    # Values are entered to a few decimal places: a value exactly on an edge must not
    # turn red because binary floating point rounded ``target - tolerance``.
    eps = 1e-9 * max(1.0, abs(target), tolerance)
    codes = np.where(short <= eps, 0, np.where(short <= tolerance + eps, 1, 2))
    return np.where(np.isnan(v), 3, codes)


def rag(value: float | None, target: float, tolerance: float, direction: str) -> str:
    """The status of one value: ``green``, ``amber``, ``red``, or ``""`` if no value."""
    code = rag_codes([np.nan if value is None else value], target, tolerance, direction)[0]
    return str(_CODES[code])


def rag_many(values, target: float, tolerance: float, direction: str) -> list[str]:
    return _CODES[rag_codes(values, target, tolerance, direction)].tolist()


def roll_up(statuses: Iterable[str]) -> str:
    """The worst status: red over amber over green; ``""`` when nothing is measured."""
    seen = set(statuses)
    for status in (RED, AMBER, GREEN):
        if status in seen:
            return status
    return NONE


# --- periods ------------------------------------------------------------------------

_PERIOD = re.compile(r"^(\d{4})(?:-(Q[1-4]|\d{2}))?$")
# The financial year's own form: "2027/28 Q1", "2027/28-Q1", "2027/28Q1" or the year "2027/28".
_FINANCIAL = re.compile(r"^(\d{4})/(\d{2})(?:[ -]?Q([1-4]))?$")
_QUARTER_MONTHS = {1: "April to June", 2: "July to September", 3: "October to December"}


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period; ``frequency`` says whether ``index`` is a month or quarter."""

    year: int
    index: int  # month 1-12, quarter 1-4, or 0 for a financial year
    frequency: str

    def __str__(self) -> str:
        if self.frequency == MONTHLY:
            return f"{self.year}-{self.index:02d}"
        if self.frequency == QUARTERLY:
            return f"{self.year}-Q{self.index}"
        return str(self.year)

    @property
    def first_month(self) -> tuple[int, int]:
        """(year, month) the period starts in."""
        if self.frequency == MONTHLY:
            return self.year, self.index
        if self.frequency == QUARTERLY:
            return self.year, 3 * self.index - 2
        return self.year, 4

    @property
    def starts_on(self) -> datetime.date:
        year, month = self.first_month
        return datetime.date(year, month, 1)

    @property
    def ends_on(self) -> datetime.date:
        if self.frequency == ANNUAL:
            return datetime.date(self.year + 1, 3, 31)
        year, month = self.first_month
        month += 1 if self.frequency == MONTHLY else 3  # the first month after it
        if month > 12:
            year, month = year + 1, month - 12
        return datetime.date(year, month, 1) - datetime.timedelta(days=1)

    @property
    def financial_year(self) -> int:
        """The financial year (April to March) it falls in, named by the year it starts."""
        year, month = self.first_month
        return year if month >= 4 else year - 1

    @property
    def financial_quarter(self) -> int:
        """1 for April to June ... 4 for January to March (quarterly periods)."""
        return 4 if self.index == 1 else self.index - 1

    @property
    def written(self) -> str:
        """As councils write it: ``2027/28 Q1`` for a quarter, ``2027-03``, ``2027/28``."""
        fy = self.financial_year
        if self.frequency == QUARTERLY:
            return f"{fy}/{(fy + 1) % 100:02d} Q{self.financial_quarter}"
        if self.frequency == ANNUAL:
            return f"{fy}/{(fy + 1) % 100:02d}"
        return str(self)

    @property
    def label(self) -> str:
        if self.frequency == MONTHLY:
            return datetime.date(self.year, self.index, 1).strftime("%B %Y")
        if self.frequency == QUARTERLY:
            months = _QUARTER_MONTHS.get(self.financial_quarter, "January to March")
            return f"{self.written}, {months} {self.year}"
        return f"{self.written}, April {self.year} to March {self.year + 1}"

    def next(self) -> Period:
        n = {MONTHLY: 12, QUARTERLY: 4}.get(self.frequency)
        if n is None:
            return Period(self.year + 1, 0, ANNUAL)
        if self.index == n:
            return Period(self.year + 1, 1, self.frequency)
        return Period(self.year, self.index + 1, self.frequency)


@functools.lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """``2027/28 Q1`` (or the calendar ``2027-Q2``), ``2027-03``, ``2027/28`` or ``2027``
    (years 1990 to 2100). Cached: a page or an
    import of thousands of figures has a few dozen distinct periods (a Period is frozen;
    a bad period raises each time, and is not cached)."""
    text = " ".join((text or "").strip().upper().split())
    if fm := _FINANCIAL.match(text):
        return _financial_period(int(fm.group(1)), int(fm.group(2)), fm.group(3))
    m = _PERIOD.match(text)
    if not m:
        raise PeriodError("write a quarter as 2027/28 Q1, a month as 2027-03 or a year as 2027/28")
    year = int(m.group(1))
    if not 1990 <= year <= 2100:
        raise PeriodError("the year must be between 1990 and 2100")
    part = m.group(2)
    if part is None:
        return Period(year, 0, ANNUAL)
    if part.startswith("Q"):
        return Period(year, int(part[1]), QUARTERLY)
    month = int(part)
    if not 1 <= month <= 12:
        raise PeriodError("the month must be 01 to 12")
    return Period(year, month, MONTHLY)


def _financial_period(year: int, next_year: int, quarter: str | None) -> Period:
    if not 1990 <= year <= 2100:
        raise PeriodError("the year must be between 1990 and 2100")
    if next_year != (year + 1) % 100:
        raise PeriodError(
            f"a financial year runs April to March: write {year}/{(year + 1) % 100:02d}"
        )
    if quarter is None:
        return Period(year, 0, ANNUAL)
    q = int(quarter)
    return Period(year + 1, 1, QUARTERLY) if q == 4 else Period(year, q + 1, QUARTERLY)


def financial_year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the financial year starting in April ``year``: every
    period of that year (month, quarter or the year) ends between them."""
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def first_period(frequency: str, on: datetime.date) -> Period:
    """The period of ``frequency`` that contains the day ``on``."""
    if frequency == MONTHLY:
        return Period(on.year, on.month, MONTHLY)
    if frequency == QUARTERLY:
        return Period(on.year, (on.month - 1) // 3 + 1, QUARTERLY)
    return Period(on.year if on.month >= 4 else on.year - 1, 0, ANNUAL)


def due_periods(
    frequency: str, starts_on: datetime.date, today: datetime.date, grace_days: int
) -> list[Period]:
    """Every period from the one containing ``starts_on`` whose return is due by ``today``
    (its end plus ``grace_days`` has passed)."""
    out: list[Period] = []
    p = first_period(frequency, starts_on)
    grace = datetime.timedelta(days=grace_days)
    while p.ends_on + grace < today:
        out.append(p)
        p = p.next()
    return out


def overdue(
    frequency: str,
    starts_on: datetime.date,
    today: datetime.date,
    received: Iterable[str],
    *,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> list[Period]:
    """The due periods with no return among ``received`` (periods as written)."""
    have = set(received)
    return [p for p in due_periods(frequency, starts_on, today, grace_days) if str(p) not in have]


def missing(due: list[Period], received: Iterable[str]) -> list[Period]:
    """The periods of ``due`` (from ``due_periods``) with no return among ``received``:
    one list of due periods serves every partner of an indicator."""
    have = set(received)
    return [p for p in due if str(p) not in have]


def missing_by_partner(
    due: list[Period], received: Mapping[str, Iterable[str]], partners: Iterable[str]
) -> dict[str, list[Period]]:
    """``missing`` for each of ``partners`` at once (``received`` by partner): each due
    period is written out once, not once per partner."""
    written = [(p, str(p)) for p in due]
    out = {}
    for code in partners:
        have = received.get(code, ())
        have = have if isinstance(have, set | frozenset) else set(have)
        out[code] = [p for p, w in written if w not in have]
    return out


# --- savings ------------------------------------------------------------------------


def realised_savings(rows: Iterable[tuple[str, str, float, float]]) -> dict:
    """Savings from ``(council, period, baseline a year, actual spend in the period)``.

    Returns ``by_year`` {financial year: {council: saving}}, ``by_council`` (all years),
    ``total_by_year``, ``cumulative`` (running total by year) and ``total``.
    """
    rows = list(rows)
    if not rows:
        return {
            "by_year": {},
            "by_council": {},
            "total_by_year": {},
            "cumulative": {},
            "total": 0.0,
        }
    # Parse each distinct period once: five years of monthly figures from ten partners
    # are 6,000 rows but 60 periods.
    written, period_index = np.unique([r[1] for r in rows], return_inverse=True)
    parsed = [parse_period(str(p)) for p in written]
    fy = np.array([p.financial_year for p in parsed])[period_index]
    per_year = np.array([PER_YEAR[p.frequency] for p in parsed], dtype=float)[period_index]
    baseline = np.array([r[2] for r in rows], dtype=float)
    actual = np.array([r[3] for r in rows], dtype=float)
    saving = baseline / per_year - actual
    councils_arr, ci = np.unique([r[0] for r in rows], return_inverse=True)
    years_arr, yi = np.unique(fy, return_inverse=True)
    councils = [str(c) for c in councils_arr]
    years = [int(y) for y in years_arr]
    grid = np.zeros((len(years), len(councils)))
    np.add.at(grid, (yi, ci), saving)
    by_year_total = grid.sum(axis=1)
    cumulative = np.cumsum(by_year_total)
    return {
        "by_year": {
            y: {c: round(float(grid[i, j]), 2) for j, c in enumerate(councils)}
            for i, y in enumerate(years)
        },
        "by_council": {c: round(float(grid[:, j].sum()), 2) for j, c in enumerate(councils)},
        "total_by_year": {y: round(float(by_year_total[i]), 2) for i, y in enumerate(years)},
        "cumulative": {y: round(float(cumulative[i]), 2) for i, y in enumerate(years)},
        "total": round(float(grid.sum()), 2),
    }


def against_case(
    realised: Mapping[int, float], expected: Mapping[int, float]
) -> list[dict[str, float | int | None]]:
    """Year by year: expected, realised (None for a year with no actuals), the difference,
    and both cumulatively over the years that have actuals."""
    years = sorted(set(realised) | set(expected))
    out = []
    run_expected = run_realised = 0.0
    for year in years:
        e = float(expected.get(year, 0.0))
        r = realised.get(year)
        if r is not None:
            run_expected += e
            run_realised += float(r)
        out.append(
            {
                "year": year,
                "expected": round(e, 2),
                "realised": None if r is None else round(float(r), 2),
                "difference": None if r is None else round(float(r) - e, 2),
                "cumulative_expected": round(run_expected, 2),
                "cumulative_realised": round(run_realised, 2),
            }
        )
    return out


# --- the annual review of the cost-sharing split ------------------------------------


def cost_share_review(
    agreed_percent: Mapping[str, float],
    actual_usage: Mapping[str, float],
    running_cost: float,
    *,
    tolerance: float = DEFAULT_REBALANCING_TOLERANCE,
) -> dict:
    """Each partner's actual usage share against its agreed share, and the payment each
    makes (positive) or receives (negative) when any share drifts beyond ``tolerance``
    (a fraction: 0.03 is 3 percentage points). Codes are GSS codes.

    ``analysis.sharing`` does the sums: the running cost is a ``usage`` line split by the
    agreed percentages, rebalanced by actual usage.
    """
    codes = list(agreed_percent)
    result = sharing.run(
        {
            "partners": [{"code": c, "usage": float(agreed_percent[c])} for c in codes],
            "lines": [
                {"name": "Running cost", "kind": "cost", "amount": running_cost, "basis": "usage"}
            ],
            "rebalancing": {
                "tolerance": tolerance,
                "actual_usage": {c: float(actual_usage.get(c, 0)) for c in codes},
            },
        }
    )
    line = result["lines"][0]
    reb = result["rebalancing"]["lines"][0]
    return {
        "tolerance": tolerance,
        "triggered": reb["triggered"],
        "largest_drift": reb["largest_drift"],
        "partners": [
            {
                "code": c,
                "agreed": line["fractions"][c],
                "actual": reb["actual_fractions"][c],
                "drift": round(reb["actual_fractions"][c] - line["fractions"][c], 6),
                "payment": reb["payments"][c],
            }
            for c in codes
        ],
    }
