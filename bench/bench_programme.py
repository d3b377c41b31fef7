"""Programme benchmark (issue 16).

1. A ranking of 200 opportunities on 10 criteria with its switching values
   (``analysis.ranking.rank``): target < 100 ms. Against a plain-Python loop that
   computes the same totals, order and swap values.
2. "Councils like you already share this" for every current council against a
   10,000-record register: target < 1 s per council. Runs on the database
   DATABASE_URL names (SQLite by default; migrated and loaded if empty) inside a
   transaction that is rolled back.

    uv run python bench/bench_programme.py [--rows 10000] [--skip-suggestions]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservices.settings")

from sharedservices.analysis import ranking  # noqa: E402


class Rollback(Exception):
    pass


def python_ranking(scores, weights):
    """The same answer with loops: parts, totals, order, each pair's sorted level points."""
    n, m = len(scores), len(weights)
    total_weight = sum(weights)
    parts = [[weights[j] * scores[i][j] / total_weight for j in range(m)] for i in range(n)]
    totals = [sum(weights[j] * scores[i][j] for j in range(m)) for i in range(n)]
    order = sorted(range(n), key=lambda i: (-totals[i], i))
    swaps = []
    for a, b in zip(order, order[1:], strict=False):
        gap = totals[a] - totals[b]
        row = []
        for j in range(m):
            d = scores[a][j] - scores[b][j]
            if d < 0 or (d > 0 and weights[j] - gap / d > 0):
                row.append((j, -gap / d))
        swaps.append(sorted(row, key=lambda x: abs(x[1])))
    return order, swaps, parts


def bench_ranking(runs: int) -> None:
    rng = np.random.default_rng(16)
    scores = rng.integers(0, 6, size=(200, 10))
    weights = rng.integers(1, 11, size=10).astype(float)
    ranking.rank(scores, weights)  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        r = ranking.rank(scores, weights)
        times.append((time.perf_counter() - start) * 1000)
    swaps = sum(len(item.swap) for item in r.items)
    plain = scores.tolist(), weights.tolist()
    start = time.perf_counter()
    for _ in range(10):
        order, _, _ = python_ranking(*plain)
    loop = (time.perf_counter() - start) * 100
    assert order == r.order
    median = statistics.median(times)
    print(
        f"ranking 200 x 10 with {swaps:,} switching values: median {median:.2f} ms, "
        f"max {max(times):.2f} ms over {runs} runs (target < 100 ms); "
        f"plain-Python loop {loop:.2f} ms ({loop / median:.1f}x)"
    )


def bench_suggestions(rows: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from sharedservices.councils.models import Council
    from sharedservices.programme.suggestions import suggestions_for
    from sharedservices.registry.demo import generated_rows
    from sharedservices.registry.importing import import_arrangements

    call_command("migrate", verbosity=0)
    if not Council.objects.exists():
        call_command("load_councils", verbosity=0)
    print(f"database: {connection.vendor}")
    data = generated_rows(rows, seed=16)
    for r in data:
        r.pop("_source")
        r["name"] = "Bench " + r["name"]
    try:
        with transaction.atomic():
            result = import_arrangements(json.dumps(data).encode(), fmt="json")
            assert result.ok, result.errors[:3]
            from sharedservices.registry.models import Arrangement

            live = Arrangement.objects.filter(status="live").count()
            print(f"register: {Arrangement.objects.count():,} arrangements ({live:,} live)")
            times, found = [], []
            for council in Council.objects.current().order_by("pk"):
                start = time.perf_counter()
                found.append(len(suggestions_for(council)))
                times.append(time.perf_counter() - start)
            times.sort()
            over = sum(t > 1 for t in times)
            median, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
            print(
                f"suggestions for {len(times)} current councils: median {median * 1000:.0f} ms,"
                f" p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
                f" (target < 1 s each; {over} over); median {statistics.median(found):.0f} rows"
            )
            raise Rollback
    except Rollback:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--skip-suggestions", action="store_true")
    args = parser.parse_args()
    bench_ranking(args.runs)
    if not args.skip_suggestions:
        bench_suggestions(args.rows)


if __name__ == "__main__":
    main()
