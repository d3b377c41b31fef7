"""Benchmark: ``manage.py render_report`` as a whole process, PDF and DOCX (goal: under
2 s each), beside the same renders in one process (goal: the PDF under 1 s).

    SHAREDSERVICES_DATA_DIR=... uv run python bench/bench_render_report.py [--runs 5]

Uses the database of ``SHAREDSERVICES_DATA_DIR`` (the project's ``data/`` by default) as
it is, with the demo loaded (``scripts/demo`` or ``manage.py demo``): the demo's Lancaster
executive report on its Revenues and Benefits case, the private edition. Each process is
timed from its start to its exit, wall and CPU (user + system, from the operating
system's count for children), so a loaded machine shows as wall time well above CPU
time; the load average is printed. In-process figures are medians of ``--runs`` renders
after one warm-up render, wall and CPU.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNCIL, MEETING = "E07000121", "executive"


def demo_case() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservices.settings")
    import django

    django.setup()
    from sharedservices.reports.models import Report

    report = Report.objects.filter(council_id=COUNCIL, meeting=MEETING).first()
    if report is None:
        sys.exit("No demo report: load the demo first (scripts/demo or manage.py demo).")
    return report.case_id


def whole_process(case_id: int, fmt: str, runs: int) -> None:
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"report.{fmt}"
        command = [sys.executable, str(ROOT / "manage.py"), "render_report", str(case_id)]
        command += ["--council", COUNCIL, "--meeting", MEETING, "--format", fmt]
        command += ["--output", str(out)]
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            walls.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        size = out.stat().st_size
    print(
        f"render_report --format {fmt:<4} wall median {statistics.median(walls):5.2f} s "
        f"(min {min(walls):.2f}), CPU median {statistics.median(cpus):5.2f} s "
        f"(min {min(cpus):.2f}), {size:,} bytes; load {os.getloadavg()[0]:.1f}  "
        f"{'ok' if statistics.median(walls) < 2 else 'over 2 s'}",
        flush=True,
    )


def in_process(case_id: int, runs: int) -> None:
    from sharedservices.reports.content import edition
    from sharedservices.reports.document import report_document
    from sharedservices.reports.models import Report
    from sharedservices.reports.render_docx import render_docx
    from sharedservices.reports.render_html import render_pdf

    report = Report.objects.get(case_id=case_id, council_id=COUNCIL, meeting=MEETING)
    document = edition(report_document(report), public=False)
    for name, fn in (("PDF", render_pdf), ("DOCX", render_docx)):
        fn(document)  # warm: imports, fonts, templates
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            fn(document)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        print(
            f"in process, {name:<4} wall median {statistics.median(walls):5.2f} s, CPU median "
            f"{statistics.median(cpus):5.2f} s; load {os.getloadavg()[0]:.1f}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    case_id = demo_case()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    for fmt in ("pdf", "docx"):
        whole_process(case_id, fmt, args.runs)
    in_process(case_id, args.runs)


if __name__ == "__main__":
    main()
