"""The whole workflow through ``/api/v1/cases``: the shape, the moves, the refusals."""

from __future__ import annotations

import datetime

from sharedservices.accounts.roles import Role
from sharedservices.cases.models import BusinessCase, SharingAgreement
from sharedservices.governance.models import AuditEvent, Decision, ScrutinyRecord
from sharedservices.registry.models import Arrangement
from tests.governance.conftest import (
    LANCASTER,
    MID_LANCS,
    PRESTON,
    SOUTH_RIBBLE,
    decide,
    scrutinise_all,
)


def test_the_case_answers_in_the_documented_shape(api, people):
    body = api.get(people[LANCASTER][Role.DIRECTOR]).json()
    assert body["state"] == "draft"
    assert body["lead_council"] == LANCASTER
    assert [p["council"] for p in body["partners"]] == [LANCASTER, PRESTON, SOUTH_RIBBLE]
    assert all(p["status"] == "active" for p in body["partners"])
    assert all(p["scrutiny"] is None and p["decision"] is None for p in body["partners"])
    assert body["readiness"]["ready"] is True
    assert body["readiness"]["missing"] == [] and body["readiness"]["gaps"] == []
    assert {r["requirement"] for r in body["readiness"]["stage"]} >= {"strategic-case", "appraisal"}
    assert all(r["met"] and r["reason"] is None for r in body["readiness"]["stage"])
    assert body["allowed_actions"] == ["submit", "not_pursued"]
    assert body["arrangement"] is None
    assert body["appraisal"]["preferred_option"]
    assert {o["name"] for o in body["appraisal"]["options"]} >= {"Do nothing", "Lead authority"}


def test_three_councils_decide_two_go_on_and_it_goes_live(api, people, ready_case):
    director = people[LANCASTER][Role.DIRECTOR]
    assert api.act(director, "submit").json()["state"] == "submitted"
    scrutinise_all(api, people)
    assert api.get(director).json()["state"] == "decisions"
    assert decide(api, people, LANCASTER, "approve").status_code == 200
    assert decide(api, people, SOUTH_RIBBLE, "approve").status_code == 200
    body = decide(api, people, PRESTON, "reject").json()
    assert body["state"] == "call-in"
    assert all(p["decision"]["in_effect"] for p in body["partners"])
    body = api.act(director, "confirm").json()
    assert body["state"] == "approved"
    statuses = {p["council"]: p["status"] for p in body["partners"]}
    assert statuses == {LANCASTER: "active", SOUTH_RIBBLE: "active", PRESTON: "left"}
    case = BusinessCase.objects.get(pk=ready_case.pk)
    assert {c.pk for c in case.councils} == {LANCASTER, SOUTH_RIBBLE}
    # Preston left, yet still reads the case it decided on (and may not move it).
    preston = people[PRESTON][Role.EXECUTIVE_MEMBER]
    left = api.get(preston)
    assert left.status_code == 200 and left.json()["allowed_actions"] == []
    assert api.act(preston, "not_pursued", reason="Preston says no").status_code in (403, 409)
    agreement = SharingAgreement.objects.get(case=case)
    assert {p["code"] for p in agreement.result["partners"]} == {LANCASTER, SOUTH_RIBBLE}
    lead_officer = people[LANCASTER][Role.LEAD_OFFICER]
    assert api.act(lead_officer, "start_implementation").json()["state"] == "implementation"
    body = api.act(lead_officer, "go_live").json()
    assert body["state"] == "live"
    arrangement = Arrangement.objects.get(pk=body["arrangement"]["id"])
    assert arrangement.status == "live"
    assert {p.council_id for p in arrangement.partners.all()} == {LANCASTER, SOUTH_RIBBLE}
    assert arrangement.delivery_model == "lead-authority"
    # The saving is an equal amount per council (the line's scaling): two of three remain.
    assert arrangement.annual_savings_gbp == 133333
    assert BusinessCase.objects.get(pk=ready_case.pk).arrangement_id == arrangement.pk

    trail = api.client.get(f"/api/v1/cases/{ready_case.pk}/audit").json()
    actions = [e["action"] for e in trail]
    assert actions.count("scrutiny.recorded") == 3
    assert actions.count("decision.recorded") == 3
    for step in (
        "case.state",
        "case.went_on_with_the_willing",
        "partner.left",
        "arrangement.created_on_going_live",
    ):
        assert step in actions
    states = [e["after"]["state"] for e in trail if e["action"] == "case.state"]
    assert states == [
        "submitted",
        "scrutiny",
        "decisions",
        "call-in",
        "approved",
        "implementation",
        "live",
    ]
    assert [e["at"] for e in trail] == sorted(e["at"] for e in trail)
    assert set(trail[0]) >= {"at", "user", "council", "action", "object", "before", "after"}


def test_submit_is_refused_listing_what_is_missing(api, people, ready_case):
    from sharedservices.cases.models import CriterionEvidence

    CriterionEvidence.objects.filter(case=ready_case, criterion__key="staff").delete()
    response = api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    assert response.status_code == 409
    messages = [e["message"] for e in response.json()["errors"]]
    assert len(messages) == 3 and all("Staff consulted" in m for m in messages)
    assert api.get(people[LANCASTER][Role.DIRECTOR]).json()["state"] == "draft"


def test_one_council_cannot_record_anothers_scrutiny_or_decision(api, people):
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    response = api.act(
        people[LANCASTER][Role.SCRUTINY_MEMBER],
        "record_scrutiny",
        council=PRESTON,
        recommendation="support",
        met_on="2026-01-12",
        findings="Lancaster writing for Preston",
    )
    assert response.status_code == 403
    assert not ScrutinyRecord.objects.exists()
    scrutinise_all(api, people)
    response = api.act(
        people[LANCASTER][Role.EXECUTIVE_MEMBER],
        "record_decision",
        council=SOUTH_RIBBLE,
        decision="approve",
        decided_on="2026-01-20",
        published_on="2026-01-21",
        minute_reference="X/1",
        key_decision=False,
    )
    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_a_double_submit_stores_one_record(api, people):
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    scrutinise_all(api, people)
    first = decide(api, people, PRESTON, "approve")
    again = decide(api, people, PRESTON, "approve")
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert Decision.objects.filter(council=PRESTON).count() == 1
    assert AuditEvent.objects.filter(action="decision.recorded").count() == 1


def test_bad_fields_answer_422_in_the_api_error_shape(api, people):
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    user = people[PRESTON][Role.SCRUTINY_MEMBER]
    for fields, path in [
        (
            {
                "council": PRESTON,
                "recommendation": "maybe",
                "met_on": "2026-01-01",
                "findings": "x",
            },
            "recommendation",
        ),
        (
            {
                "council": PRESTON,
                "recommendation": "support",
                "met_on": "yesterday",
                "findings": "x",
            },
            "met_on",
        ),
        (
            {
                "council": "E99999999",
                "recommendation": "support",
                "met_on": "2026-01-01",
                "findings": "x",
            },
            "council",
        ),
        (
            {
                "council": PRESTON,
                "recommendation": "support",
                "met_on": "2026-01-01",
                "findings": None,
            },
            "findings",
        ),
        (
            {
                "council": PRESTON,
                "recommendation": "support",
                "met_on": "2999-01-01",
                "findings": "x",
            },
            "met_on",
        ),
    ]:
        response = api.act(user, "record_scrutiny", **fields)
        assert response.status_code == 422, fields
        assert response.json()["errors"][0]["path"] == f"$.{path}"
    response = api.client.post(
        f"/api/v1/cases/{api.case.pk}/actions", data="[1, 2", content_type="application/json"
    )
    assert response.status_code == 422
    assert api.act(user, "fly").status_code == 422
    assert not ScrutinyRecord.objects.exists()


def test_another_councils_user_cannot_see_the_case(client, ready_case, people):
    from tests.governance.conftest import CHORLEY

    client.force_login(people[CHORLEY][Role.DIRECTOR])
    assert client.get(f"/api/v1/cases/{ready_case.pk}").status_code == 404
    assert client.get(f"/api/v1/cases/{ready_case.pk}/audit").status_code == 404
    response = client.post(
        f"/api/v1/cases/{ready_case.pk}/actions",
        data='{"action": "submit"}',
        content_type="application/json",
    )
    assert response.status_code == 404
    assert ready_case.pk not in [c["id"] for c in client.get("/api/v1/cases").json()]


def test_fewer_than_two_approving_means_not_pursued_with_the_reason(api, people):
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    scrutinise_all(api, people)
    decide(api, people, LANCASTER, "approve")
    decide(api, people, PRESTON, "reject")
    decide(api, people, SOUTH_RIBBLE, "reject")
    body = api.act(people[LANCASTER][Role.DIRECTOR], "confirm").json()
    assert body["state"] == "not-pursued"
    assert "at least two councils" in body["reason"]


def test_a_deferral_keeps_the_partner_pending_and_confirm_waits(api, people):
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    scrutinise_all(api, people)
    decide(api, people, LANCASTER, "approve")
    decide(api, people, SOUTH_RIBBLE, "approve")
    body = decide(api, people, PRESTON, "defer").json()
    assert body["state"] == "decisions"
    assert {p["council"]: p["status"] for p in body["partners"]}[PRESTON] == "pending"
    assert api.act(people[LANCASTER][Role.DIRECTOR], "confirm").status_code == 409
    later = datetime.date.today() - datetime.timedelta(days=20)
    body = decide(api, people, PRESTON, "approve", decided_on=later).json()
    assert body["state"] == "call-in"
    assert {p["status"] for p in body["partners"]} == {"active"}
    assert all(p["council"] in MID_LANCS for p in body["partners"])


def test_each_event_carries_the_request_id(api, people):
    api.client.force_login(people[LANCASTER][Role.DIRECTOR])
    response = api.client.post(
        f"/api/v1/cases/{api.case.pk}/actions",
        data='{"action": "submit"}',
        content_type="application/json",
    )
    assert response.status_code == 200
    event = AuditEvent.objects.filter(case=api.case, action="case.state").latest("pk")
    assert event.request_id and event.request_id == response["X-Request-ID"]
