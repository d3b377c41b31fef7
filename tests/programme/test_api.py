"""The programme API: shapes of the stable interfaces, access, and errors as
``{"errors": [{"path", "message"}]}``."""

from __future__ import annotations

import pytest

from sharedservices.accounts.roles import Role
from sharedservices.programme.services.funding import allocation_create, pot_add
from sharedservices.programme.services.scoring import criterion_add, scores_save, weight_set_save
from tests.known import LANCASTER, PRESTON, WYRE_FOREST


def error_paths(response) -> list[str]:
    body = response.json()
    assert set(body) == {"errors"}
    assert all(set(e) == {"path", "message"} for e in body["errors"])
    return [e["path"] for e in body["errors"]]


@pytest.fixture
def cluster(make_programme, make_opportunity, officer, councils):
    p = make_programme(LANCASTER, PRESTON, private_notes="Members only")
    pot = pot_add(user=None, programme=p, source="Team Lancashire", amount_gbp=100_000)
    allocation_create(
        user=None,
        pot=pot,
        amount_gbp=50_000,
        purpose="Research",
        councils=[councils[LANCASTER], councils[PRESTON]],
    )
    savings = criterion_add(user=None, programme=p, name="Savings potential")
    risk = criterion_add(user=None, programme=p, name="Risk")
    weight_set_save(user=None, programme=p, name="Main", weights={savings.pk: 3, risk.pk: 1})
    a = make_opportunity(LANCASTER, title="Revenues and benefits", programme=p)
    b = make_opportunity(PRESTON, title="Licensing", programme=p)
    scores_save(user=None, opportunity=a, scores={savings.pk: (5, ""), risk.pk: (1, "")})
    scores_save(user=None, opportunity=b, scores={savings.pk: (2, ""), risk.pk: (4, "")})
    return p


def test_programmes_with_pots_and_opportunities(client, cluster, officer):
    client.force_login(officer)
    [p] = [x for x in client.get("/api/v1/programmes").json() if x["id"] == cluster.pk]
    assert p["members"] == sorted([LANCASTER, PRESTON]) or set(p["members"]) == {LANCASTER, PRESTON}
    assert p["pots"][0] | {"id": 0} == {
        "id": 0,
        "source": "Team Lancashire",
        "amount": 100_000,
        "allocated": 50_000,
        "spent": 0,
        "left": 50_000,
        "conditions": "",
    }
    assert {o["title"] for o in p["opportunities"]} == {"Revenues and benefits", "Licensing"}
    detail = client.get(f"/api/v1/programmes/{cluster.pk}").json()
    assert detail["private_notes"] == "Members only"


def test_non_members_see_the_programme_but_not_its_notes_or_ranking(client, cluster, make_user):
    client.force_login(make_user(WYRE_FOREST, Role.OFFICER))
    detail = client.get(f"/api/v1/programmes/{cluster.pk}").json()
    assert detail["private_notes"] is None and detail["opportunities"] == []
    response = client.get(f"/api/v1/programmes/{cluster.pk}/ranking")
    assert response.status_code == 403 and error_paths(response) == ["$"]
    assert error_paths(client.get("/api/v1/programmes/999999")) == ["$"]


def test_ranking_shape(client, cluster, officer):
    client.force_login(officer)
    body = client.get(f"/api/v1/programmes/{cluster.pk}/ranking").json()
    first, second = body["opportunities"]
    assert first["opportunity"]["title"] == "Revenues and benefits"
    assert first["total"] == pytest.approx(4.0)
    assert first["by_criterion"] == pytest.approx({"Savings potential": 3.75, "Risk": 0.25})
    assert {s["criterion"]: s["change"] for s in first["swap"]} == pytest.approx(
        {"Savings potential": -2.0, "Risk": 2.0}
    )
    assert second["swap"] == []


def test_suggestions_are_public_and_shaped(client, councils):
    from sharedservices.catalogue.models import ServiceArea
    from sharedservices.registry.services import ArrangementInput, arrangement_create

    a = arrangement_create(
        user=None,
        data=ArrangementInput(
            name="Shared payroll",
            status="live",
            councils=[councils[PRESTON], councils["E07000126"]],
            delivery_model="lead-authority",
            service_areas=[ServiceArea.objects.get(slug="payroll")],
        ),
    )
    rows = client.get(f"/api/v1/councils/{LANCASTER.lower()}/suggestions").json()
    [payroll] = [r for r in rows if r["service_area"] == "payroll"]
    assert a.pk in payroll["arrangements"]
    assert {PRESTON, "E07000126"} <= set(payroll["councils"])
    assert "same upper tier" in payroll["why"] and payroll["score"] > 0
    assert error_paths(client.get("/api/v1/councils/E99999999/suggestions")) == ["$"]


def test_create_and_patch_an_opportunity(client, cluster, officer):
    client.force_login(officer)
    created = client.post(
        "/api/v1/opportunities",
        {
            "title": "Building control",
            "programme": cluster.pk,
            "service_area": "building-control",
            "proposed_partners": [PRESTON],
            "sponsor_name": "A. Sponsor",
            "sponsor_role": "Director",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    o = created.json()
    assert (o["council"], o["stage"], o["proposed_partners"]) == (LANCASTER, "idea", [PRESTON])
    url = f"/api/v1/opportunities/{o['id']}"
    moved = client.patch(
        url, {"stage": "obc", "revision": o["revision"]}, content_type="application/json"
    )
    assert moved.json()["stage"] == "obc"
    revision = moved.json()["revision"]
    back = client.patch(
        url,
        {"stage": "soc", "next_step": "Rework", "revision": revision},
        content_type="application/json",
    )
    assert back.status_code == 422 and error_paths(back) == ["$.reason"]
    assert client.get(url).json()["next_step"] == ""  # nothing written
    ok = client.patch(
        url,
        {
            "stage": "soc",
            "stage_reason": "Requires further work",
            "next_step": "Rework",
            "revision": revision,
        },
        content_type="application/json",
    )
    assert (ok.json()["stage"], ok.json()["stage_reason"]) == ("soc", "Requires further work")


def test_bad_input_and_other_councils(client, cluster, make_opportunity, make_user):
    client.force_login(make_user(WYRE_FOREST, Role.OFFICER))
    bad = client.post(
        "/api/v1/opportunities",
        {"title": "x", "service_area": "nope", "proposed_partners": ["E99999999"]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert error_paths(bad) == ["$.service_area", "$.proposed_partners[0]"]
    theirs = make_opportunity(LANCASTER, title="Lancaster's")
    response = client.patch(
        f"/api/v1/opportunities/{theirs.pk}", {"title": "Mine"}, content_type="application/json"
    )
    assert response.status_code == 404
    foreign = client.post(
        "/api/v1/opportunities",
        {"title": "For Lancaster", "council": LANCASTER},
        content_type="application/json",
    )
    assert foreign.status_code == 403
    blank = client.post("/api/v1/opportunities", {"title": " "}, content_type="application/json")
    assert blank.status_code == 422 and error_paths(blank) == ["$.title"]


def test_members_cannot_write_and_anonymous_users_are_refused(client, make_user):
    assert client.get("/api/v1/programmes").status_code == 401
    client.force_login(make_user(LANCASTER, Role.LEAD_MEMBER))
    response = client.post("/api/v1/opportunities", {"title": "x"}, content_type="application/json")
    assert response.status_code == 403 and error_paths(response) == ["$"]
