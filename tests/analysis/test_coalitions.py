import numpy as np
import pytest

from sharedservices.analysis import coalitions
from sharedservices.analysis.bitsets import mask_of
from sharedservices.analysis.costmodel import CostModel, Councils, all_savings
from sharedservices.analysis.errors import InputError
from sharedservices.analysis.games import graph_restricted, shapley

from .helpers import set_partitions

MODEL = {"scale_exponent": 0.85, "governance_cost": 40000, "distance_cost_per_km": 500}


def instance(n=7, seed=1):
    rng = np.random.default_rng(seed)
    councils = [
        {
            "code": f"E0700{i:04d}",
            "baseline_cost": float(rng.lognormal(13.5, 0.4)),
            "workload": float(rng.lognormal(10, 0.5)),
            "lat": float(rng.uniform(53, 54.5)),
            "lon": float(rng.uniform(-3, -1)),
        }
        for i in range(n)
    ]
    edges = [[councils[i]["code"], councils[i + 1]["code"]] for i in range(n - 1)]
    edges += [[councils[0]["code"], councils[3]["code"]]]
    return councils, edges


def brute(councils, model, ok):
    c = Councils.build(
        [x["code"] for x in councils],
        [x["baseline_cost"] for x in councils],
        [x["workload"] for x in councils],
        [x["lat"] for x in councils],
        [x["lon"] for x in councils],
    )
    v = all_savings(CostModel(**model), c)
    best = -np.inf
    for p in set_partitions(list(range(len(councils)))):
        if all(ok(block) for block in p):
            best = max(best, sum(v[mask_of(b)] for b in p))
    return best


def blocks_of(result):
    return [c["members"] for c in result["coalitions"]]


def test_unconstrained_is_the_best_partition_and_shares_add_up():
    councils, _ = instance()
    out = coalitions.run({"councils": councils, "model": MODEL})
    assert out["optimal"] and out["gap"] == 0
    assert out["total_saving"] == pytest.approx(brute(councils, MODEL, lambda b: True), abs=0.05)
    for c in out["coalitions"]:
        assert sum(c["shares"].values()) == pytest.approx(c["saving"], abs=1e-6)
        assert c["hub"] in c["members"]
    assert sorted(x for b in blocks_of(out) for x in b) == sorted(x["code"] for x in councils)


@pytest.mark.parametrize("force_candidates", [False, True])
def test_constraints_are_respected(monkeypatch, force_candidates):
    if force_candidates:
        monkeypatch.setattr(coalitions, "MAX_GRAPH_EXACT", 0)
    councils, edges = instance()
    codes = [c["code"] for c in councils]
    cons = {
        "connected": True,
        "edges": edges,
        "max_size": 3,
        "together": [[codes[0], codes[1]]],
        "apart": [[codes[2], codes[3]]],
        "opt_out": [codes[6]],
        "individually_rational": False,
    }
    out = coalitions.run({"councils": councils, "model": MODEL, "constraints": cons})
    graph = {(a, b) for a, b in edges} | {(b, a) for a, b in edges}
    for block in blocks_of(out):
        assert len(block) <= 3
        assert (codes[0] in block) == (codes[1] in block)
        assert not (codes[2] in block and codes[3] in block)
        if codes[6] in block:
            assert block == [codes[6]]
        if len(block) > 1:  # connected: every member reaches the others
            seen, todo = {block[0]}, [block[0]]
            while todo:
                a = todo.pop()
                for b in block:
                    if (a, b) in graph and b not in seen:
                        seen.add(b)
                        todo.append(b)
            assert seen == set(block)

    idx = {c: i for i, c in enumerate(codes)}
    adj = {i: set() for i in range(len(codes))}
    for a, b in edges:
        adj[idx[a]].add(idx[b])
        adj[idx[b]].add(idx[a])

    def ok(block):
        s = set(block)
        if len(block) == 1:
            return block[0] not in (0, 1)
        if len(block) > 3 or 6 in s or ((0 in s) != (1 in s)) or {2, 3} <= s:
            return False
        seen, todo = {block[0]}, [block[0]]
        while todo:
            a = todo.pop()
            for b in adj[a] & s - seen:
                seen.add(b)
                todo.append(b)
        return seen == s

    assert out["optimal"]
    assert out["total_saving"] == pytest.approx(brute(councils, MODEL, ok), abs=0.05)


@pytest.mark.parametrize("force_candidates", [False, True])
def test_every_member_is_better_off_than_alone(monkeypatch, force_candidates):
    if force_candidates:
        monkeypatch.setattr(coalitions, "MAX_GRAPH_EXACT", 0)
    # a far-away small council makes big partnerships unfair to someone
    councils, edges = instance(6, seed=4)
    councils[5].update(lat=50.0, lon=-5.5, workload=500.0, baseline_cost=2e6)
    model = {**MODEL, "distance_cost_per_km": 2500}
    cons = {"connected": True, "edges": edges, "max_size": 6}
    out = coalitions.run({"councils": councils, "model": model, "constraints": cons})
    for c in out["coalitions"]:
        assert min(c["shares"].values()) >= -0.01
    # and it matches brute force over partitions whose blocks all pass the Myerson check
    codes = [c["code"] for c in councils]
    idx = {c: i for i, c in enumerate(codes)}
    nb = [set() for _ in codes]
    for a, b in edges:
        nb[idx[a]].add(idx[b])
        nb[idx[b]].add(idx[a])
    c_all = Councils.build(
        codes,
        [x["baseline_cost"] for x in councils],
        [x["workload"] for x in councils],
        [x["lat"] for x in councils],
        [x["lon"] for x in councils],
    )

    def fair(block):
        if len(block) == 1:
            return True
        sub = c_all.subset(block)
        pos = {u: j for j, u in enumerate(block)}
        adjm = [mask_of(pos[u] for u in nb[x] if u in pos) for x in block]
        v = all_savings(CostModel(**model), sub)
        if not np.isfinite(v[-1]) or graph_restricted(v, adjm)[-1] != v[-1]:
            return False  # not connected
        return shapley(graph_restricted(v, adjm)).min() >= -1e-6

    assert out["total_saving"] == pytest.approx(brute(councils, model, fair), abs=0.05)


def test_lookup_supplies_places_and_neighbours():
    councils, edges = instance(5)
    places = {
        c["code"]: {"lat": c.pop("lat"), "lon": c.pop("lon"), "neighbours": []} for c in councils
    }
    for a, b in edges:
        places[a]["neighbours"].append(b)
        places[b]["neighbours"].append(a)
    data = {"councils": councils, "model": MODEL, "constraints": {"connected": True}}
    with pytest.raises(InputError) as err:
        coalitions.run(data)
    paths = {p.path for p in err.value.problems}
    assert "$.councils[0]" in paths and "$.constraints.edges" in paths
    out = coalitions.run(data, council_lookup=lambda codes: {c: places[c] for c in codes})
    assert out["optimal"]


def test_bad_input_lists_every_problem_with_its_path():
    data = {
        "councils": [
            {"code": "E07000117", "baseline_cost": -5, "workload": 10, "lat": 53, "lon": -2},
            {"code": "nonsense", "baseline_cost": 5, "workload": "many", "lat": 95, "lon": -2},
        ],
        "model": {"scale_exponent": 1.5},
        "constraints": {"max_size": 0, "together": [["E07000117", "E09999999"]]},
    }
    with pytest.raises(InputError) as err:
        coalitions.run(data)
    paths = {p.path for p in err.value.problems}
    assert {
        "$.councils[0].baseline_cost",
        "$.councils[1].code",
        "$.councils[1].workload",
        "$.councils[1].lat",
        "$.model.scale_exponent",
        "$.constraints.max_size",
        "$.constraints.together[0][1]",
    } <= paths


def test_too_many_councils_without_limits_is_refused():
    councils, _ = instance(26)
    with pytest.raises(InputError) as err:
        coalitions.run({"councils": councils, "model": MODEL})
    assert err.value.problems[0].path == "$.constraints.max_size"


@pytest.mark.parametrize("connected", [False, True])
def test_progress_is_reported_in_order_and_ends_done(connected):
    councils, edges = instance()
    calls = []
    data = {"councils": councils, "model": MODEL}
    if connected:
        data["constraints"] = {"connected": True, "edges": edges}
    out = coalitions.run(data, progress=lambda f, m: calls.append((f, m)))
    assert out["optimal"]
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions) and all(0 <= f <= 1 for f in fractions)
    assert calls[0][1] == "input validated" and calls[-1] == (1.0, "done")
    assert all(isinstance(m, str) and m for _, m in calls)


def test_progress_on_the_candidate_route():
    rng = np.random.default_rng(3)
    n = 26
    councils = [
        {
            "code": f"E0700{i:04d}",
            "baseline_cost": float(rng.lognormal(13.5, 0.4)),
            "workload": float(rng.lognormal(10, 0.5)),
            "lat": 53 + 0.05 * (i // 6),
            "lon": -2 + 0.05 * (i % 6),
        }
        for i in range(n)
    ]
    edges = [
        [councils[i]["code"], councils[j]["code"]]
        for i in range(n)
        for j in range(i + 1, n)
        if (j == i + 1 and j % 6) or j == i + 6
    ]
    calls = []
    data = {
        "councils": councils,
        "model": MODEL,
        "constraints": {"connected": True, "edges": edges, "max_size": 3},
    }
    coalitions.run(data, progress=lambda f, m: calls.append((f, m)))
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions)
    assert any("candidate" in m for _, m in calls)
    assert any("first answer" in m for _, m in calls)  # no silence while it looks for one
    assert calls[-1] == (1.0, "done")
