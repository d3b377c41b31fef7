"""The validated appraisal input: what ``schema.validate`` builds from JSON.

The engine only ever sees these types, so every check is done once, at the
edge, and the maths can trust its input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sharedservices.analysis.appraisal.discount import Discounting
from sharedservices.analysis.appraisal.distributions import Distribution
from sharedservices.analysis.appraisal.optimism_bias import Uplift

COST_CATEGORIES = ("capital", "transition", "running")
BENEFIT_CATEGORIES = ("cashable-saving", "non-cashable-benefit")
CATEGORIES_BY_KIND = {"cost": COST_CATEGORIES, "benefit": BENEFIT_CATEGORIES}


@dataclass(frozen=True)
class Uncertainty:
    distribution: Distribution
    group: str | None = None


@dataclass(frozen=True)
class Line:
    """One cost or benefit line, real terms at price-base-year prices.

    ``year_index`` holds years counted from the start year (0 = start year) and
    ``amounts`` the pounds in those years; years not listed are zero.
    """

    name: str
    kind: str  # "cost" | "benefit"
    category: str
    year_index: np.ndarray
    amounts: np.ndarray
    partners: tuple[tuple[str, float], ...] = ()
    uncertainty: Uncertainty | None = None
    discounting: Discounting | None = None  # None: the appraisal's own

    @property
    def sign(self) -> float:
        return 1.0 if self.kind == "benefit" else -1.0


@dataclass(frozen=True)
class Option:
    name: str
    lines: tuple[Line, ...]
    optimism_bias: dict[str, Uplift] = field(default_factory=dict)
    description: str | None = None

    def uplift_of(self, line: Line) -> float:
        """Optimism bias applies to costs only: the guidance has no generic benefit uplift."""
        if line.kind != "cost" or line.category not in self.optimism_bias:
            return 0.0
        return self.optimism_bias[line.category].uplift


@dataclass(frozen=True)
class MonteCarloSettings:
    iterations: int = 10_000
    seed: int | None = None
    bins: int = 20
    apply_optimism_bias: bool = True


@dataclass(frozen=True)
class Appraisal:
    start_year: int
    price_base_year: int
    horizon_years: int
    discounting: Discounting
    options: tuple[Option, ...]
    do_nothing_index: int = 0
    do_nothing_rule: str = "first option"
    monte_carlo: MonteCarloSettings | None = None
    sensitivity_change: float = 0.1
    title: str | None = None

    @property
    def years(self) -> np.ndarray:
        return np.arange(self.start_year, self.start_year + self.horizon_years)
