"""The command starts light: numba and scipy only in the searches that need them,
numba's on-disk cache reused by the next process, and a quiet fallback when no
cache folder can be written. Behaviour, not time (times are in bench/bench_cli.py)."""

import json
import os
import subprocess
import sys
import textwrap

from sharedservices.analysis import coalitions, jit

from .test_appraisal_engine import ISSUE_EXAMPLE
from .test_coalitions_cli import COUNCILS

HEAVY = ("numba", "scipy", "highspy", "llvmlite")


def python(code: str, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stderr
    return done


def heavy_modules_after(code: str) -> list[str]:
    done = python(
        textwrap.dedent(code)
        + textwrap.dedent(f"""
        import json, sys
        heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r}))
        print(json.dumps(heavy), file=sys.stderr)
        """)
    )
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_importing_the_command_modules_loads_no_numba_or_scipy():
    code = """
    import sharedservices.analysis.__main__
    import sharedservices.analysis.appraisal
    import sharedservices.analysis.coalitions
    import sharedservices.analysis.partition_exact
    import sharedservices.analysis.sharing
    """
    assert heavy_modules_after(code) == []


def test_small_commands_run_without_numba_or_scipy(tmp_path):
    small = tmp_path / "small.json"
    small.write_text(json.dumps({"councils": COUNCILS}))
    appraise = tmp_path / "appraise.json"
    appraise.write_text(json.dumps(ISSUE_EXAMPLE))
    code = f"""
    import contextlib, io
    from sharedservices.analysis.__main__ import main
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["coalitions", {str(small)!r}]) == 0
        assert main(["appraise", {str(appraise)!r}]) == 0
    """
    assert heavy_modules_after(code) == []


def test_the_command_gives_the_same_json_as_run(tmp_path):
    # eight councils: the plain-Python search; the answer is the one run() gives in-process
    councils = [
        {**c, "code": code, "lat": c["lat"] + 0.1 * i, "lon": c["lon"] - 0.05 * i}
        for i, (c, code) in enumerate(
            zip(
                COUNCILS * 3,
                ["E07000117", "E07000118", "E07000119", "E07000120", "E07000121", "E07000122"]
                + ["E07000123", "E07000124"],
                strict=False,
            )
        )
    ]
    payload = {"councils": councils, "model": {"governance_cost": 20000}}
    f = tmp_path / "in.json"
    f.write_text(json.dumps(payload))
    done = subprocess.run(
        [sys.executable, "-m", "sharedservices.analysis", "coalitions", str(f)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    want = coalitions.run(payload)
    got.pop("seconds"), want.pop("seconds")
    assert got == json.loads(json.dumps(want))
    assert len(got["coalitions"]) < len(councils)  # some partnership formed


def test_a_second_process_loads_the_kernels_from_the_cache(tmp_path):
    code = """
    import json, sys
    import numpy as np
    from sharedservices.analysis import partition_kernels as k
    k.per_player(np.arange(8, dtype=np.float64), 3)
    stats = k.per_player.stats
    print(json.dumps([sum(stats.cache_hits.values()), sum(stats.cache_misses.values())]))
    """
    env = {"NUMBA_CACHE_DIR": str(tmp_path)}
    first = json.loads(python(code, env).stdout)
    second = json.loads(python(code, env).stdout)
    assert first == [0, 1]  # compiled and written
    assert second == [1, 0]  # read back, not compiled
    assert any(p.suffix == ".nbi" for p in tmp_path.rglob("*"))


def test_no_cache_folder_anywhere_still_compiles():
    # numba refuses to decorate when no cache locator applies; ours compiles without one
    code = """
    import numpy as np
    from sharedservices.analysis.jit import njit

    @njit()
    def twice(x):
        return 2 * x

    assert twice(21) == 42
    assert twice._cache.__class__.__name__ == "NullCache"
    """
    python(code, {"NUMBA_CACHE_LOCATOR_CLASSES": "ZipCacheLocator"})


def test_a_read_only_package_sends_the_cache_to_the_temporary_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(jit.os, "access", lambda path, mode: False)
    folder = jit.cache_dir({}, tmp_path)
    assert folder is not None and "sharedservices-numba" in folder
    assert jit.cache_dir({"NUMBA_CACHE_DIR": "/elsewhere"}, tmp_path) is None
    monkeypatch.undo()
    assert jit.cache_dir({}, tmp_path) is None  # writable: numba's own choice, beside the code


def test_a_big_game_proved_by_the_lp_bound_loads_no_numba():
    # 21 players: the compiled passes only where numba is loaded already (it costs a
    # one-off command more than they save); the proof is the same in numpy
    code = """
    import json, sys
    from tests.analysis.test_partition_lp import cost_model_game
    from sharedservices.analysis.partition_exact import best_partition
    got = best_partition(cost_model_game(21))
    print(json.dumps([got.blocks, "lp_rounds" in got.stats, "numba" in sys.modules]))
    """
    blocks, proved, numba_loaded = json.loads(python(code).stdout)
    assert blocks == [(1 << 21) - 1] and proved
    assert not numba_loaded
