from __future__ import annotations

import datetime

import pytest

from sharedservices.accounts.roles import Role
from sharedservices.base.revisions import UNCHECKED
from sharedservices.cases import services
from sharedservices.cases.models import (
    BusinessCase,
    ConsultationEntry,
    CriterionEvidence,
    EvidenceStatus,
    Option,
    OptionLine,
    Risk,
    SectionPart,
)
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


def give_evidence(
    case,
    criterion,
    user,
    *,
    status=EvidenceStatus.COMPLETE,
    text="Shown.",
    where=SectionPart.STRATEGIC,
):
    evidence = CriterionEvidence(
        case=case,
        criterion=criterion,
        council=criterion.version.policy.council,
        evidence=text,
        status=status,
        where_shown=where,
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


def write_sections(case, user, parts=tuple(SectionPart)):
    for section in case.sections.filter(part__in=[SectionPart(p) for p in parts]):
        services.case_section_update(
            section=section,
            user=user,
            body=f"What the {section.get_part_display().lower()} says, in full.",
            expected_revision=section.revision,
        )


def complete_case(case, user):
    """Give ``case`` what a full business case must hold (``cases/stage_requirements``):
    the five cases written, an option appraised and preferred, its sharing agreement, a
    risk register with owners and a consultation record with staff."""
    write_sections(case, user)
    case = BusinessCase.objects.get(pk=case.pk)
    option = case.options.filter(is_do_nothing=False).first() or add_option(
        case, user, "Shared service", SHARED_LINES
    )
    case = BusinessCase.objects.get(pk=case.pk)
    if case.preferred_option_id is None:
        services.case_preferred_option_update(
            case=case,
            user=user,
            option=option,
            reasons="Highest net present social value",
            expected_revision=UNCHECKED,
        )
    if not hasattr(case, "agreement"):
        services.sharing_agreement_save(
            case=BusinessCase.objects.get(pk=case.pk),
            user=user,
            option=option,
            bases={line.name: "equal" for line in option.lines.filter(partner__isnull=True)},
            custom_pct={},
            expected_revision=UNCHECKED,
        )
    services.case_record_save(
        case=case,
        record=Risk(
            description="Savings are not realised",
            likelihood=3,
            impact=4,
            residual_likelihood=2,
            residual_impact=3,
            owner="Head of service",
            mitigation="Savings reported against the baselines each quarter",
        ),
        user=user,
    )
    services.case_record_save(
        case=case,
        record=ConsultationEntry(
            date=datetime.date(2026, 1, 5),
            group="staff",
            who="Service staff",
            what_was_said="Asked where they would work.",
        ),
        user=user,
    )
    return BusinessCase.objects.get(pk=case.pk)
