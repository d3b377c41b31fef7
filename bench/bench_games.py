"""Shapley, nucleolus and core-check timings, against baselines and coopgame-py.

    uv run python bench/bench_games.py [--quick]

Games are random with worths ~ |S|^1.3 + N(0, |S|) and singletons worth 0
(so the imputation set is non-empty), the usual shape of a saving game.
Baselines written here: Shapley by a per-player loop over coalitions (the
straightforward vectorised form), least core as one LP with every row.

The product's own savings games: ``instances.district_sample`` (a real English
lower-tier council and its nearest neighbours, priced as the Find partners page
prices them: workload = postcodes, baseline cost = £300 a postcode) under the
default cost model, n = 14 to 20, three samples each; "neighbours" are a council
and its nearest ones (a partnership), "spread" councils from all over England.
Ours and coopgame-py run interleaved (ours, theirs, ours, theirs...) and the
medians are printed, with
the largest difference between the two allocations in pounds. Needs the council
geography cache (set ``GEOGRAPHY_CACHE_DIR``); ``--skip-savings`` leaves it out.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array

from sharedservices.analysis.bitsets import popcounts
from sharedservices.analysis.games import least_core, nucleolus, shapley

try:
    import coopgame
except ImportError:  # a dev dependency; the bench still runs without it
    coopgame = None


def game(n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    size = popcounts(n).astype(float)
    v = size**1.3 + rng.normal(size=1 << n) * size
    v[0] = 0.0
    v[[1 << i for i in range(n)]] = 0.0
    return v


def shapley_per_player(v: np.ndarray) -> np.ndarray:
    """Baseline: for each player, the weighted marginal over the coalitions without it."""
    n = len(v).bit_length() - 1
    size = popcounts(n)
    fact = np.array([float(np.prod(np.arange(1, k + 1))) for k in range(n + 1)])
    w = fact[:n] * fact[n - 1 :: -1][:n] / fact[n]
    masks = np.arange(1 << n)
    phi = np.empty(n)
    for i in range(n):
        without = masks[(masks >> i) & 1 == 0]
        phi[i] = np.sum(w[size[without]] * (v[without | (1 << i)] - v[without]))
    return phi


def least_core_full_lp(v: np.ndarray) -> float:
    n = len(v).bit_length() - 1
    masks = np.arange(1, (1 << n) - 1)
    rows, cols = np.nonzero((masks[:, None] >> np.arange(n)) & 1)
    a = csr_array((-np.ones(len(rows)), (rows, cols)), shape=(len(masks), n))
    from scipy.sparse import hstack

    a = hstack([a, csr_array(-np.ones((len(masks), 1)))])
    res = linprog(
        np.r_[np.zeros(n), 1.0],
        A_ub=a,
        b_ub=-v[masks],
        A_eq=np.r_[np.ones(n), 0.0][None, :],
        b_eq=[v[-1]],
        bounds=[(None, None)] * (n + 1),
        method="highs",
    )
    return float(res.x[-1])


def savings_games(n: int, spread: bool, samples: int = 3) -> list[np.ndarray]:
    from instances import district_sample

    from sharedservices.analysis.costmodel import CostModel, all_savings

    return [all_savings(CostModel(), district_sample(n, seed, spread)) for seed in range(samples)]


def _allocation(out) -> np.ndarray:
    return np.array(out["allocation"] if isinstance(out, dict) else out)


def on_savings_games(sizes: list[int], repeat: int) -> None:
    print(
        "\nnucleolus and least core on the product's savings games (real councils; seconds, "
        f"median over 3 samples x {repeat} interleaved runs)"
    )
    print(
        f"{'sample':>9} {'n':>3} {'nucleolus':>9} {'LP solves':>9} {'coopgame':>9} {'ratio':>6} "
        f"{'max |diff| £':>12} {'least core':>10}"
    )
    for spread, n in ((s, n) for s in (False, True) for n in sizes):
        ours, theirs, lcs, solves, diff = [], [], [], [], 0.0
        for v in savings_games(n, spread):
            for _ in range(repeat):
                nu, t = timed(nucleolus, v)
                ours.append(t)
                solves.append(nu.lp_solves)
                _, t = timed(least_core, v)
                lcs.append(t)
                if coopgame is not None:
                    out, t = timed(coopgame.nucleolus, coopgame.Game(list(v[1:])))
                    theirs.append(t)
                    diff = max(diff, float(np.abs(_allocation(out) - nu.allocation).max()))
        t_ours = float(np.median(ours))
        t_cg = float(np.median(theirs)) if theirs else np.nan
        family = "spread" if spread else "neighbours"
        print(
            f"{family:>9} {n:>3} {t_ours:9.3f} {int(np.median(solves)):>9} {t_cg:9.3f} "
            f"{t_cg / t_ours:6.1f} {diff:12.2e} {float(np.median(lcs)):10.3f}",
            flush=True,
        )


def timed(fn, *args, repeat: int = 1):
    best = np.inf
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - t)
    return out, best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="skip n = 24 and the slow baselines")
    ap.add_argument("--skip-savings", action="store_true", help="no real-council savings games")
    ap.add_argument("--only-savings", action="store_true", help="only the savings games")
    ap.add_argument("--repeat", type=int, default=3, help="runs per savings game")
    args = ap.parse_args()
    from importlib.metadata import version

    print(f"coopgame-py: {version('coopgame-py') if coopgame else 'not installed'}")
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    if not args.skip_savings:
        on_savings_games([14, 16] if args.quick else [14, 16, 18, 20], args.repeat)
    if args.only_savings:
        return
    print("\nexact Shapley value (seconds; ratio = baseline / ours)")
    print(
        f"{'n':>3} {'ours':>8} {'per-player':>11} {'ratio':>6} {'coopgame':>9} {'max |diff|':>11}"
    )
    for n in (16, 20) if args.quick else (16, 20, 22, 24):
        v = game(n)
        phi, t_ours = timed(shapley, v, repeat=3 if n <= 20 else 1)
        t_base = t_cg = np.nan
        diff = 0.0
        if n <= 22:
            base, t_base = timed(shapley_per_player, v)
            diff = float(np.abs(base - phi).max())
        if coopgame is not None and n <= 22:
            g = coopgame.Game(list(v[1:]))
            cg, t_cg = timed(coopgame.shapley, g)
            diff = max(diff, float(np.abs(np.array(cg) - phi).max()))
        print(
            f"{n:>3} {t_ours:8.3f} {t_base:11.3f} {t_base / t_ours:6.1f} {t_cg:9.3f} {diff:11.2e}"
        )

    print("\nnucleolus (seconds; imputation domain)")
    print(f"{'n':>3} {'ours':>8} {'LP solves':>9} {'coopgame':>9} {'ratio':>6} {'max |diff|':>11}")
    for n in (10, 16, 20):
        v = game(n, seed=1)
        nu, t_ours = timed(nucleolus, v)
        t_cg, diff = np.nan, np.nan
        if coopgame is not None:
            out, t_cg = timed(coopgame.nucleolus, coopgame.Game(list(v[1:])))
            x = np.array(out["allocation"] if isinstance(out, dict) else out)
            diff = float(np.abs(x - nu.allocation).max())
        print(
            f"{n:>3} {t_ours:8.3f} {nu.lp_solves:>9} {t_cg:9.3f} {t_cg / t_ours:6.1f} {diff:11.2e}"
        )

    print("\ncore check: least-core LP (core non-empty iff epsilon <= 0)")
    print(f"{'n':>3} {'ours':>8} {'full LP':>8} {'ratio':>6} {'epsilon':>10}")
    for n in (12, 16, 20):
        v = game(n, seed=2)
        lc, t_ours = timed(least_core, v)
        t_full = np.nan
        if n <= (14 if args.quick else 16):
            eps, t_full = timed(least_core_full_lp, v)
            assert abs(eps - lc.epsilon) < 1e-6 * max(1, abs(eps))
        print(f"{n:>3} {t_ours:8.3f} {t_full:8.3f} {t_full / t_ours:6.1f} {lc.epsilon:10.4f}")


if __name__ == "__main__":
    main()
