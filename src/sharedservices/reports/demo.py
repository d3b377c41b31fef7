"""The reports of the demo Lancaster–Preston Revenues and Benefits case: Lancaster's
cabinet report signed off and published, with the staffing implications (named posts)
exempt under paragraph 4 of Schedule 12A; Preston's cabinet report still in draft.

The words are the demo's own, written for it and labelled as a demo; safe to run again.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from sharedservices.accounts.models import User
from sharedservices.base.revisions import UNCHECKED
from sharedservices.cases.models import BusinessCase
from sharedservices.governance.models import ForwardPlanEntry
from sharedservices.governance.services.forward_plan import forward_plan_entry_save
from sharedservices.reports import services
from sharedservices.reports.models import ImplicationKind, Meeting, Report

LANCASTER, PRESTON = "E07000121", "E07000123"
TITLE = "Shared Revenues and Benefits service (demo)"

# Signed off by Lancaster's statutory officers (accounts/demo.py) in their own names.
SIGNED = {
    ImplicationKind.FINANCIAL: (
        "The preferred option's costs and savings for Lancaster are set out in section 5 and"
        " in Appendix B. One-off costs are met from the invest-to-save reserve.",
        "The figures are consistent with the medium-term financial strategy (demo).",
        "s151-officer@lancaster.demo.example.org",
    ),
    ImplicationKind.LEGAL: (
        "The councils may discharge functions jointly under section 101 of the Local"
        " Government Act 1972 and the Local Government Act 2000.",
        "A partnership agreement will set out the governance, exit and dispute terms (demo).",
        "monitoring-officer@lancaster.demo.example.org",
    ),
    ImplicationKind.STAFFING: (
        "Posts at risk (demo): Revenues Manager (RB-001), Benefits Manager (RB-002), two"
        " Team Leaders (RB-010 and RB-011). Consultation with the postholders and UNISON"
        " began on 21 September 2009.",
        "",
        "officer@lancaster.demo.example.org",
    ),
}
PLAIN = {
    ImplicationKind.PROPERTY: "No property is needed: each council keeps its offices.",
    ImplicationKind.ICT: "One revenues and benefits system replaces two; see the options.",
    ImplicationKind.EQUALITY: "An equality impact assessment found no adverse impact.",
    ImplicationKind.HUMAN_RIGHTS: "None arising from this report.",
    ImplicationKind.ENVIRONMENTAL: "Less travel between offices once processing is shared.",
    ImplicationKind.CRIME: "None arising from this report.",
    ImplicationKind.RISK: "The main risks and their mitigation are in section 7.",
    ImplicationKind.SAFEGUARDING: "None arising from this report.",
    ImplicationKind.CUSTOMERS: "Residents keep their own council's customer service centre.",
}


def _plan(case, council, expected_on, published_on) -> None:
    if not ForwardPlanEntry.objects.filter(council_id=council, case=case).exists():
        forward_plan_entry_save(
            case=case,
            user=None,
            council=case.lead_council if council == LANCASTER else case.partner_councils.get(),
            what=f"Whether to share the Revenues and Benefits service ({TITLE})",
            decision_maker="Cabinet",
            expected_on=expected_on,
            documents="The cabinet report and its appendices",
            published_on=published_on,
        )


def _lancaster(case, officer, meeting_on) -> None:
    report = services.report_open(case=case, council=case.lead_council, meeting=Meeting.EXECUTIVE)
    if report.published.exists():
        return
    for field, value in {
        "meeting_date": meeting_on,
        "report_of": "Chief Executive (demo)",
        "portfolio": "Cabinet member for Finance and Resources (demo)",
        "wards": "All",
        "corporate_plan": "Value for money and efficient services (demo)",
        "budget_framework": "yes",
        "delegate_to": "the Head of Financial Services (demo)",
        "conclusions": "Option B gives the highest net present social value and keeps"
        " customer contact local (demo).",
        "background_papers": "The business case and its appraisal, as held here (demo).",
        "contact_name": "Revenues and Benefits project officer (demo)",
        "contact_phone": "01524 000000",
        "contact_email": "reports@lancaster.demo.example.org",
    }.items():
        setattr(report, field, value)
    services.report_details_save(report=report, user=officer, expected_revision=UNCHECKED)
    for kind, (text, comments, signer) in SIGNED.items():
        services.implication_save(
            report=report,
            user=User.objects.get(email=signer),
            kind=kind,
            text=text,
            officer_comments=comments,
            sign_off=True,
        )
    for kind, text in PLAIN.items():
        services.implication_save(report=report, user=officer, kind=kind, text=text, sign_off=True)
    services.report_exempt_save(report=report, user=officer, marks={"implication-staffing": 4})
    services.report_publish(report=report, user=officer)


def _preston(case, officer) -> None:
    report = services.report_open(
        case=case, council=case.partner_councils.get(), meeting=Meeting.EXECUTIVE
    )
    if report.implications.exists():
        return
    report.report_of = "Director of Resources (demo)"
    services.report_details_save(report=report, user=officer, expected_revision=UNCHECKED)
    # Written by an officer; not signed off: that is for Preston's chief finance officer.
    services.implication_save(
        report=report,
        user=officer,
        kind=ImplicationKind.FINANCIAL,
        text="Preston's share of the costs and savings is in section 5 (demo).",
    )


@transaction.atomic
def load_demo_reports(*, today: datetime.date | None = None) -> int:
    """Returns the number of reports published (0 when already there)."""
    case = BusinessCase.objects.filter(title=TITLE, lead_council_id=LANCASTER, is_demo=True).first()
    if case is None:
        return 0
    today = today or timezone.localdate()
    meeting_on = today + datetime.timedelta(days=35)
    _plan(case, LANCASTER, meeting_on, today)
    _plan(case, PRESTON, meeting_on + datetime.timedelta(days=7), today)
    before = Report.objects.filter(case=case, published__isnull=False).count()
    _lancaster(case, User.objects.get(email="officer@lancaster.demo.example.org"), meeting_on)
    _preston(case, User.objects.get(email="officer@preston.demo.example.org"))
    return Report.objects.filter(case=case, published__isnull=False).count() - before
