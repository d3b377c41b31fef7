"""Demo governance: the rest of Team Lancashire's Mid Lancashire cluster (Lancaster City
Council, Cabinet, 2009: South Ribble, Chorley, West Lancashire) with a policy each, and
cases at every state of the workflow, each moved there through the real services by the
demo users of each council, with decisions dated in the past.

Run by ``python manage.py demo`` after the demo users and cases; safe to run again (a
case that exists is left as it is; a live case whose register record was replaced by the
register's demo loader is linked to a new one).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from sharedservices.accounts.models import User
from sharedservices.accounts.roles import Role
from sharedservices.base.revisions import UNCHECKED
from sharedservices.cases import services as case_services
from sharedservices.cases.demo_common import demo_evidence, demo_full_case_content
from sharedservices.cases.models import BusinessCase, Option, OptionLine, Policy
from sharedservices.councils.models import Council
from sharedservices.governance import services
from sharedservices.governance.models import CaseGovernance, CaseState
from sharedservices.registry.models import ServiceArea

LANCASTER, PRESTON = "E07000121", "E07000123"
SOUTH_RIBBLE, CHORLEY, WEST_LANCS = "E07000126", "E07000118", "E07000127"
SLUGS = {
    LANCASTER: "lancaster",
    PRESTON: "preston",
    SOUTH_RIBBLE: "south-ribble",
    CHORLEY: "chorley",
    WEST_LANCS: "west-lancashire",
}
POLICIES = {
    SOUTH_RIBBLE: "twelve-principles",
    CHORLEY: "eight-point-protocol",
    WEST_LANCS: "success-elements",
}


def _user(code: str, role: Role) -> User:
    return User.objects.get(email=f"{role.value}@{SLUGS[code]}.demo.example.org")


def _policies() -> None:
    for code, template in POLICIES.items():
        council = Council.objects.get(pk=code)
        if not Policy.objects.filter(council=council).exists():
            case_services.policy_adopt_template(
                council=council,
                template=template,
                in_force_from=datetime.date(2025, 4, 1),
                is_demo=True,
            )


def _case(
    title,
    lead,
    partners,
    service_area,
    *,
    saving,
    model="lead-authority",
    systems="per-council",
    own=(),
):
    """A case with one shared option. Its lines say how they scale if a partner leaves:
    the systems line as ``systems`` says, the shared saving per council; ``own`` adds a
    saving of one council's own, (GSS code, name, pounds a year)."""
    writer = _user(lead, Role.LEAD_OFFICER)
    case = case_services.case_create(
        user=writer,
        title=title,
        stage="fbc",
        summary=f"A shared {service_area.replace('-', ' ')} service for the Mid Lancashire"
        " cluster of Team Lancashire (demo).",
        partner_councils=list(Council.objects.filter(pk__in=partners)),
        start_year=2026,
        monte_carlo_iterations=0,
        is_demo=True,
        service_areas=list(ServiceArea.objects.filter(slug=service_area)),
    )
    option = case_services.option_save(
        option=Option(
            case=case,
            name="Shared service",
            description="One team hosted by the lead council.",
            delivery_model=model,
        ),
        user=writer,
    )
    lines = [
        {
            "name": "Systems and transition",
            "category": "capital",
            "values": {"2026": saving},
            "scaling": systems,
        },
        {
            "name": "Shared management and back office",
            "category": "cashable-saving",
            "values": {str(y): saving // 2 for y in range(2027, 2036)},
            "scaling": "per-council",
        },
    ]
    for code, name, yearly in own:
        lines.append(
            {
                "name": name,
                "category": "cashable-saving",
                "values": {str(y): yearly for y in range(2027, 2036)},
                "partner": Council.objects.get(pk=code),
            }
        )
    for line in lines:
        case_services.option_line_save(line=OptionLine(option=option, **line), user=writer)
    case_services.case_preferred_option_update(
        case=BusinessCase.objects.get(pk=case.pk),
        user=writer,
        option=option,
        reasons="Highest net present social value; one team is more resilient.",
        expected_revision=UNCHECKED,
    )
    demo_full_case_content(case, writer, service=service_area.replace("-", " "))
    for council in Council.objects.filter(pk__in=[lead, *partners]):
        demo_evidence(case, council, writer)
    case_services.sharing_agreement_save(
        case=BusinessCase.objects.get(pk=case.pk),
        user=writer,
        option=option,
        bases={line.name: "equal" for line in option.lines.filter(partner__isnull=True)},
        custom_pct={},
        expected_revision=UNCHECKED,
    )
    case_services.case_share(case=BusinessCase.objects.get(pk=case.pk), user=writer)
    return BusinessCase.objects.get(pk=case.pk)


def _plan(case, codes, expected_on, *, published_on=None):
    for code in codes:
        services.forward_plan_entry_save(
            case=case,
            user=None,
            council=Council.objects.get(pk=code),
            what=f"{case.title.removesuffix(' (demo)')}: whether to join",
            decision_maker="Cabinet",
            expected_on=expected_on,
            documents="Business case; report of the section 151 officer",
            published_on=published_on or expected_on - datetime.timedelta(days=42),
        )


def _scrutiny(case, codes, met_on):
    for code in codes:
        services.case_record_scrutiny(
            case=case,
            user=_user(code, Role.SCRUTINY_MEMBER),
            council=Council.objects.get(pk=code),
            recommendation="support",
            met_on=met_on,
            findings="The committee supports the case and asks for quarterly reports on savings.",
        )


def _decide(case, code, decision, decided_on):
    services.case_record_decision(
        case=case,
        user=_user(code, Role.EXECUTIVE_MEMBER),
        council=Council.objects.get(pk=code),
        decision=decision,
        decided_on=decided_on,
        published_on=decided_on + datetime.timedelta(days=1),
        minute_reference=f"Cabinet {decided_on:%d/%m/%Y}, minute {case.pk}",
        key_decision=True,
    )


def _build(today: datetime.date) -> dict[str, BusinessCase]:
    long_ago = today - datetime.timedelta(days=70)
    decided = today - datetime.timedelta(days=40)
    made = {}

    # Ready to submit: Lancaster leads, with Preston and South Ribble.
    case = _case(
        "Mid Lancashire revenues and benefits (demo)",
        LANCASTER,
        [PRESTON, SOUTH_RIBBLE],
        "revenues-benefits",
        saving=400_000,
        # One system bought whoever joins; Preston frees office space of its own. If a
        # partner rejects, Lancaster's figures fall beyond the 10% tolerance (it decides
        # again) while Preston's stay within it.
        systems="fixed",
        own=[(PRESTON, "Preston office space released", 50_000)],
    )
    _plan(
        case,
        [LANCASTER, PRESTON, SOUTH_RIBBLE],
        today + datetime.timedelta(days=45),
        published_on=today,
    )
    made["draft"] = case

    case = _case(
        "Mid Lancashire internal audit (demo)",
        CHORLEY,
        [SOUTH_RIBBLE, WEST_LANCS],
        "audit",
        saving=120_000,
    )
    services.case_submit(case=case, user=_user(CHORLEY, Role.DIRECTOR))
    _plan(
        case,
        [CHORLEY, SOUTH_RIBBLE, WEST_LANCS],
        today + datetime.timedelta(days=35),
        published_on=today - datetime.timedelta(days=2),
    )
    made["submitted"] = case

    case = _case("Mid Lancashire payroll (demo)", SOUTH_RIBBLE, [CHORLEY], "payroll", saving=90_000)
    services.case_submit(case=case, user=_user(SOUTH_RIBBLE, Role.DIRECTOR))
    _scrutiny(case, [SOUTH_RIBBLE], today - datetime.timedelta(days=3))
    made["scrutiny"] = case

    case = _case("Mid Lancashire ICT (demo)", PRESTON, [LANCASTER, CHORLEY], "ict", saving=300_000)
    services.case_submit(case=case, user=_user(PRESTON, Role.DIRECTOR))
    _scrutiny(case, [PRESTON, LANCASTER, CHORLEY], long_ago)
    _plan(
        case,
        [PRESTON, LANCASTER, CHORLEY],
        today + datetime.timedelta(days=20),
        published_on=today - datetime.timedelta(days=10),
    )
    _plan(case, [PRESTON], decided, published_on=decided - datetime.timedelta(days=40))
    _decide(case, PRESTON, "approve", decided)
    made["decisions"] = case

    case = _case(
        "Mid Lancashire legal services (demo)", LANCASTER, [CHORLEY], "legal", saving=80_000
    )
    services.case_submit(case=case, user=_user(LANCASTER, Role.DIRECTOR))
    _scrutiny(case, [LANCASTER, CHORLEY], long_ago)
    recent = today - datetime.timedelta(days=1)
    _plan(case, [LANCASTER, CHORLEY], recent)
    _decide(case, LANCASTER, "approve", recent)
    _decide(case, CHORLEY, "approve", recent)
    made["call-in"] = case

    # A partner rejected and the others went on.
    case = _case(
        "Mid Lancashire building control (demo)",
        WEST_LANCS,
        [CHORLEY, SOUTH_RIBBLE],
        "building-control",
        saving=150_000,
    )
    services.case_submit(case=case, user=_user(WEST_LANCS, Role.DIRECTOR))
    _scrutiny(case, [WEST_LANCS, CHORLEY, SOUTH_RIBBLE], long_ago)
    _plan(case, [WEST_LANCS, CHORLEY, SOUTH_RIBBLE], decided)
    _decide(case, WEST_LANCS, "approve", decided)
    _decide(case, CHORLEY, "approve", decided)
    _decide(case, SOUTH_RIBBLE, "reject", decided)
    services.case_confirm(case=case, user=_user(WEST_LANCS, Role.DIRECTOR))
    lead_officer = _user(WEST_LANCS, Role.LEAD_OFFICER)
    services.case_start_implementation(case=case, user=lead_officer)
    for title, due, done in [
        ("Joint committee constituted", today - datetime.timedelta(days=10), True),
        ("Staff transferred under TUPE", today + datetime.timedelta(days=60), False),
        ("Single case management system live", today + datetime.timedelta(days=120), False),
    ]:
        services.milestone_save(
            case=case,
            user=lead_officer,
            title=title,
            owner="Head of Building Control, West Lancashire",
            due_on=due,
            done_on=due if done else None,
        )
    made["implementation"] = case

    # Live, with a withdrawal notice.
    case = _live(
        "Mid Lancashire licensing (demo)", LANCASTER, [PRESTON, WEST_LANCS], "licensing", decided
    )
    services.case_withdraw(
        case=case,
        user=_user(WEST_LANCS, Role.EXECUTIVE_MEMBER),
        council=Council.objects.get(pk=WEST_LANCS),
        notice_given_on=today - datetime.timedelta(days=5),
        leaves_on=today - datetime.timedelta(days=5) + datetime.timedelta(days=366),
        reasons="West Lancashire is joining a county-wide licensing service.",
        exit_costs_gbp=25_000,
        exit_cost_sharing="withdrawing-council",
    )
    made["live-withdrawal"] = case

    # Live, with a dispute.
    case = _live("Mid Lancashire procurement (demo)", CHORLEY, [PRESTON], "procurement", decided)
    dispute = services.dispute_open(
        case=case,
        user=_user(PRESTON, Role.DIRECTOR),
        council=Council.objects.get(pk=PRESTON),
        opened_on=today - datetime.timedelta(days=14),
        issue="Preston's share of the framework rebate for 2026/27 was calculated on the"
        " wrong baseline.",
        resolution_steps="1. The two section 151 officers meet within 10 working days."
        " 2. If unresolved, the chief executives meet. 3. If still unresolved, an"
        " independent adjudicator decides.",
    )
    services.dispute_step_add(
        dispute=dispute,
        user=_user(CHORLEY, Role.DIRECTOR),
        council=Council.objects.get(pk=CHORLEY),
        taken_on=today - datetime.timedelta(days=7),
        step="The section 151 officers met and agreed to recalculate on the 2024/25 baseline.",
    )
    made["live-dispute"] = case

    case = _case(
        "Mid Lancashire customer contact (demo)",
        PRESTON,
        [SOUTH_RIBBLE],
        "customer-services",
        saving=60_000,
    )
    services.case_not_pursued(
        case=case,
        user=_user(PRESTON, Role.DIRECTOR),
        reason="Both councils are replacing their telephony this year; to be looked at again"
        " in 2028.",
    )
    made["not-pursued"] = case
    return made


def _live(title, lead, partners, area, decided):
    case = _case(title, lead, partners, area, saving=100_000)
    services.case_submit(case=case, user=_user(lead, Role.DIRECTOR))
    _scrutiny(case, [lead, *partners], decided - datetime.timedelta(days=20))
    _plan(case, [lead, *partners], decided)
    for code in [lead, *partners]:
        _decide(case, code, "approve", decided)
    services.case_confirm(case=case, user=_user(lead, Role.DIRECTOR))
    services.case_start_implementation(case=case, user=_user(lead, Role.LEAD_OFFICER))
    services.case_go_live(case=case, user=_user(lead, Role.LEAD_OFFICER))
    return BusinessCase.objects.get(pk=case.pk)


def _relink() -> int:
    """The register's demo loader replaces demo arrangements: link live demo cases to
    new records through the same going-live rules."""
    from sharedservices.governance.services.live import arrangement_for_case

    relinked = 0
    for governance in CaseGovernance.objects.filter(
        state=CaseState.LIVE, case__is_demo=True, case__arrangement__isnull=True
    ).select_related("case"):
        arrangement_for_case(governance.case, user=None)
        relinked += 1
    return relinked


@transaction.atomic
def load_demo_governance(*, today: datetime.date | None = None) -> int:
    """The Mid Lancashire councils' policies and cases at every state; returns how many
    cases were made (0 when they exist already)."""
    _policies()
    if BusinessCase.objects.filter(
        title="Mid Lancashire revenues and benefits (demo)", is_demo=True
    ).exists():
        _relink()
        return 0
    return len(_build(today or timezone.localdate()))
