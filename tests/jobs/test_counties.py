"""Ceremonial counties in the partner finder (issue 14, item 8): the cited list, the
area "a ceremonial county" with its unitary councils, and the constraint "partners
within the same county", checked against brute force on small cases."""

from __future__ import annotations

import random

import pytest

from sharedservices.analysis import coalitions
from sharedservices.jobs import counties
from sharedservices.jobs.models import AnalysisJob
from tests.analysis.test_coalitions import brute
from tests.known import LANCASTER

BLACKPOOL, BLACKBURN, STOCKTON = "E06000009", "E06000008", "E06000004"


def test_every_row_cites_schedule_1_of_the_lieutenancies_act():
    rows = counties.rows()
    assert len(counties.names()) == 48  # 47 counties and the City of London (para. 4)
    assert all(r["source"].startswith("Lieutenancies Act 1997, Sch. 1, para. ") for r in rows)
    assert all(r["council_code"].startswith("E0") for r in rows)
    assert counties.counties_of([STOCKTON])[STOCKTON] == {"Durham", "North Yorkshire"}
    lancashire = counties.members("Lancashire")
    assert {BLACKPOOL, BLACKBURN, LANCASTER} <= set(lancashire) and len(lancashire) == 14


@pytest.mark.django_db
def test_every_current_english_council_has_a_county(councils):
    from sharedservices.councils.models import Council

    english = set(
        Council.objects.current()
        .filter(nation="england")
        .exclude(kind="county")
        .values_list("code", flat=True)
    )
    listed = {r["council_code"] for r in counties.rows()}
    assert english == listed
    named = {r["council_code"]: r["council_name"] for r in counties.rows()}
    for c in Council.objects.filter(code__in=listed):
        assert named[c.code] == c.name


def _instance(seed):
    rng = random.Random(seed)
    n = 6
    codes = [f"E0700{i:04d}" for i in range(n)]
    labels = ["A", "B", "C"]
    of = {c: frozenset({rng.choice(labels)}) for c in codes}
    of[codes[0]] = frozenset({"A", "B"})  # a council in two counties, as Stockton is
    councils = [
        {
            "code": c,
            "baseline_cost": rng.uniform(5e5, 3e6),
            "workload": rng.uniform(1e4, 8e4),
            "lat": rng.uniform(53, 54),
            "lon": rng.uniform(-3, -2),
        }
        for c in codes
    ]
    edges = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :] if rng.random() < 0.5]
    return councils, of, edges


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("connected", [False, True])
def test_same_county_matches_brute_force(seed, connected):
    councils, of, edges = _instance(seed)
    codes = [c["code"] for c in councils]
    model = {"scale_exponent": 0.75, "governance_cost": 10_000, "distance_cost_per_km": 100}
    apart, kept = counties.apart_pairs(of, edges if connected else None)
    constraints = {"apart": apart, "individually_rational": False, "connected": connected}
    if connected:
        constraints["edges"] = kept
    out = coalitions.run({"councils": councils, "model": model, "constraints": constraints})
    graph = {(a, b) for a, b in edges} | {(b, a) for a, b in edges}

    def joined(block):
        seen, todo = {block[0]}, [block[0]]
        while todo:
            x = todo.pop()
            for y in block:
                if y not in seen and (codes[x], codes[y]) in graph:
                    seen.add(y)
                    todo.append(y)
        return len(seen) == len(block)

    def ok(block):
        if any(not (of[codes[a]] & of[codes[b]]) for a in block for b in block):
            return False
        return not connected or joined(block)

    for c in out["coalitions"]:
        members = c["members"]
        assert all(of[a] & of[b] for a in members for b in members)
    assert out["total_saving"] == pytest.approx(brute(councils, model, ok), abs=0.05)


@pytest.mark.django_db
def test_a_ceremonial_county_includes_its_unitaries(
    client, officer, django_capture_on_commit_callbacks
):
    form = {
        "service_other": "Revenues and benefits",
        "area": "ceremonial",
        "ceremonial_county": "Lancashire",
        "scale_exponent": "0.85",
        "governance_cost": "40000",
        "distance_cost_per_km": "500",
        "cost_per_postcode": "300",
        "max_size": "3",
        "connected": "on",
        "same_county": "on",
    }
    assert "A ceremonial county" in client.get("/partners/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/partners/", form)
    assert response.status_code == 302
    job = AnalysisJob.objects.get()
    codes = {c["code"] for c in job.input["councils"]}
    assert {BLACKPOOL, BLACKBURN, LANCASTER} <= codes and len(codes) == 14
    assert job.title.endswith("the councils of Lancashire (ceremonial county)")
    assert job.input["constraints"]["apart"] == []  # one county: nothing to keep apart
    assert job.status == "succeeded"
    response = client.post("/partners/", {**form, "ceremonial_county": ""})
    assert "Choose a ceremonial county" in response.content.decode()
