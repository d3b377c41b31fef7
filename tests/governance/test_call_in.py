"""Call-in: a council's own members call in its decision within the period; scrutiny
resolves it; a decision takes effect only when the period passed or the call-in ended
with no action. The period counts clear working days, set per council."""

from __future__ import annotations

import datetime

from sharedservices.accounts.roles import Role
from sharedservices.governance.models import CouncilGovernance, Decision
from tests.governance.conftest import (
    LANCASTER,
    PRESTON,
    SOUTH_RIBBLE,
    decide,
    scrutinise_all,
)

TODAY = datetime.date.today()


def _to_decisions(api, people):
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    scrutinise_all(api, people)


def test_a_call_in_refers_a_decision_back_and_the_council_decides_again(api, people):
    _to_decisions(api, people)
    decide(api, people, LANCASTER, "approve")
    decide(api, people, SOUTH_RIBBLE, "approve")
    body = decide(api, people, PRESTON, "approve", decided_on=TODAY, key_decision=False).json()
    preston = next(p for p in body["partners"] if p["council"] == PRESTON)
    assert preston["decision"]["in_effect"] is False
    scrutiny = people[PRESTON][Role.SCRUTINY_MEMBER]
    # Lancaster's scrutiny member cannot call in Preston's decision.
    refused = api.act(
        people[LANCASTER][Role.SCRUTINY_MEMBER], "request_call_in", council=PRESTON, reasons="x"
    )
    assert refused.status_code == 403
    assert (
        api.act(scrutiny, "request_call_in", council=PRESTON, reasons="Costs unclear").status_code
        == 200
    )
    assert api.act(people[LANCASTER][Role.DIRECTOR], "confirm").status_code == 409
    refused = api.act(scrutiny, "resolve_call_in", council=PRESTON, outcome="refer-back")
    assert refused.status_code == 422  # the meeting's date and minute are part of it
    body = api.act(
        scrutiny,
        "resolve_call_in",
        council=PRESTON,
        outcome="refer-back",
        met_on=TODAY.isoformat(),
        minute_reference="Overview and Scrutiny minute 7",
    ).json()
    assert body["state"] == "decisions"
    assert (
        "record_decision"
        in api.get(people[PRESTON][Role.EXECUTIVE_MEMBER]).json()["allowed_actions"]
    )
    earlier = TODAY - datetime.timedelta(days=20)
    body = decide(api, people, PRESTON, "approve", decided_on=earlier, key_decision=False).json()
    assert body["state"] == "call-in"
    assert Decision.objects.filter(council=PRESTON).count() == 2
    call_in = Decision.objects.filter(council=PRESTON).first().call_in
    assert (call_in.met_on, call_in.minute_reference) == (TODAY, "Overview and Scrutiny minute 7")
    assert api.act(people[LANCASTER][Role.DIRECTOR], "confirm").json()["state"] == "approved"


def test_the_call_in_period_is_each_councils_own(api, people, councils):
    CouncilGovernance.objects.create(council=councils[PRESTON], call_in_working_days=10)
    _to_decisions(api, people)
    published = datetime.date(2025, 12, 23)
    decide(api, people, PRESTON, "approve", decided_on=published, key_decision=False)
    decide(api, people, LANCASTER, "approve", decided_on=published, key_decision=False)
    ends = {d.council_id: d.call_in_ends_on for d in Decision.objects.all()}
    assert ends[LANCASTER] == datetime.date(2026, 1, 2)  # 5 days over Christmas
    assert ends[PRESTON] == datetime.date(2026, 1, 9)  # 10 days


def test_a_call_in_after_the_period_is_refused(api, people):
    _to_decisions(api, people)
    decide(api, people, PRESTON, "approve")  # 30 days ago: the period has passed
    response = api.act(
        people[PRESTON][Role.SCRUTINY_MEMBER], "request_call_in", council=PRESTON, reasons="Late"
    )
    assert response.status_code == 409
    assert "ended" in response.json()["errors"][0]["message"]
