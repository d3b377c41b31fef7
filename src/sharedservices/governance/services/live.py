"""After approval: implementation milestones, going live in the register, withdrawal
notices and the dispute log."""

from __future__ import annotations

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sharedservices.accounts.roles import Role
from sharedservices.cases.models import BusinessCase, OptionLine
from sharedservices.governance import limits
from sharedservices.governance.audit import audit_record
from sharedservices.governance.errors import BadFields, NotAllowedNow, NotYours
from sharedservices.governance.models import (
    CaseState,
    ExitCostSharing,
    ExitKind,
    Milestone,
    PartnerExit,
    Withdrawal,
)
from sharedservices.governance.move_fields import WithdrawFields
from sharedservices.governance.records import CaseRecords, load_records
from sharedservices.governance.services.common import check, lock, set_state
from sharedservices.governance.services.fields import read_choice, read_date, read_text
from sharedservices.governance.services.regrouping import regroup_case
from sharedservices.governance.tenancy import acting_council_ids
from sharedservices.governance.transitions import LEAD, OWN, move
from sharedservices.registry.models import Arrangement, ArrangementStatus
from sharedservices.registry.services import (
    ArrangementInput,
    arrangement_create,
    arrangement_input_from,
    arrangement_partner_left,
    arrangement_update,
)

MANAGING_ROLES = frozenset({Role.LEAD_OFFICER, Role.DIRECTOR})


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@move(
    "start_implementation",
    "Start implementation",
    states={CaseState.APPROVED},
    roles=MANAGING_ROLES,
    council=LEAD,
    to=CaseState.IMPLEMENTATION,
    done="Implementation started",
)
@transaction.atomic
def case_start_implementation(*, case: BusinessCase, user) -> CaseRecords:
    records = lock(case)
    check(user, records, "start_implementation")
    set_state(records, user, CaseState.IMPLEMENTATION)
    return records


def _require_manager(user, records: CaseRecords) -> None:
    if not (
        records.case.lead_council_id in acting_council_ids(user)
        and MANAGING_ROLES & set(getattr(user, "roles", ()))
    ):
        raise NotYours(
            f"Only a lead officer or director of {records.case.lead_council.name} manages"
            " the implementation"
        )


@transaction.atomic
def milestone_save(
    *, case: BusinessCase, user, title: str, owner: str, due_on, done_on=None
) -> Milestone:
    """Add an implementation milestone, or mark one done (same title and due date)."""
    records = lock(case)
    _require_manager(user, records)
    if records.state not in (CaseState.APPROVED, CaseState.IMPLEMENTATION, CaseState.LIVE):
        raise NotAllowedNow("Milestones are for an approved case")
    title = read_text(title, "title", max_length=limits.NAME)
    owner = read_text(owner, "owner", max_length=limits.NAME)
    due_on = read_date(due_on, "due_on")
    if done_on is not None:
        done_on = read_date(done_on, "done_on", not_after=timezone.localdate())
    milestone = Milestone.objects.filter(case=records.case, title=title, due_on=due_on).first()
    before = None
    if milestone is None:
        milestone = Milestone(case=records.case, title=title, due_on=due_on)
    else:
        before = {"owner": milestone.owner, "done_on": milestone.done_on}
        if (milestone.owner, milestone.done_on) == (owner, done_on):
            return milestone
    milestone.owner, milestone.done_on = owner, done_on
    milestone.save()
    audit_record(
        user=user,
        action="milestone.saved",
        obj=milestone,
        before=before,
        after={"title": title, "owner": owner, "due_on": due_on, "done_on": done_on},
        case=records.case,
    )
    return milestone


def expected_annual_savings(case: BusinessCase) -> int | None:
    """The preferred option's cashable savings in its fullest year, in whole pounds."""
    option = case.preferred_option
    if option is None:
        return None
    by_year: dict[str, float] = {}
    for line in OptionLine.objects.filter(option=option, category="cashable-saving"):
        for year, amount in (line.values or {}).items():
            by_year[year] = by_year.get(year, 0.0) + float(amount or 0)
    return round(max(by_year.values())) if by_year else None


def arrangement_for_case(case: BusinessCase, *, user, councils=None):
    """Create (or update) the case's arrangement in the register through the register's
    own rules (``arrangement_check``), and link the case to it."""
    councils = councils if councils is not None else load_records(case).active
    option = case.preferred_option
    if option is None or not option.delivery_model:
        raise NotAllowedNow(
            "Choose the preferred option, with its delivery model, before going live",
            path="preferred_option",
        )
    data = ArrangementInput(
        name=case.title,
        description=case.summary,
        status=ArrangementStatus.LIVE,
        councils=list(councils),
        lead_council=case.lead_council,
        delivery_model=option.delivery_model,
        start_year=timezone.localdate().year,
        service_areas=list(case.service_areas.all()),
        organisations=[o.name for o in case.partner_organisations.all()],
        annual_savings_gbp=expected_annual_savings(case),
        is_demo=case.is_demo,
    )
    try:
        if case.arrangement_id:  # merged with the record as saved now, locked: no edit lost
            saved = Arrangement.objects.select_for_update().get(pk=case.arrangement_id)
            current = arrangement_input_from(saved)
            data.organisations = sorted(set(data.organisations) | set(current.organisations))
            data.source_url = current.source_url
            arrangement = arrangement_update(
                user=user, arrangement=saved, data=data, expected_revision=saved.revision
            )
            action = "arrangement.updated_on_going_live"
        else:
            arrangement = arrangement_create(user=user, data=data)
            action = "arrangement.created_on_going_live"
    except ValidationError as error:  # the register's own rules (arrangement_check)
        raise NotAllowedNow(
            [
                (field, message)
                for field, messages in error.message_dict.items()
                for message in messages
            ]
        ) from None
    BusinessCase.objects.filter(pk=case.pk).update(arrangement=arrangement)
    case.arrangement = arrangement
    audit_record(
        user=user,
        action=action,
        obj=arrangement,
        after={
            "councils": [c.pk for c in data.councils],
            "delivery_model": data.delivery_model,
            "start_year": data.start_year,
            "annual_savings_gbp": data.annual_savings_gbp,
            "case": case.pk,
        },
        case=case,
        arrangement=arrangement,
    )
    return arrangement


@move(
    "go_live",
    "Go live",
    states={CaseState.IMPLEMENTATION},
    roles=MANAGING_ROLES,
    council=LEAD,
    to=CaseState.LIVE,
    done="The arrangement is live and in the register",
)
@transaction.atomic
def case_go_live(*, case: BusinessCase, user) -> CaseRecords:
    """Going live puts the arrangement in the register: partners, delivery model,
    service areas, start year, expected savings of the preferred option, and a link
    back to the case."""
    records = lock(case)
    check(user, records, "go_live")
    arrangement_for_case(records.case, user=user, councils=records.active)
    set_state(records, user, CaseState.LIVE)
    return records


def check_may_withdraw(records: CaseRecords, council, today) -> None:
    if council.pk in records.withdrawals:
        raise NotAllowedNow(f"{council.name} has already given notice of withdrawal")
    if council.pk == records.case.lead_council_id:
        raise NotAllowedNow(
            "The lead council hosts the service: it ends the arrangement rather than withdraw",
            path="council",
        )


# Partners keep the right to withdraw (Carlisle City Council, Executive report on the ACE
# programme).
@move(
    "withdraw",
    "Give notice of withdrawal",
    states={CaseState.LIVE},
    roles={Role.EXECUTIVE_MEMBER, Role.DIRECTOR, Role.LEAD_OFFICER},
    council=OWN,
    fields=WithdrawFields,
    ready=check_may_withdraw,
    done="Notice of withdrawal recorded",
)
@transaction.atomic
def case_withdraw(
    *,
    case: BusinessCase,
    user,
    council,
    notice_given_on,
    leaves_on,
    reasons: str,
    exit_costs_gbp: int = 0,
    exit_cost_sharing: str = ExitCostSharing.WITHDRAWING,
) -> Withdrawal:
    """A partner's notice of withdrawal from a live arrangement, with its notice period
    (from the management case, default 12 months) and exit costs (partners keep the right
    to withdraw). When the leaving date comes the arrangement goes on with the
    others, or ends if fewer than two remain."""
    records = lock(case)
    notice_given_on = read_date(notice_given_on, "notice_given_on", not_after=timezone.localdate())
    leaves_on = read_date(leaves_on, "leaves_on")
    reasons = read_text(reasons, "reasons", max_length=limits.TEXT)
    if isinstance(exit_costs_gbp, bool) or not isinstance(exit_costs_gbp, int):
        raise BadFields("Give whole pounds", path="exit_costs_gbp")
    if not 0 <= exit_costs_gbp < limits.MAX_GBP:
        raise BadFields("Give an amount from £0 to under £1 trillion", path="exit_costs_gbp")
    exit_cost_sharing = read_choice(exit_cost_sharing, ExitCostSharing, "exit_cost_sharing")
    code = getattr(council, "pk", None)
    existing = records.withdrawals.get(code)
    values = dict(
        notice_given_on=notice_given_on,
        leaves_on=leaves_on,
        reasons=reasons,
        exit_costs_gbp=exit_costs_gbp,
        exit_cost_sharing=exit_cost_sharing,
    )
    if existing and all(getattr(existing, k) == v for k, v in values.items()):
        return existing
    check(user, records, "withdraw", council)
    months = records.governance.notice_months
    earliest = add_months(notice_given_on, months)
    if leaves_on < earliest:
        raise BadFields(
            f"The notice period is {months} months: the earliest leaving date is"
            f" {earliest:%d %B %Y}",
            path="leaves_on",
        )
    withdrawal = Withdrawal.objects.create(
        case=records.case, council=council, notice_months=months, recorded_by=user, **values
    )
    audit_record(
        user=user,
        action="withdrawal.notice_given",
        obj=withdrawal,
        after={**values, "council": code, "notice_months": months},
        case=records.case,
        arrangement=records.case.arrangement_id,
        council=council,
    )
    if leaves_on <= timezone.localdate():
        _apply_withdrawal(records, withdrawal, user)
    return withdrawal


def _apply_withdrawal(records: CaseRecords, withdrawal: Withdrawal, user) -> None:
    case = records.case
    PartnerExit.objects.create(
        case=case,
        council=withdrawal.council,
        kind=ExitKind.WITHDREW,
        left_on=withdrawal.leaves_on,
        reason=withdrawal.reasons,
    )
    withdrawal.applied_at = timezone.now()
    withdrawal.save(update_fields=["applied_at"])
    remaining = [c for c in records.active if c.pk != withdrawal.council_id]
    arrangement = case.arrangement
    if arrangement is not None:
        arrangement_partner_left(
            arrangement=arrangement, council=withdrawal.council, remaining=remaining,
            year=withdrawal.leaves_on.year,
        )  # fmt: skip
    audit_record(
        user=user,
        action="partner.left",
        obj=case,
        after={
            "council": withdrawal.council_id,
            "kind": ExitKind.WITHDREW,
            "remaining": [c.pk for c in remaining],
        },
        case=case,
        arrangement=arrangement,
        council=withdrawal.council,
    )
    if len(remaining) < 2:
        set_state(
            records,
            user,
            CaseState.ENDED,
            reason=f"{withdrawal.council.name} withdrew; fewer than two councils remain",
        )
    else:  # the arrangement goes on: its figures are worked out again for those remaining
        regroup_case(
            records,
            user,
            leaving=[withdrawal.council],
            kind=ExitKind.WITHDREW,
            on=withdrawal.leaves_on,
        )


def withdrawals_apply_due(*, today: datetime.date | None = None) -> int:
    """Take off their arrangements the councils whose leaving date has come (run daily by
    ``manage.py governance_due``); returns how many were applied."""
    today = today or timezone.localdate()
    applied = 0
    due = Withdrawal.objects.filter(applied_at__isnull=True, leaves_on__lte=today)
    for case_id in due.values_list("case_id", flat=True).distinct():
        try:
            applied += _apply_due(case_id, today)
        except NotAllowedNow:  # a line cannot be scaled yet: stays due, shown on the case
            continue
    return applied


def _apply_due(case_id: int, today: datetime.date) -> int:
    applied = 0
    with transaction.atomic():
        records = lock(BusinessCase.objects.get(pk=case_id))
        for withdrawal in Withdrawal.objects.filter(
            case_id=case_id, applied_at__isnull=True, leaves_on__lte=today
        ).select_related("council"):
            if records.state == CaseState.LIVE:
                _apply_withdrawal(records, withdrawal, None)
                records = load_records(records.case)
                applied += 1
    return applied
