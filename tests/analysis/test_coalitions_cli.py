import json
import subprocess
import sys


def cli(command, payload, tmp_path):
    f = tmp_path / "in.json"
    f.write_text(json.dumps(payload) if not isinstance(payload, str) else payload)
    return subprocess.run(
        [sys.executable, "-m", "sharedservices.analysis", command, str(f)],
        capture_output=True,
        text=True,
        timeout=120,
    )


COUNCILS = [
    {"code": "E07000117", "baseline_cost": 1200000, "workload": 45000, "lat": 53.8, "lon": -2.2},
    {"code": "E07000120", "baseline_cost": 900000, "workload": 30000, "lat": 53.75, "lon": -2.35},
    {"code": "E07000122", "baseline_cost": 800000, "workload": 25000, "lat": 53.85, "lon": -2.1},
]


def test_coalitions_command_gives_the_contract(tmp_path):
    payload = {
        "councils": COUNCILS,
        "model": {"scale_exponent": 0.85, "governance_cost": 40000, "distance_cost_per_km": 500},
        "constraints": {
            "connected": True,
            "edges": [["E07000117", "E07000120"], ["E07000117", "E07000122"]],
            "max_size": 5,
            "together": [],
            "apart": [],
            "opt_out": [],
        },
    }
    done = cli("coalitions", payload, tmp_path)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert set(out) == {
        "coalitions",
        "total_saving",
        "optimal",
        "gap",
        "bound",
        "timed_out",
        "seconds",
    }
    assert set(out["coalitions"][0]) == {"members", "hub", "saving", "shares"}
    assert out["optimal"] is True


def test_coalitions_command_exits_2_with_paths(tmp_path):
    done = cli("coalitions", {"councils": [{"code": "E07000117"}]}, tmp_path)
    assert done.returncode == 2
    paths = {e["path"] for e in json.loads(done.stdout)["errors"]}
    assert "$.councils[0].baseline_cost" in paths
    assert "error: $.councils[0].workload" in done.stderr


def test_share_command_round_trip_and_errors(tmp_path):
    payload = {
        "partners": [
            {"code": c["code"], "households": 100 * (i + 1)} for i, c in enumerate(COUNCILS)
        ],
        "lines": [{"name": "rent", "kind": "cost", "amount": 600, "basis": "households"}],
    }
    done = cli("share", payload, tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["lines"][0]["shares"]["E07000122"] == 300.0
    bad = cli("share", "{not json", tmp_path)
    assert bad.returncode == 2 and "not valid JSON" in bad.stdout


def test_coalitions_stdout_is_pure_json_when_highs_solves(tmp_path):
    # 26 councils in a row: more than the exact search takes, so the candidates go
    # to HiGHS (whose constructor prints a banner on file descriptor 1)
    councils = [
        {
            "code": f"E07{i:06d}",
            "baseline_cost": 1_000_000 + 37_000 * (i % 5),
            "workload": 30_000 + 1_000 * (i % 7),
            "lat": 53.0 + 0.05 * i,
            "lon": -2.0,
        }
        for i in range(26)
    ]
    edges = [[councils[i]["code"], councils[i + 1]["code"]] for i in range(25)]
    payload = {
        "councils": councils,
        "constraints": {"connected": True, "edges": edges, "max_size": 3},
        "options": {"time_limit": 20},
    }
    done = cli("coalitions", payload, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "HiGHS" not in done.stdout
    out = json.loads(done.stdout)  # fails if anything precedes the JSON
    assert out["optimal"] is True
    assert sum(len(c["members"]) for c in out["coalitions"]) == 26
