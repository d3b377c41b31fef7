"""Each council's decision and its call-in: recording the executive's decision, members
calling it in within the call-in period, and scrutiny resolving the call-in. Each
service declares its move (``transitions.move``) with its own check of the records."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from sharedservices.accounts.roles import Role
from sharedservices.cases.models import BusinessCase
from sharedservices.governance import limits
from sharedservices.governance.audit import audit_record
from sharedservices.governance.errors import BadFields, NotAllowedNow
from sharedservices.governance.forward_plan_rules import notice_given
from sharedservices.governance.models import (
    CallIn,
    CallInOutcome,
    CaseState,
    CouncilGovernance,
    Decision,
    DecisionKind,
    ExceptionRoute,
)
from sharedservices.governance.move_fields import CallInFields, DecisionFields, ResolveCallInFields
from sharedservices.governance.notifications import notify_next
from sharedservices.governance.records import FINAL, CaseRecords, superseded
from sharedservices.governance.services.common import (
    check,
    check_council,
    check_role,
    lock,
    move_of,
)
from sharedservices.governance.services.fields import read_choice, read_date, read_text
from sharedservices.governance.services.progress import advance
from sharedservices.governance.transitions import OWN, move
from sharedservices.governance.workingdays import add_working_days

DECIDING = {CaseState.DECISIONS, CaseState.CALL_IN}


def check_decision_needed(records: CaseRecords, council, today) -> None:
    if not records.needs_decision(council.pk):
        latest = records.latest(council.pk)
        raise NotAllowedNow(
            f"{council.name} has already decided: {latest.get_decision_display().lower()}"
            f" on {latest.decided_on:%d %B %Y}"
        )


def check_call_in_open(records: CaseRecords, council, today) -> None:
    latest = records.latest(council.pk)
    if latest is None or latest.decision not in FINAL:
        raise NotAllowedNow(f"{council.name} has no decision to call in")
    if getattr(latest, "_call_in", None) is not None:
        raise NotAllowedNow(f"{council.name}'s decision has already been called in")
    if today > latest.call_in_ends_on:
        raise NotAllowedNow(
            f"The call-in period for {council.name}'s decision ended on"
            f" {latest.call_in_ends_on:%d %B %Y}"
        )


def check_call_in_to_resolve(records: CaseRecords, council, today) -> None:
    if records.open_call_in(council.pk) is None:
        raise NotAllowedNow(f"{council.name} has no open call-in to resolve")


def _same_decision(d: Decision, **values) -> bool:
    return all(getattr(d, k) == v for k, v in values.items())


# Each partner authority decides for itself (Carlisle City Council, Executive report on
# the ACE programme).
@move(
    "record_decision",
    "Record the council's decision",
    states=DECIDING,
    roles={Role.EXECUTIVE_MEMBER},
    council=OWN,
    fields=DecisionFields,
    ready=check_decision_needed,
    done="Decision recorded",
)
@transaction.atomic
def case_record_decision(
    *,
    case: BusinessCase,
    user,
    council,
    decision: str,
    decided_on,
    published_on,
    minute_reference: str,
    key_decision: bool,
    exception_route: str = "",
    exception_reason: str = "",
) -> Decision:
    """One council's executive decision: approve, reject or defer (each partner authority
    decides for itself). A key decision must have been on the council's forward
    plan 28 clear days before, or say which exception route was used and why."""
    records = lock(case)
    today = timezone.localdate()
    decision = read_choice(decision, DecisionKind, "decision")
    decided_on = read_date(decided_on, "decided_on", not_after=today)
    published_on = read_date(published_on, "published_on")
    minute_reference = read_text(
        minute_reference, "minute_reference", max_length=limits.MINUTE_REFERENCE
    )
    if not isinstance(key_decision, bool):
        raise BadFields("Say true or false", path="key_decision")
    if published_on < decided_on:
        raise BadFields("A decision is published on or after the day it is taken", "published_on")
    if published_on > today + datetime.timedelta(days=31):
        raise BadFields("Publication cannot be more than a month ahead", "published_on")
    exception_route = exception_route or ""
    if exception_route:
        read_choice(exception_route, ExceptionRoute, "exception_route")
    exception_reason = read_text(
        exception_reason, "exception_reason", max_length=limits.TEXT, required=False
    )
    values = dict(
        decision=decision,
        decided_on=decided_on,
        published_on=published_on,
        minute_reference=minute_reference,
        key_decision=key_decision,
    )
    code = getattr(council, "pk", None)
    latest = records.latest(code) if code else None
    if latest is not None and not superseded(latest) and _same_decision(latest, **values):
        move = move_of("record_decision")
        check_role(user, move)
        check_council(user, records, move, council)
        return latest  # the same decision sent twice is stored once
    check(user, records, "record_decision", council, today)
    if superseded(latest) and _same_decision(
        latest, decision=decision, decided_on=decided_on, minute_reference=minute_reference
    ):
        raise BadFields(
            f"{council.name}'s earlier decision was taken on a different basis: record the new"
            " decision with its own date or minute reference",
            "minute_reference",
        )
    if key_decision and not notice_given(council, records.case, decided_on):
        if not exception_route:
            raise BadFields(
                f"This key decision was not on {council.name}'s forward plan 28 clear days"
                " before it was taken: give the general exception or special urgency route",
                path="exception_route",
            )
        if not exception_reason:
            raise BadFields("Give the reason for the exception route", "exception_reason")
    else:  # notice was given (or it is not a key decision): no exception to record
        exception_route, exception_reason = "", ""
    days = (
        CouncilGovernance.objects.filter(council=council)
        .values_list("call_in_working_days", flat=True)
        .first()
    )
    made = Decision.objects.create(
        case=records.case,
        council=council,
        recorded_by=user,
        exception_route=exception_route,
        exception_reason=exception_reason,
        call_in_ends_on=add_working_days(published_on, 5 if days is None else days),
        **values,
    )
    made._call_in = None
    audit_record(
        user=user,
        action="decision.recorded",
        obj=made,
        before=None,
        after={
            **values,
            "council": council.pk,
            "exception_route": exception_route,
            "exception_reason": exception_reason,
            "call_in_ends_on": made.call_in_ends_on,
        },
        case=records.case,
        council=council,
    )
    records.decisions[code].append(made)
    advance(records, user)
    return made


# Decisions can be called in (Lancaster City Council, Cabinet, 2009).
@move(
    "request_call_in",
    "Request a call-in",
    states=DECIDING,
    roles={Role.SCRUTINY_MEMBER},
    council=OWN,
    fields=CallInFields,
    ready=check_call_in_open,
    done="Call-in requested",
)
@transaction.atomic
def case_request_call_in(*, case: BusinessCase, user, council, reasons: str) -> CallIn:
    """Members call in their council's decision, with reasons, within its call-in period."""
    records = lock(case)
    reasons = read_text(reasons, "reasons", max_length=limits.TEXT)
    code = getattr(council, "pk", None)
    latest = records.latest(code) if code else None
    existing = getattr(latest, "_call_in", None)
    if existing is not None and existing.reasons == reasons:
        move = move_of("request_call_in")
        check_role(user, move)
        check_council(user, records, move, council)
        return existing
    check(user, records, "request_call_in", council)
    call_in = CallIn.objects.create(
        decision=latest, council=council, reasons=reasons, requested_by=user
    )
    audit_record(
        user=user,
        action="call_in.requested",
        obj=call_in,
        after={"council": code, "decision": latest.pk, "reasons": reasons},
        case=records.case,
        council=council,
    )
    notify_next(records, "resolve_call_in", councils=[council])
    return call_in


@move(
    "resolve_call_in",
    "Resolve a call-in",
    states=DECIDING,
    roles={Role.SCRUTINY_MEMBER},
    council=OWN,
    fields=ResolveCallInFields,
    ready=check_call_in_to_resolve,
    done="Call-in resolved",
)
@transaction.atomic
def case_resolve_call_in(
    *, case: BusinessCase, user, council, outcome: str, met_on, minute_reference: str
) -> CallIn:
    """Scrutiny takes no action, refers the decision back, or refers it to full council;
    in the last two the council's executive decides again. The meeting's date and minute
    reference are recorded, as for a decision."""
    records = lock(case)
    outcome = read_choice(outcome, CallInOutcome, "outcome")
    met_on = read_date(met_on, "met_on", not_after=timezone.localdate())
    minute_reference = read_text(
        minute_reference, "minute_reference", max_length=limits.MINUTE_REFERENCE
    )
    code = getattr(council, "pk", None)
    latest = records.latest(code) if code else None
    call_in = getattr(latest, "_call_in", None)
    if call_in is not None and call_in.outcome == outcome:
        move = move_of("resolve_call_in")
        check_role(user, move)
        check_council(user, records, move, council)
        return call_in
    check(user, records, "resolve_call_in", council)
    if met_on < call_in.requested_at.date():
        raise BadFields("The meeting is on or after the day the call-in was requested", "met_on")
    call_in.outcome = outcome
    call_in.met_on, call_in.minute_reference = met_on, minute_reference
    call_in.resolved_by = user
    call_in.resolved_at = timezone.now()
    call_in.save()
    audit_record(
        user=user,
        action="call_in.resolved",
        obj=call_in,
        before={"outcome": ""},
        after={"outcome": outcome, "met_on": met_on, "minute_reference": minute_reference},
        case=records.case,
        council=council,
    )
    advance(records, user)
    if outcome != CallInOutcome.NO_ACTION:
        notify_next(records, "decide", councils=[council])
    return call_in
