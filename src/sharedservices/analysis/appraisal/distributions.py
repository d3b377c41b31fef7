"""Multiplicative uncertainty factors for Monte Carlo (1.0 = the line as entered).

Each distribution can ``sample`` directly from a numpy Generator (the fast path,
used when a factor has a stream of its own) and give its quantile function
``ppf`` (used when lines of one group with different distributions must move
together: they share one uniform draw, which makes them perfectly
rank-correlated). Every sampler consumes its stream sample by sample, so a run
does not depend on how the iterations are split into chunks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def _special():
    """``scipy.special``, imported when a quantile is first needed: a deterministic
    appraisal never needs one, and the import is most of the command's start."""
    from scipy import special

    return special


@dataclass(frozen=True)
class Triangular:
    low: float
    mode: float
    high: float

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.triangular(self.low, self.mode, self.high, n)

    def ppf(self, u: np.ndarray) -> np.ndarray:
        low, mode, high = self.low, self.mode, self.high
        width = high - low
        cut = (mode - low) / width
        rising = low + np.sqrt(u * width * (mode - low))
        falling = high - np.sqrt((1.0 - u) * width * (high - mode))
        return np.where(u < cut, rising, falling)

    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3.0


@dataclass(frozen=True)
class Pert:
    """Beta-PERT: a beta on [low, high] with weight 4 on the mode, as in 3-point estimates."""

    low: float
    mode: float
    high: float

    @property
    def shape(self) -> tuple[float, float]:
        width = self.high - self.low
        return (
            1.0 + 4.0 * (self.mode - self.low) / width,
            1.0 + 4.0 * (self.high - self.mode) / width,
        )

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        a, b = self.shape
        return self.low + (self.high - self.low) * rng.beta(a, b, n)

    def ppf(self, u: np.ndarray) -> np.ndarray:
        a, b = self.shape
        return self.low + (self.high - self.low) * _special().betaincinv(a, b, u)

    def mean(self) -> float:
        return (self.low + 4.0 * self.mode + self.high) / 6.0


@dataclass(frozen=True)
class TruncatedNormal:
    """A normal factor conditioned on being >= 0: a line cannot turn negative.

    Sampled by inverse transform (not rejection) so each draw uses exactly one
    uniform, which keeps runs independent of chunking.
    """

    mean_: float
    sd: float

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return self.ppf(rng.random(n))

    def ppf(self, u: np.ndarray) -> np.ndarray:
        special = _special()
        below_zero = special.ndtr(-self.mean_ / self.sd)
        return np.maximum(
            self.mean_ + self.sd * special.ndtri(below_zero + u * (1.0 - below_zero)), 0.0
        )

    def mean(self) -> float:
        alpha = -self.mean_ / self.sd
        pdf = np.exp(-0.5 * alpha * alpha) / np.sqrt(2.0 * np.pi)
        return float(self.mean_ + self.sd * pdf / (1.0 - _special().ndtr(alpha)))


@dataclass(frozen=True)
class Uniform:
    low: float
    high: float

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return self.ppf(rng.random(n))

    def ppf(self, u: np.ndarray) -> np.ndarray:
        return self.low + (self.high - self.low) * u

    def mean(self) -> float:
        return (self.low + self.high) / 2.0


Distribution = Triangular | Pert | TruncatedNormal | Uniform


def describe(dist: Distribution) -> dict:
    if isinstance(dist, TruncatedNormal):
        return {"distribution": "normal", "mean": dist.mean_, "sd": dist.sd}
    name = {Triangular: "triangular", Pert: "pert", Uniform: "uniform"}[type(dist)]
    params = {"low": dist.low, "high": dist.high}
    if not isinstance(dist, Uniform):
        params["mode"] = dist.mode
    return {"distribution": name, **params}
