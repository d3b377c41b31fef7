"""Benchmark of the council geography build: `uv run python bench/bench_geography.py`.

Runs the full build from the raw ONS package in a child process (so its peak memory is its
own), then a second child that finds the cache, and prints the figures against the targets of
issue 3: build under 180 s and 3 GB on 2 cores, re-run under 10 s, GeoJSON at most 3 MB.
The cache goes to a fresh temporary folder so the app's own cache is never touched.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"build_s": 180.0, "peak_rss_mb": 3072.0, "reload_s": 10.0, "geojson_mb": 3.0}

CHILD = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
from sharedservices.councils.geography import build_geography
geo = build_geography(cache_dir=Path(sys.argv[1]))
elapsed = time.perf_counter() - started
pairs = sum(len(n) for c, n in geo.neighbours.items()) // 2
print(json.dumps({
    "seconds": elapsed,
    "data_version": geo.data_version,
    "councils": len(geo.councils),
    "neighbour_pairs": pairs,
    "features": len(geo.boundaries["features"]),
    "containment_min": geo.metrics["containment_min"],
    "containment_median": geo.metrics["containment_median"],
    "timings": geo.metrics.get("timings", {}),
}))
"""


def run_child(cache_dir: Path) -> tuple[dict, float]:
    """Run one build in a child; return its report and the children's peak RSS so far (MB)."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(cache_dir)],
        check=True,
        capture_output=True,
        text=True,
    )
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return json.loads(done.stdout.strip().splitlines()[-1]), peak_mb


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-geography-") as tmp:
        cache_dir = Path(tmp)
        wall = time.perf_counter()
        build, peak_mb = run_child(cache_dir)
        build_wall = time.perf_counter() - wall
        wall = time.perf_counter()
        reload, _ = run_child(cache_dir)
        reload_wall = time.perf_counter() - wall
        geojson = cache_dir / build["data_version"] / "boundaries.geojson"
        geojson_mb = geojson.stat().st_size / 1e6

    figures = {
        "build_s": build_wall,
        "peak_rss_mb": peak_mb,
        "reload_s": reload_wall,
        "geojson_mb": geojson_mb,
    }
    print(f"data version           {build['data_version']}")
    print(
        f"councils               {build['councils']} "
        f"({build['features']} boundary features, {build['neighbour_pairs']} neighbour pairs)"
    )
    print(f"build steps (s)        {build['timings']}")
    print(
        f"containment            min {build['containment_min']:.1%}, "
        f"median {build['containment_median']:.1%} of own postcodes inside own polygon"
    )
    print(f"{'figure':<22} {'measured':>10} {'target':>10} {'ratio':>7}")
    for name, value in figures.items():
        target = TARGETS[name]
        print(f"{name:<22} {value:>10.2f} {target:>10.2f} {value / target:>7.2f}")
    print("(build_s and reload_s include interpreter start-up and imports)")


if __name__ == "__main__":
    main()
