"""Benchmark the Green Book appraisal engine: ``uv run python bench/bench_appraisal.py``.

Prints the figures the issue sets targets for, on one core:

* deterministic appraisal of 5 options x 30 lines x 60 years (target < 5 ms), both the
  whole ``run`` (validation + maths + JSON-able result) and the engine alone;
* Monte Carlo of 1,000,000 iterations of a 10-year case with 20 uncertain lines
  (target < 2 s and < 1 GB), with its peak memory, and the speed-up over a plain-Python
  loop doing the same sums (run on fewer iterations and scaled).

Not part of the test suite: timings depend on the machine.
"""

from __future__ import annotations

import os

# One core, as the target says: BLAS must not spread the matrix products over threads.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402

from sharedservices.analysis.appraisal import (  # noqa: E402
    appraise_options,
    run,
    simulate,
    validate,
)

START = 2026


def deterministic_case(options: int = 5, lines: int = 30, years: int = 60) -> dict:
    rng = random.Random(1)
    kinds = [
        ("cost", "capital"),
        ("cost", "transition"),
        ("cost", "running"),
        ("benefit", "cashable-saving"),
        ("benefit", "non-cashable-benefit"),
    ]

    def option(k: int) -> dict:
        return {
            "name": f"Option {k}",
            "optimism_bias": {"capital": 0.24, "transition": 0.1, "running": 0.05},
            "lines": [
                {
                    "name": f"Line {j}",
                    "kind": kinds[j % 5][0],
                    "category": kinds[j % 5][1],
                    "values": {
                        str(START + t): round(rng.uniform(1_000, 100_000), 2) for t in range(years)
                    },
                    "partner": ["Lancaster", "Preston", "Wyre"][j % 3],
                }
                for j in range(lines)
            ],
        }

    return {
        "start_year": START,
        "price_base_year": START,
        "horizon_years": years,
        "discount": {"schedule": "standard"},
        "options": [option(k) for k in range(options)],
    }


def monte_carlo_case(iterations: int, lines: int = 20, years: int = 10, mixed=False) -> dict:
    rng = random.Random(2)
    spreads = [
        {"distribution": "triangular", "low": 0.8, "mode": 1.0, "high": 1.3},
        {"distribution": "pert", "low": 0.7, "mode": 1.0, "high": 1.2},
        {"distribution": "normal", "mean": 1.0, "sd": 0.1},
        {"distribution": "uniform", "low": 0.9, "high": 1.1},
    ]
    uncertain = [
        {
            "name": f"Line {j}",
            "kind": "cost" if j % 2 else "benefit",
            "category": "running" if j % 2 else "cashable-saving",
            "values": {str(START + t): round(rng.uniform(10_000, 90_000)) for t in range(years)},
            "uncertainty": spreads[j % 4] if mixed else spreads[0],
        }
        for j in range(lines)
    ]
    return {
        "start_year": START,
        "price_base_year": START,
        "horizon_years": years,
        "options": [
            {"name": "Do nothing", "lines": []},
            {"name": "Shared service", "lines": uncertain},
        ],
        "monte_carlo": {"iterations": iterations, "seed": 1},
    }


def best_of(fn, repeat: int) -> tuple[float, float]:
    """(best, median) wall time in seconds over ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def ms(best: float, median: float) -> str:
    return f"best {best * 1e3:6.2f} ms, median {median * 1e3:6.2f} ms"


def plain_python_monte_carlo(doc: dict, iterations: int) -> list[float]:
    """The baseline: the same model, one iteration at a time, in plain Python.

    It is already given each line's PV (the engine's own design), so the ratio
    measures the vectorised sampling and products, not a naive year-by-year loop,
    which would be slower still.
    """
    figures = appraise_options(validate(doc))[1]
    signed = [float(s * pv) for s, pv in zip(figures.line_sign, figures.line_pv, strict=True)]
    spreads = [
        (u["low"], u["high"], u["mode"])
        for u in (line["uncertainty"] for line in doc["options"][1]["lines"])
    ]
    rng = random.Random(1)
    out = []
    for _ in range(iterations):
        total = 0.0
        for (low, high, mode), pv in zip(spreads, signed, strict=True):
            total += rng.triangular(low, high, mode) * pv
        out.append(total)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=1_000_000)
    parser.add_argument("--baseline-iterations", type=int, default=50_000)
    args = parser.parse_args()

    doc = deterministic_case()
    run(doc)  # warm caches (reference data, imports)
    best, median = best_of(lambda: run(doc), 30)
    appraisal = validate(doc)
    engine_best, engine_median = best_of(lambda: appraise_options(appraisal), 100)
    print("Deterministic: 5 options x 30 lines x 60 years (target < 5 ms)")
    print(f"  run() (validate + appraise + result): {ms(best, median)}")
    print(f"  validate() alone:                     {ms(*best_of(lambda: validate(doc), 30))}")
    print(f"  engine alone (appraise_options):      {ms(engine_best, engine_median)}")

    n = args.iterations
    print(f"\nMonte Carlo: {n:,} iterations x 20 uncertain lines x 10 years (target < 2 s, < 1 GB)")
    for label, mixed in (("triangular", False), ("mixed (tri/PERT/normal/uniform)", True)):
        mc_doc = monte_carlo_case(n, mixed=mixed)
        mc_appraisal = validate(mc_doc)
        figures = appraise_options(mc_appraisal)
        tracemalloc.start()
        start = time.perf_counter()
        sim = simulate(figures, mc_appraisal.monte_carlo)
        simulate_time = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        start = time.perf_counter()
        result = run(mc_doc)
        run_time = time.perf_counter() - start
        print(f"  {label}:")
        print(
            f"    simulate():             {simulate_time:6.3f} s, peak traced {peak / 2**20:.1f} MB"
        )
        print(f"    run() with statistics:  {run_time:6.3f} s")
        fig = figures[1]
        expected = sum(
            sign * pv * line.uncertainty.distribution.mean()
            for sign, pv, line in zip(fig.line_sign, fig.line_pv, fig.option.lines, strict=True)
        )
        print(
            f"    NPSV mean {result['monte_carlo']['Shared service']['mean']:,.0f} "
            f"(expected from the factors' means {expected:,.0f}; "
            f"deterministic NPSV {fig.npsv:,.0f})"
        )
        del sim

    mc_doc = monte_carlo_case(n)
    figures = appraise_options(validate(mc_doc))
    base_n = args.baseline_iterations
    start = time.perf_counter()
    plain_python_monte_carlo(mc_doc, base_n)
    plain = (time.perf_counter() - start) * n / base_n
    mc_appraisal = validate(mc_doc)
    vectorised, _ = best_of(lambda: simulate(figures, mc_appraisal.monte_carlo), 3)
    print(f"\nPlain-Python loop, same case: {base_n:,} iterations scaled to {n:,}: {plain:6.2f} s")
    print(f"  vectorised simulate() best of 3:      {vectorised:6.3f} s")
    print(f"  speed-up: {plain / vectorised:,.0f}x")
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nProcess peak RSS (whole benchmark, incl. Python and numpy): {max_rss:,.0f} MB")


if __name__ == "__main__":
    main()
