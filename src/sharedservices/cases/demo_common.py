"""What the demo business cases share: the demo councils and their policies, and
helpers that build a case, its evidence and its baselines through the services (so the
demo obeys every rule a user does)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from sharedservices.accounts.models import User
from sharedservices.cases import services
from sharedservices.cases.models import (
    Baseline,
    ConsultationEntry,
    CriterionEvidence,
    EvidenceStatus,
    Option,
    OptionLine,
    Policy,
    Risk,
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


def line(name, category, values, *, triangular=None, pert=None, uniform=None, partner=None):
    """One cost or benefit line of a demo option; its uncertainty, if any, as the
    multiples of its amounts: ``triangular=(low, mode, high)``, ``pert=(...)`` or
    ``uniform=(low, high)``."""
    out = {"name": name, "category": category, "values": values}
    if partner is not None:
        out["partner"] = partner
    for distribution, spread in (("triangular", triangular), ("pert", pert)):
        if spread:
            out.update(distribution=distribution, low=spread[0], mode=spread[1], high=spread[2])
    if uniform:
        out.update(distribution="uniform", low=uniform[0], high=uniform[1])
    return out


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


def demo_full_case_content(case, writer, *, service: str) -> None:
    """The five cases, a risk register with owners and a consultation record, written
    for a demo full business case so that it holds what its stage requires
    (``cases/stage_requirements.py``). Illustrative words, labelled demo like the case."""
    lead = case.lead_council.name
    partners = [c.name for c in case.councils[1:]]
    everyone = ", ".join([lead, *partners[:-1]]) + f" and {partners[-1]}"
    sections = {
        SectionPart.STRATEGIC: (
            f"{everyone} each run a small {service} team. Each team depends on a few"
            " specialists, struggles to recruit, and faces the savings every council in the"
            f" cluster must find. One {service} service hosted by {lead} keeps the work"
            " local to residents while giving the teams resilience and a career path."
        ),
        SectionPart.ECONOMIC: (
            "Doing nothing is compared with one shared service hosted by the lead council."
            " The shared service has the higher net present social value over ten years"
            " (see the appraisal); quality and resilience gains are described, not priced."
        ),
        SectionPart.COMMERCIAL: (
            f"{lead} hosts the service under s.101 and s.113 of the Local Government Act"
            " 1972. A partnership agreement sets the service levels, the dispute process"
            " and a twelve-month notice period for withdrawal; staff transfer under TUPE"
            " with their pensions protected."
        ),
        SectionPart.FINANCIAL: (
            "Set-up costs and savings are shared equally between the councils under the"
            " sharing agreement, which shows each council better off than going alone."
            " Each council's share is within its medium-term financial plan."
        ),
        SectionPart.MANAGEMENT: (
            "A joint board of one officer from each council oversees the service and"
            " reports to each council's executive; each scrutiny committee receives an"
            " annual report. The project follows the cluster's project method; the risk"
            " register and the consultation with staff and unions are kept with the case."
        ),
    }
    for part, body in sections.items():
        section = case.sections.get(part=part)
        services.case_section_update(
            section=section, user=writer, body=body, expected_revision=section.revision
        )
    owner = f"Head of service, {lead}"
    for description, mitigation in [
        (
            "Experienced staff leave during the transition",
            "Early engagement, retention plans for key roles, knowledge captured before go-live.",
        ),
        (
            "Savings are not realised",
            "Baselines agreed before go-live; savings reported to the joint board each quarter.",
        ),
        (
            "A partner withdraws",
            "Twelve months' notice and exit costs borne by the withdrawing council, set"
            " in the partnership agreement.",
        ),
    ]:
        services.case_record_save(
            case=case,
            record=Risk(
                description=description,
                likelihood=3,
                impact=4,
                residual_likelihood=2,
                residual_impact=3,
                owner=owner,
                mitigation=mitigation,
            ),
            user=writer,
        )
    for group, who, said, response in [
        (
            "staff",
            f"{service.capitalize()} staff of every partner",
            "Staff asked whether their place of work would change.",
            "Work can be done from each council's offices; no relocation is proposed.",
        ),
        (
            "unions",
            "UNISON branches",
            "Concern about compulsory redundancy.",
            "Vacancy control and redeployment come before any compulsory redundancy.",
        ),
    ]:
        services.case_record_save(
            case=case,
            record=ConsultationEntry(
                date=timezone.localdate() - datetime.timedelta(days=90),
                group=group,
                who=who,
                what_was_said=said,
                response=response,
            ),
            user=writer,
        )
