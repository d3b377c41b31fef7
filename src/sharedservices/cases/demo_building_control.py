"""The demo building control case, continuing the CLASB list in Carlisle City Council's
report with Carlisle's successors, Cumberland and Westmorland and Furness."""

from __future__ import annotations

import datetime

from sharedservices.base.revisions import UNCHECKED
from sharedservices.cases import services
from sharedservices.cases.demo_common import (
    CUMBERLAND,
    WESTMORLAND,
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


def building_control():
    cumberland = Council.objects.get(code=CUMBERLAND)
    westmorland = Council.objects.get(code=WESTMORLAND)
    writer = demo_user("officer@cumberland.demo.example.org")
    case = demo_case(
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
                    line("Case management system", "capital", {"2026": 180000}),
                    line("Transition and training", "transition", {"2026": 60000, "2027": 20000}),
                    line(
                        "Single management team",
                        "cashable-saving",
                        years(2027, 2035, 95000),
                        triangular=("0.8", "1", "1.1"),
                    ),
                    line(
                        "Fewer agency surveyors",
                        "cashable-saving",
                        years(2027, 2035, 60000),
                        uniform=("0.5", "1.2"),
                    ),
                    line("Faster plan checking", "non-cashable-benefit", years(2028, 2035, 25000)),
                ],
            ),
            (
                "Arm's-length company",
                "A company owned by both councils trading building control services.",
                "company",
                "0.4",
                [
                    line("Company set-up and systems", "capital", {"2026": 320000}),
                    line("Company overheads", "running", years(2027, 2035, 70000)),
                    line(
                        "Savings and traded income",
                        "cashable-saving",
                        years(2027, 2035, 190000),
                        pert=("0.4", "1", "1.3"),
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
    # An outline business case names its preferred option (HM Treasury's stage 2).
    services.case_preferred_option_update(
        case=BusinessCase.objects.get(pk=case.pk),
        user=writer,
        option=case.options.get(name="Joint service hosted by Cumberland"),
        reasons="The higher net present social value, and surveyors keep their local patches.",
        expected_revision=UNCHECKED,
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
    demo_baselines(
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
    wf_writer = demo_user("officer@westmorland-furness.demo.example.org")
    demo_baselines(
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
    demo_evidence(case, cumberland, writer)
    demo_evidence(case, westmorland, wf_writer)
