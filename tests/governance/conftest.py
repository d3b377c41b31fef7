"""A ready Mid Lancashire case (Lancaster leads, with Preston and South Ribble) and a
user in every role at each council, for driving the workflow through its public doors."""

from __future__ import annotations

import datetime
import json

import pytest

from sharedservices.accounts.roles import Role
from sharedservices.base.revisions import UNCHECKED
from sharedservices.cases import services as case_services
from sharedservices.cases.models import BusinessCase, Option, OptionLine
from sharedservices.governance import services
from tests.cases.conftest import add_policy, complete_case, give_evidence

LANCASTER, PRESTON, SOUTH_RIBBLE = "E07000121", "E07000123", "E07000126"
CHORLEY = "E07000118"
MID_LANCS = (LANCASTER, PRESTON, SOUTH_RIBBLE)
TODAY = datetime.date.today()
LONG_AGO = TODAY - datetime.timedelta(days=60)  # decisions dated in the past
DECIDED = TODAY - datetime.timedelta(days=30)


@pytest.fixture
def people(make_user):
    """``people[code][role]``: one user for each role at each Mid Lancashire council
    and at Chorley (not a partner)."""
    return {code: {role: make_user(code, role) for role in Role} for code in (*MID_LANCS, CHORLEY)}


@pytest.fixture
def ready_case(people, councils):
    officer = people[LANCASTER][Role.OFFICER]
    case = case_services.case_create(
        user=officer,
        title="Mid Lancashire revenues and benefits",
        stage="obc",
        partner_councils=[councils[PRESTON], councils[SOUTH_RIBBLE]],
        start_year=2026,
        monte_carlo_iterations=0,
    )
    option = case_services.option_save(
        option=Option(case=case, name="Lead authority", delivery_model="lead-authority"),
        user=officer,
    )
    for line in [
        {"name": "Systems", "category": "capital", "values": {"2026": 300000}},
        {
            "name": "Back office savings",
            "category": "cashable-saving",
            "values": {str(y): 200000 for y in range(2027, 2036)},
        },
    ]:
        case_services.option_line_save(line=OptionLine(option=option, **line), user=officer)
    case_services.case_preferred_option_update(
        case=BusinessCase.objects.get(pk=case.pk),
        user=officer,
        option=option,
        reasons="Highest net present social value",
        expected_revision=UNCHECKED,
    )
    case_services.sharing_agreement_save(
        case=BusinessCase.objects.get(pk=case.pk),
        user=officer,
        option=option,
        bases={"Systems": "equal", "Back office savings": "equal"},
        custom_pct={},
        expected_revision=UNCHECKED,
    )
    complete_case(case, officer)  # what its stage must hold (cases/stage_requirements.py)
    for code in MID_LANCS:
        version = add_policy(
            councils[code], [("clear-benefit", "Clear benefit"), ("staff", "Staff consulted")]
        )
        writer = officer
        for criterion in version.criteria.all():
            give_evidence(case, criterion, writer)
    for code in MID_LANCS:
        services.forward_plan_entry_save(
            case=case,
            user=None,
            council=councils[code],
            what="Shared revenues and benefits service with Mid Lancashire partners",
            decision_maker="Cabinet",
            expected_on=DECIDED,
            published_on=DECIDED - datetime.timedelta(days=40),
        )
    case.refresh_from_db()
    return case


class Api:
    """Posts actions as a given user through the real API."""

    def __init__(self, client, case):
        self.client, self.case = client, case

    def act(self, user, action, **fields):
        self.client.force_login(user)
        return self.client.post(
            f"/api/v1/cases/{self.case.pk}/actions",
            data=json.dumps({"action": action, **fields}),
            content_type="application/json",
        )

    def get(self, user):
        self.client.force_login(user)
        return self.client.get(f"/api/v1/cases/{self.case.pk}")


@pytest.fixture
def api(client, ready_case):
    return Api(client, ready_case)


def scrutinise_all(api, people, recommendation="support"):
    for code in MID_LANCS:
        response = api.act(
            people[code][Role.SCRUTINY_MEMBER],
            "record_scrutiny",
            council=code,
            recommendation=recommendation,
            met_on=LONG_AGO.isoformat(),
            findings=f"Findings of {code}",
        )
        assert response.status_code == 200, response.content


def decide(api, people, code, decision, *, decided_on=DECIDED, key_decision=True, **extra):
    return api.act(
        people[code][Role.EXECUTIVE_MEMBER],
        "record_decision",
        council=code,
        decision=decision,
        decided_on=decided_on.isoformat(),
        published_on=decided_on.isoformat(),
        minute_reference=f"Cabinet minute {code}/42",
        key_decision=key_decision,
        **extra,
    )
