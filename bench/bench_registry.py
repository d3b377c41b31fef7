"""Register benchmark (issue 4): 10,000 arrangements over the real councils.

Prints: import of 10,000 rows (target < 10 s), and p50/p95 with query counts for
the register page, the map data and /api/v1/stats (target p95 < 300 ms, queries
not growing with page size). Runs on the database DATABASE_URL names (SQLite by
default) inside a transaction that is rolled back.

    uv run python bench/bench_registry.py [--rows 10000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservices.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from sharedservices.registry.demo import generated_rows  # noqa: E402
from sharedservices.registry.importing import import_arrangements  # noqa: E402


class Rollback(Exception):
    pass


def timed(fn, repeat):
    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], queries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    print(f"database: {connection.vendor}")
    rows = generated_rows(args.rows, seed=7)
    for r in rows:
        r.pop("_source")
        r["name"] = "Bench " + r["name"]
    payload = json.dumps(rows).encode()
    try:
        with transaction.atomic():
            start = time.perf_counter()
            result = import_arrangements(payload, fmt="json")
            took = time.perf_counter() - start
            assert result.ok, result.errors[:3]
            print(f"import {result.created:,} rows: {took:.2f} s (target < 10 s)")
            client = Client()
            for label, url in [
                ("register page (50 rows)", "/register/"),
                ("register page, filtered", "/register/?service_area=ict&status=live"),
                ("register page 20", "/register/?page=20"),
                ("map data /api/v1/stats/map", "/api/v1/stats/map"),
                ("/map/ page", "/map/"),
                ("/api/v1/stats", "/api/v1/stats"),
                ("/api/v1/arrangements?limit=10", "/api/v1/arrangements?limit=10"),
                ("/api/v1/arrangements?limit=100", "/api/v1/arrangements?limit=100"),
            ]:
                p50, p95, q = timed(lambda url=url: client.get(url), args.repeat)
                flag = "ok" if p95 < 300 else "SLOW"
                print(f"{label:34s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {q:3d} queries  {flag}")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
