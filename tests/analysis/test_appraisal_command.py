"""``python -m sharedservices.analysis appraise FILE.json``: the same engine from the shell."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from sharedservices.analysis.appraisal import run
from tests.analysis.test_appraisal_engine import ISSUE_EXAMPLE


def appraise(path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sharedservices.analysis", "appraise", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_command_prints_the_same_result_as_the_python_api(tmp_path):
    doc = copy.deepcopy(ISSUE_EXAMPLE)
    doc["monte_carlo"] = {"iterations": 2_000, "seed": 5}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(doc))
    done = appraise(path)
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed == json.loads(json.dumps(run(doc)))
    assert printed["options"][1]["npsv"] == pytest.approx(-27_958.41, abs=0.01)


def test_command_exits_2_with_every_error_and_its_path(tmp_path):
    doc = copy.deepcopy(ISSUE_EXAMPLE)
    doc["horizon_years"] = -1
    doc["options"][1]["lines"][0]["kind"] = "expense"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    done = appraise(path)
    assert done.returncode == 2
    errors = json.loads(done.stdout)["errors"]
    assert [e["path"] for e in errors] == ["$.horizon_years", "$.options[1].lines[0].kind"]
    assert "error: $.horizon_years: must be between 1 and 1000" in done.stderr


def test_command_reports_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    done = appraise(path)
    assert done.returncode == 2
    assert "not valid JSON" in done.stdout
