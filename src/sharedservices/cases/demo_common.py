"""What the demo business cases share: the demo councils and their policies, and
helpers that build a case, its evidence and its baselines through the services (so the
demo obeys every rule a user does)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from sharedservices.accounts.models import User
from sharedservices.cases import services
from sharedservices.cases.models import (
    Baseline,
    CriterionEvidence,
    EvidenceStatus,
    Option,
    OptionLine,
    Policy,
    SectionPart,
)
from sharedservices.councils.models import Council

LANCASTER, PRESTON, WYRE_FOREST = "E07000121", "E07000123", "E07000239"
NOTTINGHAMSHIRE, CUMBERLAND, WESTMORLAND = "E10000024", "E06000063", "E06000064"

DEMO_POLICIES = {
    LANCASTER: "eight-point-protocol",
    PRESTON: "success-elements",
    WYRE_FOREST: "strategy-principles",
    NOTTINGHAMSHIRE: "success-elements",
    CUMBERLAND: "twelve-principles",
    WESTMORLAND: "twelve-principles",
}

# Where each kind of criterion is best shown in a case.
PART_FOR_KEY = {
    "shared-on-agreed-basis": SectionPart.FINANCIAL,
    "management-and-scrutiny": SectionPart.MANAGEMENT,
    "disputes-and-withdrawal": SectionPart.COMMERCIAL,
    "staff-consulted": SectionPart.MANAGEMENT,
    "quality-not-compromised": SectionPart.STRATEGIC,
    "clear-benefit": SectionPart.ECONOMIC,
}


# How each demo line would scale if a partner left (``analysis/regrouping.py``), unless
# the line says otherwise: a system is bought once whoever joins; transition costs,
# running costs and savings come with each council.
DEMO_SCALING = {
    "capital": "fixed",
    "transition": "per-council",
    "running": "per-council",
    "cashable-saving": "per-council",
    "non-cashable-benefit": "per-council",
}


def years(first, last, amount):
    return {str(y): amount for y in range(first, last + 1)}


def demo_user(email: str) -> User:
    return User.objects.get(email=email)


def adopt_demo_policies() -> int:
    made = 0
    for code, template in DEMO_POLICIES.items():
        council = Council.objects.get(code=code)
        if Policy.objects.filter(council=council).exists():
            continue
        services.policy_adopt_template(
            council=council,
            template=template,
            in_force_from=datetime.date(2025, 4, 1),
            is_demo=True,
        )
        made += 1
    return made


def demo_case(*, title, lead, partner, writer, stage, summary, sections, options, **details):
    case = services.case_create(
        user=writer,
        title=title,
        stage=stage,
        summary=summary,
        lead_council=lead,
        partner_councils=[partner],
        start_year=2026,
        is_demo=True,
        **details,
    )
    for part, body in sections.items():
        section = case.sections.get(part=part)
        services.case_section_update(
            section=section, user=writer, body=body, expected_revision=section.revision
        )
    for name, description, model, ob, lines in options:
        option = services.option_save(
            option=Option(
                case=case,
                name=name,
                description=description,
                delivery_model=model,
                optimism_bias_capital=ob,
                optimism_bias_transition=ob,
            ),
            user=writer,
        )
        for line in lines:
            services.option_line_save(
                line=OptionLine(
                    option=option, **{"scaling": DEMO_SCALING[line["category"]], **line}
                ),
                user=writer,
            )
    return case


def demo_evidence(case, council, writer, *, leave_out=()):
    version = council.shared_services_policy.version_in_force()
    for criterion in version.criteria.all():
        if criterion.key in leave_out:
            continue
        part = PART_FOR_KEY.get(criterion.key, SectionPart.STRATEGIC)
        services.criterion_evidence_save(
            evidence=CriterionEvidence(
                case=case,
                criterion=criterion,
                council=council,
                evidence=f"{criterion.guidance} This is set out in the {part.label.lower()}.",
                where_shown=part,
                status=EvidenceStatus.COMPLETE,
            ),
            user=writer,
        )


def demo_baselines(case, council, writer, rows):
    for kind, measure, value, unit, source in rows:
        services.case_record_save(
            case=case,
            record=Baseline(
                council=council,
                kind=kind,
                measure=measure,
                value=Decimal(str(value)),
                unit=unit,
                as_at=datetime.date(2025, 3, 31),
                source=source,
            ),
            user=writer,
        )
