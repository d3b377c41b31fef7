"""The deterministic appraisal: present values, NPSV, BCR and payback per option.

Each option's lines become one ``lines x years`` matrix, so discounting,
optimism bias and the year-by-year table are a handful of array operations
whatever the horizon. The present value of every line is kept, because the
sensitivity figures and the Monte Carlo both work from it: NPSV is linear in
each line, so a line's effect is its signed PV times a factor.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sharedservices.analysis.appraisal.discount import Discounting
from sharedservices.analysis.appraisal.model import Appraisal, Option


@dataclass(frozen=True)
class OptionFigures:
    """The numbers of one option; arrays are by year (0 = start year) or by line."""

    option: Option
    discount_factors: np.ndarray  # the appraisal's own schedule, by year
    costs_raw: np.ndarray  # by year, before optimism bias
    costs: np.ndarray  # by year, with optimism bias
    benefits: np.ndarray
    pv_costs_by_year: np.ndarray
    pv_benefits_by_year: np.ndarray
    pv_costs_raw_by_year: np.ndarray
    line_pv: np.ndarray  # by line, positive pounds, with optimism bias
    line_pv_raw: np.ndarray  # by line, before optimism bias
    line_sign: np.ndarray  # +1 benefit, -1 cost

    @property
    def net(self) -> np.ndarray:
        return self.benefits - self.costs

    @property
    def pv_net_by_year(self) -> np.ndarray:
        return self.pv_benefits_by_year - self.pv_costs_by_year

    @property
    def pv_costs(self) -> float:
        return float(self.pv_costs_by_year.sum())

    @property
    def pv_benefits(self) -> float:
        return float(self.pv_benefits_by_year.sum())

    @property
    def pv_costs_raw(self) -> float:
        return float(self.pv_costs_raw_by_year.sum())

    @property
    def npsv(self) -> float:
        return self.pv_benefits - self.pv_costs

    @property
    def npsv_raw(self) -> float:
        return self.pv_benefits - self.pv_costs_raw

    @property
    def signed_line_pv(self) -> np.ndarray:
        """Each line's contribution to NPSV: NPSV is exactly the sum of these."""
        return self.line_sign * self.line_pv


class DiscountCache:
    """Discount factors per distinct schedule or rate, worked out once per appraisal."""

    def __init__(self, horizon: int):
        self.horizon = horizon
        self._factors: dict[Discounting, np.ndarray] = {}

    def __call__(self, discounting: Discounting) -> np.ndarray:
        if discounting not in self._factors:
            self._factors[discounting] = discounting.factors(self.horizon)
        return self._factors[discounting]


def option_figures(option: Option, appraisal: Appraisal, cache: DiscountCache) -> OptionFigures:
    horizon = appraisal.horizon_years
    n = len(option.lines)
    base = cache(appraisal.discounting)
    values = np.zeros((n, horizon))
    uplift = np.zeros(n)
    sign = np.empty(n)
    factors = np.broadcast_to(base, (n, horizon))
    if any(line.discounting is not None for line in option.lines):
        factors = np.stack(
            [cache(line.discounting or appraisal.discounting) for line in option.lines]
        ) if n else factors  # fmt: skip
    for i, line in enumerate(option.lines):
        np.add.at(values[i], line.year_index, line.amounts)
        uplift[i] = option.uplift_of(line)
        sign[i] = line.sign
    is_cost = sign < 0
    adjusted = values * (1.0 + uplift)[:, None]
    present_raw = values * factors
    present = adjusted * factors
    return OptionFigures(
        option=option,
        discount_factors=base,
        costs_raw=values[is_cost].sum(axis=0),
        costs=adjusted[is_cost].sum(axis=0),
        benefits=values[~is_cost].sum(axis=0),
        pv_costs_by_year=present[is_cost].sum(axis=0),
        pv_benefits_by_year=present[~is_cost].sum(axis=0),
        pv_costs_raw_by_year=present_raw[is_cost].sum(axis=0),
        line_pv=present.sum(axis=1),
        line_pv_raw=present_raw.sum(axis=1),
        line_sign=sign,
    )


def appraise_options(appraisal: Appraisal) -> list[OptionFigures]:
    """Figures for every option, in input order."""
    cache = DiscountCache(appraisal.horizon_years)
    return [option_figures(option, appraisal, cache) for option in appraisal.options]


def payback_index(net_by_year: np.ndarray) -> int | None:
    """First year from which cumulative net benefit stays at or above zero to the horizon.

    "Stays" matters: an option that breaks even and then reinvests has not paid
    back until it is ahead for good. None when it is behind at the horizon. A
    tolerance of a billionth of the gross flows stops rounding (1.24 x 0.5 ...)
    from deciding a break-even year.
    """
    cumulative = np.cumsum(net_by_year)
    tolerance = 1e-9 * (float(np.abs(net_by_year).sum()) + 1.0)
    ahead_for_good = np.logical_and.accumulate((cumulative >= -tolerance)[::-1])[::-1]
    found = np.flatnonzero(ahead_for_good)
    return int(found[0]) if found.size else None


def benefit_cost_ratio(pv_benefits: float, pv_costs: float) -> float | None:
    """Reported for information only; the engine never passes or fails an option on it."""
    return pv_benefits / pv_costs if pv_costs > 0 else None


def ranking(npsvs: list[float]) -> list[int]:
    """Option indices by NPSV, highest first; ties keep the input order."""
    return sorted(range(len(npsvs)), key=lambda i: (-npsvs[i], i))
