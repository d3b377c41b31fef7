"""Benchmark: the demo cabinet report (Lancaster–Preston Revenues and Benefits) rendered
as DOCX and as PDF, public and private editions: median time and peak Python memory of
each. Goal (issue 17): under 3 s each on the embedded default (SQLite).

Building the report's content (reading the case) is timed separately from rendering.
Peak memory is tracemalloc's peak of Python allocations during one render (Pango's and
Cairo's own C allocations are not counted; the process's peak RSS is printed at the end).

Builds its own throw-away database with the real ``load_councils`` and the demo.

    GEOGRAPHY_CACHE_DIR=... uv run python bench/bench_reports.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservices.settings")
os.environ.setdefault("SHAREDSERVICES_DATA_DIR", tempfile.mkdtemp(prefix="bench-reports-"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def measure(fn, runs: int) -> tuple[float, float, int]:
    """(median seconds, peak MiB of one run, size of the result in bytes)."""
    fn()  # warm: imports, fonts, templates
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    result = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20, len(result) if isinstance(result, bytes) else 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_councils", verbosity=0)
        from sharedservices.accounts.demo import load_demo_users
        from sharedservices.cases.demo import load_demo_cases
        from sharedservices.reports.content import edition
        from sharedservices.reports.demo import load_demo_reports
        from sharedservices.reports.document import report_document
        from sharedservices.reports.models import Report
        from sharedservices.reports.render_docx import render_docx
        from sharedservices.reports.render_html import render_pdf

        load_demo_users()
        load_demo_cases()
        load_demo_reports()
        report = Report.objects.get(council_id="E07000121", meeting="executive")
        document = report_document(report)
        print(f"{'step':<34} {'median s':>9} {'peak MiB':>9} {'bytes':>9}")
        rows = [("content from the case", lambda: report_document(report) and b"")]
        for name, public in (("public", True), ("private", False)):
            doc = edition(document, public=public)
            rows.append((f"DOCX, {name} edition", lambda doc=doc: render_docx(doc)))
            rows.append((f"PDF, {name} edition", lambda doc=doc: render_pdf(doc)))
        for name, fn in rows:
            seconds, peak, size = measure(fn, args.runs)
            flag = "" if name.startswith("content") else ("ok" if seconds < 3 else "SLOW")
            print(f"{name:<34} {seconds:>9.2f} {peak:>9.1f} {size:>9,}  {flag}")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"Process peak RSS: {rss:.0f} MiB. Goal: each render under 3 s.")
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
