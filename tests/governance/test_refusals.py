"""Every role trying every action it may not take is refused, and nothing changes."""

from __future__ import annotations

import datetime

from sharedservices.accounts.roles import Role
from sharedservices.governance.models import AuditEvent, CaseGovernance
from sharedservices.governance.services import MOVES
from tests.governance.conftest import CHORLEY, LANCASTER, MID_LANCS, scrutinise_all

PAST = (datetime.date.today() - datetime.timedelta(days=3)).isoformat()


def _fields(action, code):
    return {
        "record_scrutiny": dict(
            council=code, recommendation="support", met_on=PAST, findings="Fine"
        ),
        "record_decision": dict(
            council=code,
            decision="approve",
            decided_on=PAST,
            published_on=PAST,
            minute_reference="M/1",
            key_decision=False,
        ),
        "request_call_in": dict(council=code, reasons="Because"),
        "resolve_call_in": dict(
            council=code, outcome="no-action", met_on=PAST, minute_reference="OS/1"
        ),
        "withdraw": dict(
            council=code, notice_given_on=PAST, leaves_on="2030-01-01", reasons="Leaving"
        ),
        "not_pursued": dict(reason="No"),
    }.get(action, {})


def _try_everything(api, people):
    state = CaseGovernance.objects.get(case=api.case).state
    tried = 0
    for code in (*MID_LANCS, CHORLEY):
        for role in Role:
            user = people[code][role]
            body = api.get(user)
            if code == CHORLEY:
                assert body.status_code == 404
            allowed = body.json()["allowed_actions"] if body.status_code == 200 else []
            for action in MOVES:
                if action in allowed:
                    continue
                before = AuditEvent.objects.count()
                response = api.act(user, action, **_fields(action, code))
                assert response.status_code in (403, 404, 409, 422), (code, role, action)
                assert "errors" in response.json() or response.status_code == 404
                assert AuditEvent.objects.count() == before, (code, role, action)
                assert CaseGovernance.objects.get(case=api.case).state == state
                tried += 1
    return tried


def test_in_draft_every_move_but_the_directors_is_refused(api, people):
    CaseGovernance.objects.get_or_create(case=api.case)
    assert _try_everything(api, people) > 200


def test_while_deciding_every_move_but_each_councils_own_is_refused(api, people):
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    scrutinise_all(api, people)
    assert _try_everything(api, people) > 200


def test_a_refusal_says_why(api, people):
    response = api.act(people[LANCASTER][Role.OFFICER], "submit")
    assert response.status_code == 403
    assert "corporate director or lead officer" in response.json()["errors"][0]["message"]
    response = api.act(people[LANCASTER][Role.DIRECTOR], "confirm")
    assert response.status_code == 409
    assert "while the case is draft" in response.json()["errors"][0]["message"]
