from __future__ import annotations

import datetime

import pytest

from sharedservices.accounts.roles import Role
from sharedservices.cases import services
from sharedservices.cases.models import CriterionEvidence, EvidenceStatus, Option, OptionLine
from tests.known import LANCASTER, PRESTON


@pytest.fixture
def lancaster_officer(make_user):
    return make_user(LANCASTER, Role.OFFICER)


@pytest.fixture
def preston_officer(make_user):
    return make_user(PRESTON, Role.OFFICER)


@pytest.fixture
def case(lancaster_officer, councils):
    return services.case_create(
        user=lancaster_officer,
        title="Shared revenues and benefits",
        stage="obc",
        partner_councils=[councils[PRESTON]],
        start_year=2026,
    )


def add_policy(council, criteria, *, in_force_from=datetime.date(2020, 1, 1)):
    from sharedservices.cases.models import Policy

    policy, _ = Policy.objects.get_or_create(council=council)
    return services.policy_version_create(
        policy=policy,
        in_force_from=in_force_from,
        criteria=[
            {"key": key, "reference": str(i), "title": title, "text": f"{title}, in full."}
            for i, (key, title) in enumerate(criteria, start=1)
        ],
        is_demo=True,
    )


def give_evidence(case, criterion, user, *, status=EvidenceStatus.COMPLETE, text="Shown."):
    evidence = CriterionEvidence(
        case=case,
        criterion=criterion,
        council=criterion.version.policy.council,
        evidence=text,
        status=status,
    )
    return services.criterion_evidence_save(evidence=evidence, user=user)


def add_option(case, user, name, lines):
    option = services.option_save(option=Option(case=case, name=name), user=user)
    for line in lines:
        services.option_line_save(line=OptionLine(option=option, **line), user=user)
    return option


SHARED_LINES = [
    {"name": "ICT integration", "category": "capital", "values": {"2026": 250000, "2027": 50000}},
    {
        "name": "Staff savings",
        "category": "cashable-saving",
        "values": {str(y): 180000 for y in range(2027, 2036)},
        "distribution": "triangular",
        "low": "0.7",
        "mode": "1.0",
        "high": "1.1",
    },
]
