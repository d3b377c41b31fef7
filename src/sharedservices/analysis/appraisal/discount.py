"""Discount factors under the Green Book's declining social time preference rate.

The Green Book (Annex A6) discounts year ``t`` by the product, over years 1 to t,
of ``1 / (1 + r)`` with ``r`` the rate in force in that year, so the long-term
rate steps down without making later years jump back up in value. Year 0 is
today and is not discounted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sharedservices.analysis.appraisal.reference import DiscountSchedule, discount_schedules


@dataclass(frozen=True)
class Discounting:
    """A schedule of the reference data, or a single user-given rate.

    A user rate is for sensitivity runs and for bodies with their own
    prescribed rate; the Green Book schedule stays the default.
    """

    schedule: str | None = "standard"
    rate: float | None = None
    edition: str | None = None

    def describe(self) -> dict:
        if self.rate is not None:
            return {"rate": self.rate}
        sched = discount_schedules(self.edition)[self.schedule]
        return {
            "schedule": sched.name,
            "edition": sched.edition,
            "label": sched.label,
            "source": sched.source,
        }

    def year_rates(self, n_years: int) -> np.ndarray:
        if self.rate is not None:
            return np.full(n_years, float(self.rate))
        return schedule_rates(discount_schedules(self.edition)[self.schedule], n_years)

    def factors(self, n_years: int) -> np.ndarray:
        return discount_factors(self.year_rates(n_years))


def schedule_rates(schedule: DiscountSchedule, n_years: int) -> np.ndarray:
    """The rate in force in each year 0..n_years-1 (year 0's rate is never used)."""
    rates = np.empty(n_years)
    for band in schedule.bands:
        end = n_years if band.to_year is None else min(band.to_year + 1, n_years)
        if band.from_year < end:
            rates[band.from_year : end] = band.rate
    return rates


def discount_factors(year_rates: np.ndarray) -> np.ndarray:
    """Discount factor of each year given the rate in force in each year.

    ``factor[0] = 1`` and ``factor[t] = prod_{y=1..t} 1 / (1 + year_rates[y])``,
    one cumulative product rather than a loop, so a 300-year horizon costs the
    same Python work as a 3-year one.
    """
    rates = np.asarray(year_rates, dtype=float)
    factors = np.ones(rates.shape[0])
    if rates.shape[0] > 1:
        factors[1:] = 1.0 / np.cumprod(1.0 + rates[1:])
    return factors
