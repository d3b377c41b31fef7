"""Benchmark: the council index page with its map, and a re-run of load_councils.

Targets (issue 3): the council index page with its map renders in headless
Chromium in under 2 s, with a boundary payload of at most 3 MB; a re-run of
``load_councils`` with nothing changed takes under 10 s.

Uses the development database (run ``python manage.py demo`` first, or this
script runs ``load_councils`` itself) and a runserver on a free loopback port.

    uv run python bench/bench_map_page.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, check=True)
    first = timed([*manage, "load_councils"])
    reruns = [timed([*manage, "load_councils"]) for _ in range(3)]
    print(f"load_councils: first call {first:.1f} s (includes any geography build)")
    print(
        f"load_councils re-run, nothing changed: median {statistics.median(reruns):.2f} s "
        f"(target < 10 s) over {len(reruns)} runs"
    )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "DJANGO_DEBUG": "1"},
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2)  # noqa: S310 (loopback)
                break
            except OSError:
                time.sleep(0.3)
        raw = urllib.request.urlopen(base + "/api/v1/councils/boundaries").read()  # noqa: S310
        req = urllib.request.Request(  # noqa: S310
            base + "/api/v1/councils/boundaries", headers={"Accept-Encoding": "gzip"}
        )
        zipped = urllib.request.urlopen(req).read()  # noqa: S310
        print(
            f"boundary payload: {len(raw) / 1e6:.2f} MB raw, {len(zipped) / 1e6:.2f} MB gzip "
            "(target <= 3 MB)"
        )

        from playwright.sync_api import sync_playwright

        times = []
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
            )
            for i in range(args.runs + 1):
                context = browser.new_context()  # a cold cache each time
                page = context.new_page()
                start = time.perf_counter()
                page.goto(base + "/councils/")
                page.wait_for_selector("[data-council-map][data-drawn]", timeout=30_000)
                elapsed = time.perf_counter() - start
                if i:  # the first run warms the server's caches
                    times.append(elapsed)
                context.close()
            browser.close()
        print(
            f"/councils/ with its map drawn, cold browser cache: median "
            f"{statistics.median(times):.2f} s, max {max(times):.2f} s over {len(times)} runs "
            "(target < 2 s)"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
