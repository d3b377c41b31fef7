"""Demo business cases and policies, labelled as demo data (``is_demo``).

Run by ``python manage.py demo`` after the demo users exist; safe to run again. The
figures are illustrative, not any council's real budgets: the Revenues and Benefits
case follows Lancaster's 2009 Cabinet report (seed 001); the building control case
continues the CLASB list in Carlisle's report (seed 000) with Carlisle's successors.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from sharedservices.accounts.models import User
from sharedservices.base.revisions import UNCHECKED
from sharedservices.cases import services
from sharedservices.cases.models import (
    Baseline,
    BusinessCase,
    ConsultationEntry,
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


def _years(first, last, amount):
    return {str(y): amount for y in range(first, last + 1)}


RB_SECTIONS = {
    SectionPart.STRATEGIC: (
        "Lancaster and Preston each run a Revenues and Benefits service of about 60 staff."
        " Both face savings targets and small specialist teams that are vulnerable to absence"
        " and turnover. Sharing senior management, IT systems and back-office processing could"
        " save money and add resilience without changing what residents see at the customer"
        " service centres and on the telephone (Cabinet report, 1 September 2009, 2.6)."
    ),
    SectionPart.ECONOMIC: (
        "Three options were shortlisted: doing nothing; a shared management team and back"
        " office with Lancaster as lead authority; and a full shared service under a joint"
        " committee. The lead authority option has the highest net present social value and"
        " the lower delivery risk."
    ),
    SectionPart.COMMERCIAL: (
        "Lancaster would host the service under s.101 and s.113 of the Local Government Act"
        " 1972, with an agreement setting out service levels, the dispute process and a"
        " twelve-month notice period for withdrawal. Staff would transfer under TUPE."
    ),
    SectionPart.FINANCIAL: (
        "Costs and savings are shared in proportion to each council's baseline cost. The"
        " £50,000 from the Team Lancashire Mid Lancashire cluster funds the project manager."
    ),
    SectionPart.MANAGEMENT: (
        "A joint board of the two section 151 officers reports to each Cabinet. The project"
        " follows the LAMP project management method, with a project manager funded by Team"
        " Lancashire. Benefits are reported quarterly against the baselines."
    ),
}

BC_SECTIONS = {
    SectionPart.STRATEGIC: (
        "Building control was one of the services CLASB took forward to business case. Both"
        " successor councils to Cumbria's districts run small teams competing for surveyors"
        " with the private sector; a single service gives resilience and a career path."
    ),
    SectionPart.ECONOMIC: (
        "Doing nothing is compared with a joint service hosted by Cumberland and with an"
        " arm's-length company. The hosted service has the higher net present social value."
    ),
    SectionPart.COMMERCIAL: (
        "Cumberland hosts under a s.101 agreement; fee-earning work stays ring-fenced;"
        " either council may withdraw on twelve months' notice after the first three years."
    ),
    SectionPart.FINANCIAL: (
        "Net costs and savings are shared by applications received (about 55:45). The"
        " building regulations fee account stays in balance for each council."
    ),
    SectionPart.MANAGEMENT: (
        "A joint committee of two members from each council oversees the service; each"
        " council's scrutiny committee receives an annual report with the agreed indicators."
    ),
}


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _policies() -> int:
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


def _case(*, title, lead, partner, writer, stage, summary, sections, options, **details):
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
            services.option_line_save(line=OptionLine(option=option, **line), user=writer)
    return case


def _evidence(case, council, writer, *, leave_out=()):
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


def _baselines(case, council, writer, rows):
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


def _revenues_and_benefits():
    lancaster, preston = Council.objects.get(code=LANCASTER), Council.objects.get(code=PRESTON)
    writer = _user("officer@lancaster.demo.example.org")
    case = _case(
        title="Shared Revenues and Benefits service (demo)",
        lead=lancaster,
        partner=preston,
        writer=writer,
        stage="obc",
        summary=(
            "Outline business case for a Revenues and Benefits service shared between"
            " Lancaster and Preston, the first opportunity of the Shared Services Programme."
        ),
        sections=RB_SECTIONS,
        options=[
            (
                "Lead authority: shared management and back office",
                "Lancaster hosts a single management team, IT system and back office.",
                "lead-authority",
                "0.24",
                [
                    dict(
                        name="System convergence",
                        category="capital",
                        values={"2026": 350000, "2027": 100000},
                        distribution="triangular",
                        low="0.9",
                        mode="1",
                        high="1.5",
                    ),
                    dict(name="Project manager", category="transition", values={"2026": 50000}),
                    dict(
                        name="Redundancy and retraining",
                        category="transition",
                        values={"2027": 120000},
                        partner=preston,
                    ),
                    dict(
                        name="Shared senior management",
                        category="cashable-saving",
                        values=_years(2027, 2035, 150000),
                        distribution="triangular",
                        low="0.8",
                        mode="1",
                        high="1.1",
                    ),
                    dict(
                        name="Back-office efficiencies",
                        category="cashable-saving",
                        values=_years(2028, 2035, 220000),
                        distribution="pert",
                        low="0.6",
                        mode="1",
                        high="1.2",
                    ),
                    dict(
                        name="Single IT contract",
                        category="cashable-saving",
                        values=_years(2028, 2035, 90000),
                    ),
                ],
            ),
            (
                "Joint committee: full shared service",
                "A joint committee runs the whole service, including customer contact.",
                "joint-committee",
                "0.32",
                [
                    dict(
                        name="System convergence",
                        category="capital",
                        values={"2026": 450000, "2027": 200000},
                        distribution="triangular",
                        low="0.9",
                        mode="1",
                        high="1.6",
                    ),
                    dict(
                        name="Transition team",
                        category="transition",
                        values={"2026": 150000, "2027": 150000},
                    ),
                    dict(
                        name="Redundancy and retraining",
                        category="transition",
                        values={"2027": 300000},
                    ),
                    dict(
                        name="Joint committee running costs",
                        category="running",
                        values=_years(2027, 2035, 60000),
                    ),
                    dict(
                        name="Whole-service savings",
                        category="cashable-saving",
                        values=_years(2028, 2035, 480000),
                        distribution="pert",
                        low="0.5",
                        mode="1",
                        high="1.15",
                    ),
                ],
            ),
        ],
        horizon_years=10,
        monte_carlo_iterations=10000,
        posts_affected=14,
        staffing_implications=(
            "About 14 of 120 posts across both councils would go over three years, mostly in"
            " management and back-office processing."
        ),
        job_protection=(
            "Natural wastage, vacancy control, retraining and redeployment before any"
            " compulsory redundancy; TUPE transfer to Lancaster with pensions protected."
        ),
    )
    lead_option = case.options.get(name__startswith="Lead authority")
    services.case_preferred_option_update(
        case=case,
        user=writer,
        option=lead_option,
        reasons=(
            "Highest net present social value, lower transition risk, and residents keep"
            " using their own council's customer service centre."
        ),
        expected_revision=BusinessCase.objects.get(pk=case.pk).revision,
    )
    services.risks_add_suggested(
        case=case,
        user=writer,
        keys=[
            "loss-of-experienced-staff",
            "savings-not-realised",
            "unproven-technology",
            "less-personal-service",
            "partner-withdraws",
        ],
    )
    for date, group, who, said, response in [
        (
            datetime.date(2009, 9, 14),
            "staff",
            "Revenues and Benefits staff briefing",
            "Staff asked whether jobs would move to Preston.",
            "Processing could be done from either office; no relocation is proposed.",
        ),
        (
            datetime.date(2009, 9, 21),
            "unions",
            "UNISON branch",
            "Concern about compulsory redundancies and workload moving to supervisors.",
            "Presumption against compulsory redundancy; workload mapped in the process design.",
        ),
        (
            datetime.date(2009, 10, 6),
            "members",
            "Budget and Performance Panel",
            "Members asked for each council's share of the savings.",
            "Shown per partner in the appraisal and the financial case.",
        ),
    ]:
        services.case_record_save(
            case=case,
            record=ConsultationEntry(
                date=date, group=group, who=who, what_was_said=said, response=response
            ),
            user=writer,
        )
    _baselines(
        case,
        lancaster,
        writer,
        [
            (
                "cost",
                "Net cost of the Revenues and Benefits service",
                2900000,
                "£ a year",
                "2024/25 revenue outturn",
            ),
            (
                "quality",
                "Average days to process a new benefit claim",
                22,
                "days",
                "DWP statistics",
            ),
            ("quality", "Council tax collected in year", 97.1, "%", "QRC4 return"),
        ],
    )
    services.case_share(case=case, user=writer)
    preston_writer = _user("officer@preston.demo.example.org")
    _baselines(
        case,
        preston,
        preston_writer,
        [
            (
                "cost",
                "Net cost of the Revenues and Benefits service",
                3100000,
                "£ a year",
                "2024/25 revenue outturn",
            ),
            (
                "quality",
                "Average days to process a new benefit claim",
                25,
                "days",
                "DWP statistics",
            ),
        ],
    )
    # Not yet ready: Lancaster has two criteria and Preston one still to evidence.
    _evidence(case, lancaster, writer, leave_out={"disputes-and-withdrawal", "staff-consulted"})
    _evidence(case, preston, preston_writer, leave_out={"outcomes-measured"})
    services.case_comment_add(
        case=case,
        user=preston_writer,
        text="Preston's baselines are in. Benefits realisation indicators to follow.",
    )
    # The sharing agreement: benefits by each council's baseline cost, costs equally.
    case.refresh_from_db()
    services.sharing_agreement_save(
        case=case,
        user=writer,
        option=lead_option,
        bases={
            line.name: "baseline_cost" if line.kind == "benefit" else "equal"
            for line in lead_option.lines.filter(partner__isnull=True)
        },
        custom_pct={},
        expected_revision=UNCHECKED,
    )


def _building_control():
    cumberland = Council.objects.get(code=CUMBERLAND)
    westmorland = Council.objects.get(code=WESTMORLAND)
    writer = _user("officer@cumberland.demo.example.org")
    case = _case(
        title="Cumbrian building control partnership (demo)",
        lead=cumberland,
        partner=westmorland,
        writer=writer,
        stage="obc",
        summary=(
            "A single building control service for Cumberland and Westmorland and Furness,"
            " continuing the CLASB shared services list."
        ),
        sections=BC_SECTIONS,
        options=[
            (
                "Joint service hosted by Cumberland",
                "One team, one IT system, surveyors based in both council areas.",
                "lead-authority",
                "0.2",
                [
                    dict(
                        name="Case management system", category="capital", values={"2026": 180000}
                    ),
                    dict(
                        name="Transition and training",
                        category="transition",
                        values={"2026": 60000, "2027": 20000},
                    ),
                    dict(
                        name="Single management team",
                        category="cashable-saving",
                        values=_years(2027, 2035, 95000),
                        distribution="triangular",
                        low="0.8",
                        mode="1",
                        high="1.1",
                    ),
                    dict(
                        name="Fewer agency surveyors",
                        category="cashable-saving",
                        values=_years(2027, 2035, 60000),
                        distribution="uniform",
                        low="0.5",
                        high="1.2",
                    ),
                    dict(
                        name="Faster plan checking",
                        category="non-cashable-benefit",
                        values=_years(2028, 2035, 25000),
                    ),
                ],
            ),
            (
                "Arm's-length company",
                "A company owned by both councils trading building control services.",
                "company",
                "0.4",
                [
                    dict(
                        name="Company set-up and systems",
                        category="capital",
                        values={"2026": 320000},
                    ),
                    dict(
                        name="Company overheads",
                        category="running",
                        values=_years(2027, 2035, 70000),
                    ),
                    dict(
                        name="Savings and traded income",
                        category="cashable-saving",
                        values=_years(2027, 2035, 190000),
                        distribution="pert",
                        low="0.4",
                        mode="1",
                        high="1.3",
                    ),
                ],
            ),
        ],
        horizon_years=10,
        monte_carlo_iterations=10000,
        posts_affected=4,
        staffing_implications="Two manager posts become one; two agency posts are not renewed.",
        job_protection="Redeployment first; TUPE transfer of Westmorland and Furness staff.",
    )
    services.risks_add_suggested(
        case=case,
        user=writer,
        keys=["loss-of-experienced-staff", "whole-organisation-knowledge", "partner-withdraws"],
    )
    services.case_record_save(
        case=case,
        record=ConsultationEntry(
            date=datetime.date(2025, 11, 3),
            group="staff",
            who="Building control teams",
            what_was_said="Surveyors want to keep local patches.",
            response="Patches stay; management and systems are shared.",
        ),
        user=writer,
    )
    _baselines(
        case,
        cumberland,
        writer,
        [
            (
                "cost",
                "Net cost of building control (non-fee-earning)",
                410000,
                "£ a year",
                "2024/25 revenue outturn",
            ),
            ("quality", "Full plans decided within 5 weeks", 88, "%", "Service KPI return"),
        ],
    )
    services.case_share(case=case, user=writer)
    wf_writer = _user("officer@westmorland-furness.demo.example.org")
    _baselines(
        case,
        westmorland,
        wf_writer,
        [
            (
                "cost",
                "Net cost of building control (non-fee-earning)",
                350000,
                "£ a year",
                "2024/25 revenue outturn",
            ),
        ],
    )
    _evidence(case, cumberland, writer)
    _evidence(case, westmorland, wf_writer)


@transaction.atomic
def load_demo_cases() -> int:
    """Policies for the demo councils and the two demo cases; returns cases created."""
    _policies()
    made = 0
    for title, lead, build in [
        ("Shared Revenues and Benefits service (demo)", LANCASTER, _revenues_and_benefits),
        ("Cumbrian building control partnership (demo)", CUMBERLAND, _building_control),
    ]:
        if not BusinessCase.objects.filter(
            title=title, lead_council_id=lead, is_demo=True
        ).exists():
            build()
            made += 1
    return made
