"""The demo Revenues and Benefits case, after Lancaster City Council's Cabinet report
of 1 September 2009 (Lancaster and Preston). Figures are illustrative."""

from __future__ import annotations

import datetime

from sharedservices.base.revisions import UNCHECKED
from sharedservices.cases import services
from sharedservices.cases.demo_common import (
    LANCASTER,
    PRESTON,
    demo_baselines,
    demo_case,
    demo_evidence,
    demo_user,
    line,
    years,
)
from sharedservices.cases.models import (
    BusinessCase,
    ConsultationEntry,
    SectionPart,
)
from sharedservices.councils.models import Council

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


def revenues_and_benefits():
    lancaster, preston = Council.objects.get(code=LANCASTER), Council.objects.get(code=PRESTON)
    writer = demo_user("officer@lancaster.demo.example.org")
    case = demo_case(
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
                    line(
                        "System convergence",
                        "capital",
                        {"2026": 350000, "2027": 100000},
                        triangular=("0.9", "1", "1.5"),
                    ),
                    line("Project manager", "transition", {"2026": 50000}),
                    line(
                        "Redundancy and retraining", "transition", {"2027": 120000}, partner=preston
                    ),
                    line(
                        "Shared senior management",
                        "cashable-saving",
                        years(2027, 2035, 150000),
                        triangular=("0.8", "1", "1.1"),
                    ),
                    line(
                        "Back-office efficiencies",
                        "cashable-saving",
                        years(2028, 2035, 220000),
                        pert=("0.6", "1", "1.2"),
                    ),
                    line("Single IT contract", "cashable-saving", years(2028, 2035, 90000)),
                ],
            ),
            (
                "Joint committee: full shared service",
                "A joint committee runs the whole service, including customer contact.",
                "joint-committee",
                "0.32",
                [
                    line(
                        "System convergence",
                        "capital",
                        {"2026": 450000, "2027": 200000},
                        triangular=("0.9", "1", "1.6"),
                    ),
                    line("Transition team", "transition", {"2026": 150000, "2027": 150000}),
                    line("Redundancy and retraining", "transition", {"2027": 300000}),
                    line("Joint committee running costs", "running", years(2027, 2035, 60000)),
                    line(
                        "Whole-service savings",
                        "cashable-saving",
                        years(2028, 2035, 480000),
                        pert=("0.5", "1", "1.15"),
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
    demo_baselines(
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
    preston_writer = demo_user("officer@preston.demo.example.org")
    demo_baselines(
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
    demo_evidence(case, lancaster, writer, leave_out={"disputes-and-withdrawal", "staff-consulted"})
    demo_evidence(case, preston, preston_writer, leave_out={"outcomes-measured"})
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
