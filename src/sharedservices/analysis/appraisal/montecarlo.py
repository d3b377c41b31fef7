"""Monte Carlo on NPSV: vectorised, chunked, seeded.

Uncertainty is a multiplicative factor per line, applied to the whole line, so
an iteration never needs the year-by-year table: each option's NPSV is its
certain part plus a dot product of the factors with the uncertain lines'
signed present values. A chunk of iterations is then one matrix product
``factors (n x k) @ weights (k x options)``, and memory is bounded by the chunk
size, not by the number of iterations, apart from the NPSV samples themselves
(8 bytes per iteration per option, needed for exact percentiles).

Each random stream (a line, or a group of lines that move together) has its
own child of one ``SeedSequence``, so a seed reproduces a run exactly, and the
result does not depend on the chunk size.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import numpy as np

from sharedservices.analysis.appraisal.distributions import Distribution
from sharedservices.analysis.appraisal.engine import OptionFigures
from sharedservices.analysis.appraisal.model import MonteCarloSettings

DEFAULT_CHUNK = 1 << 16  # 65,536 iterations x 20 factors x 8 bytes = 10 MB per chunk


@dataclass(frozen=True)
class Stream:
    """One random stream: lines sharing it move together (rank correlation 1).

    ``columns`` pairs each distinct distribution in the stream with its column
    in the factor matrix; lines with the same distribution share a column.
    """

    key: str
    columns: tuple[tuple[Distribution, int], ...]


@dataclass(frozen=True)
class FactorModel:
    base: np.ndarray  # by option: NPSV of the lines with no uncertainty
    weights: np.ndarray  # columns x options: signed PV carried by each factor
    streams: tuple[Stream, ...]
    uncertain_lines: int


def factor_model(figures: list[OptionFigures], apply_optimism_bias: bool = True) -> FactorModel:
    """Reduce the appraisal to what an iteration needs: constants and weights."""
    base = np.zeros(len(figures))
    stream_columns: dict[str, dict[Distribution, int]] = {}
    weights: list[np.ndarray] = []
    uncertain = 0
    for k, fig in enumerate(figures):
        pv = fig.line_pv if apply_optimism_bias else fig.line_pv_raw
        signed = fig.line_sign * pv
        for j, line in enumerate(fig.option.lines):
            if line.uncertainty is None:
                base[k] += signed[j]
                continue
            uncertain += 1
            key = (
                f"group:{line.uncertainty.group}"
                if line.uncertainty.group is not None
                else f"line:{k}:{j}"
            )
            columns = stream_columns.setdefault(key, {})
            distribution = line.uncertainty.distribution
            if distribution not in columns:
                columns[distribution] = len(weights)
                weights.append(np.zeros(len(figures)))
            weights[columns[distribution]][k] += signed[j]
    streams = tuple(Stream(key, tuple(cols.items())) for key, cols in stream_columns.items())
    matrix = np.array(weights) if weights else np.zeros((0, len(figures)))
    return FactorModel(base, matrix, streams, uncertain)


def draw_factors(
    model: FactorModel, generators: list[np.random.Generator], n: int, out: np.ndarray
) -> np.ndarray:
    """Fill ``out[:n]`` (n x columns) with the next ``n`` factors of every stream."""
    for stream, rng in zip(model.streams, generators, strict=True):
        if len(stream.columns) == 1:
            distribution, column = stream.columns[0]
            out[:n, column] = distribution.sample(rng, n)
        else:
            shared = rng.random(n)
            for distribution, column in stream.columns:
                out[:n, column] = distribution.ppf(shared)
    return out[:n]


@dataclass(frozen=True)
class Simulation:
    npsv: np.ndarray  # iterations x options
    seed: int
    preferred_counts: np.ndarray  # by option: iterations in which it had the highest NPSV
    model: FactorModel


def simulate(
    figures: list[OptionFigures],
    settings: MonteCarloSettings,
    *,
    chunk_size: int = DEFAULT_CHUNK,
) -> Simulation:
    """Draw ``settings.iterations`` NPSVs of every option, chunk by chunk."""
    model = factor_model(figures, settings.apply_optimism_bias)
    seed = settings.seed if settings.seed is not None else secrets.randbelow(2**53)
    children = np.random.SeedSequence(seed).spawn(len(model.streams))
    generators = [np.random.Generator(np.random.PCG64(child)) for child in children]
    iterations, n_options = settings.iterations, len(figures)
    npsv = np.empty((iterations, n_options))
    preferred = np.zeros(n_options, dtype=np.int64)
    chunk_size = max(1, min(chunk_size, iterations))
    scratch = np.empty((chunk_size, model.weights.shape[0]))
    for start in range(0, iterations, chunk_size):
        n = min(chunk_size, iterations - start)
        block = npsv[start : start + n]
        if model.weights.shape[0]:
            np.matmul(draw_factors(model, generators, n, scratch), model.weights, out=block)
            block += model.base
        else:
            block[:] = model.base
        preferred += np.bincount(block.argmax(axis=1), minlength=n_options)
    return Simulation(npsv, seed, preferred, model)


def summarise(samples: np.ndarray, bins: int) -> dict:
    """Mean, spread, percentiles, P(NPSV < 0) and a histogram of one set of draws."""
    p5, p50, p95 = np.percentile(samples, [5.0, 50.0, 95.0])
    counts, edges = np.histogram(samples, bins=bins)
    return {
        "mean": float(samples.mean()),
        "sd": float(samples.std()),
        "p5": float(p5),
        "p50": float(p50),
        "p95": float(p95),
        "prob_negative": float(np.count_nonzero(samples < 0) / samples.size),
        "histogram": {"edges": edges.tolist(), "counts": counts.tolist()},
    }
