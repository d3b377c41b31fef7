"""From submission to approval: submit, each council's scrutiny and decision, call-in,
and confirming (going on with the willing when some partners reject)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from sharedservices.cases import services as case_services
from sharedservices.cases.models import BusinessCase
from sharedservices.cases.readiness import case_readiness
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
    ExitKind,
    PartnerExit,
    Recommendation,
    ScrutinyRecord,
)
from sharedservices.governance.notifications import notify_next
from sharedservices.governance.records import FINAL, CaseRecords, decision_in_effect
from sharedservices.governance.services.common import (
    check,
    check_council,
    check_role,
    lock,
    move_of,
    set_state,
)
from sharedservices.governance.services.fields import read_choice, read_date, read_text
from sharedservices.governance.workingdays import add_working_days


def _advance(records: CaseRecords, user) -> None:
    """Move the case on when the partners' records say so: into scrutiny with the first
    findings, to decisions when every partner's scrutiny is in, to the call-in period when
    every partner has a final decision (and back if a call-in sends one back)."""
    active = [c.pk for c in records.active]
    state = records.state
    if state in (CaseState.SUBMITTED, CaseState.SCRUTINY):
        done = [code for code in active if code in records.scrutiny]
        if len(done) == len(active):
            set_state(records, user, CaseState.DECISIONS)
            notify_next(records, "decide")
        elif done:
            set_state(records, user, CaseState.SCRUTINY)
    elif state in (CaseState.DECISIONS, CaseState.CALL_IN):
        decided = all(not records.needs_decision(code) for code in active)
        set_state(records, user, CaseState.CALL_IN if decided else CaseState.DECISIONS)
        if decided and state != CaseState.CALL_IN:
            notify_next(records, "confirm")


@transaction.atomic
def case_submit(*, case: BusinessCase, user) -> CaseRecords:
    """Put the case to every partner's scrutiny, once every criterion of every partner's
    policy is evidenced (Carlisle's policy, seed 003, 1.1)."""
    records = lock(case)
    check(user, records, "submit")
    if len(records.councils) < 2:
        raise NotAllowedNow("Add at least one partner council before submitting", "partners")
    readiness = case_readiness(records.case)
    if not readiness.ready:
        raise NotAllowedNow(
            [("readiness", f"Not ready to submit: {line}") for line in readiness.reasons()]
        )
    latest = records.case.versions.order_by("-number").values_list("number", flat=True).first()
    records.governance.submitted_version = latest
    set_state(records, user, CaseState.SUBMITTED)
    if not records.case.shared_with_partners:
        case_services.case_share(case=records.case, user=user)
    notify_next(records, "scrutinise")
    return records


@transaction.atomic
def case_record_scrutiny(
    *, case: BusinessCase, user, council, recommendation: str, met_on, findings: str
) -> ScrutinyRecord:
    """One council's Overview & Scrutiny findings and recommendation (seed 003, 4.1.5)."""
    records = lock(case)
    recommendation = read_choice(recommendation, Recommendation, "recommendation")
    met_on = read_date(met_on, "met_on", not_after=timezone.localdate())
    findings = read_text(findings, "findings")
    existing = records.scrutiny.get(getattr(council, "pk", None))
    if existing and (existing.recommendation, existing.met_on, existing.findings) == (
        recommendation,
        met_on,
        findings,
    ):
        move = move_of("record_scrutiny")
        check_role(user, move)
        check_council(user, records, move, council)
        return existing  # the same record sent twice is stored once
    check(user, records, "record_scrutiny", council)
    if existing:
        raise NotAllowedNow(
            f"{council.name}'s scrutiny findings were already recorded"
            f" ({existing.get_recommendation_display().lower()}, {existing.met_on:%d %B %Y})"
        )
    record = ScrutinyRecord.objects.create(
        case=records.case,
        council=council,
        recommendation=recommendation,
        met_on=met_on,
        findings=findings,
        recorded_by=user,
    )
    audit_record(
        user=user,
        action="scrutiny.recorded",
        obj=record,
        after={
            "council": council.pk,
            "recommendation": recommendation,
            "met_on": met_on,
            "findings": findings,
        },
        case=records.case,
        council=council,
    )
    records.scrutiny[council.pk] = record
    _advance(records, user)
    return record


def _same_decision(d: Decision, **values) -> bool:
    return all(getattr(d, k) == v for k, v in values.items())


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
    decides for itself, seed 000). A key decision must have been on the council's forward
    plan 28 clear days before, or say which exception route was used and why."""
    records = lock(case)
    today = timezone.localdate()
    decision = read_choice(decision, DecisionKind, "decision")
    decided_on = read_date(decided_on, "decided_on", not_after=today)
    published_on = read_date(published_on, "published_on")
    minute_reference = read_text(minute_reference, "minute_reference", max_length=100)
    if not isinstance(key_decision, bool):
        raise BadFields("Say true or false", path="key_decision")
    if published_on < decided_on:
        raise BadFields("A decision is published on or after the day it is taken", "published_on")
    if published_on > today + datetime.timedelta(days=31):
        raise BadFields("Publication cannot be more than a month ahead", "published_on")
    exception_route = exception_route or ""
    if exception_route:
        read_choice(exception_route, ExceptionRoute, "exception_route")
    exception_reason = read_text(exception_reason, "exception_reason", required=False)
    values = dict(
        decision=decision,
        decided_on=decided_on,
        published_on=published_on,
        minute_reference=minute_reference,
        key_decision=key_decision,
    )
    code = getattr(council, "pk", None)
    latest = records.latest(code) if code else None
    if latest is not None and _same_decision(latest, **values):
        move = move_of("record_decision")
        check_role(user, move)
        check_council(user, records, move, council)
        return latest  # the same decision sent twice is stored once
    check(user, records, "record_decision", council)
    if not records.needs_decision(code):
        raise NotAllowedNow(
            f"{council.name} has already decided: {latest.get_decision_display().lower()}"
            f" on {latest.decided_on:%d %B %Y}"
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
    _advance(records, user)
    return made


@transaction.atomic
def case_request_call_in(*, case: BusinessCase, user, council, reasons: str) -> CallIn:
    """Members call in their council's decision, with reasons, within its call-in period."""
    records = lock(case)
    reasons = read_text(reasons, "reasons")
    code = getattr(council, "pk", None)
    latest = records.latest(code) if code else None
    existing = getattr(latest, "_call_in", None)
    if existing is not None and existing.reasons == reasons:
        move = move_of("request_call_in")
        check_role(user, move)
        check_council(user, records, move, council)
        return existing
    check(user, records, "request_call_in", council)
    if latest is None or latest.decision not in FINAL:
        raise NotAllowedNow(f"{council.name} has no decision to call in")
    if existing is not None:
        raise NotAllowedNow(f"{council.name}'s decision has already been called in")
    if timezone.localdate() > latest.call_in_ends_on:
        raise NotAllowedNow(
            f"The call-in period for {council.name}'s decision ended on"
            f" {latest.call_in_ends_on:%d %B %Y}"
        )
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


@transaction.atomic
def case_resolve_call_in(*, case: BusinessCase, user, council, outcome: str) -> CallIn:
    """Scrutiny takes no action, refers the decision back, or refers it to full council;
    in the last two the council's executive decides again."""
    records = lock(case)
    outcome = read_choice(outcome, CallInOutcome, "outcome")
    code = getattr(council, "pk", None)
    latest = records.latest(code) if code else None
    call_in = getattr(latest, "_call_in", None)
    if call_in is not None and call_in.outcome == outcome:
        move = move_of("resolve_call_in")
        check_role(user, move)
        check_council(user, records, move, council)
        return call_in
    check(user, records, "resolve_call_in", council)
    if call_in is None or call_in.outcome:
        raise NotAllowedNow(f"{council.name} has no open call-in to resolve")
    call_in.outcome = outcome
    call_in.resolved_by = user
    call_in.resolved_at = timezone.now()
    call_in.save()
    audit_record(
        user=user,
        action="call_in.resolved",
        obj=call_in,
        before={"outcome": ""},
        after={"outcome": outcome},
        case=records.case,
        council=council,
    )
    _advance(records, user)
    if outcome != CallInOutcome.NO_ACTION:
        notify_next(records, "decide", councils=[council])
    return call_in


@transaction.atomic
def case_confirm(*, case: BusinessCase, user) -> CaseRecords:
    """Approve the case once every partner's decision is in effect. Partners that rejected
    leave; the case goes on with those that approved if at least two did (Carlisle's
    report, seed 000: an alliance may go on with as few or as many partners as join)."""
    records = lock(case)
    check(user, records, "confirm")
    today = timezone.localdate()
    waiting = [
        (c.pk, f"{c.name}'s decision is not in effect yet")
        for c in records.active
        if not decision_in_effect(records.latest(c.pk), today)
    ]
    if waiting:
        raise NotAllowedNow(waiting)
    approvers = [c for c in records.active if records.latest(c.pk).decision == DecisionKind.APPROVE]
    rejecters = [c for c in records.active if records.latest(c.pk).decision == DecisionKind.REJECT]
    lead = records.case.lead_council
    for council in rejecters:
        decided = records.latest(council.pk)
        PartnerExit.objects.create(
            case=records.case,
            council=council,
            kind=ExitKind.REJECTED,
            left_on=decided.decided_on,
            reason=f"Rejected the case ({decided.minute_reference})",
        )
        audit_record(
            user=user,
            action="partner.left",
            obj=records.case,
            after={"council": council.pk, "kind": ExitKind.REJECTED},
            case=records.case,
            council=council,
        )
    if lead not in approvers or len(approvers) < 2:
        names = ", ".join(c.name for c in approvers) or "no council"
        reason = (
            f"{lead.name}, the lead council, did not approve the case"
            if lead not in approvers
            else f"Only {names} approved: a shared service needs at least two councils"
        )
        set_state(records, user, CaseState.NOT_PURSUED, reason=reason)
        return records
    if rejecters:
        before = [c.pk for c in records.councils]
        case_services.case_update(
            case=records.case,
            user=user,
            expected_revision=None,
            m2m={"partner_councils": [c for c in approvers if c.pk != lead.pk]},
        )
        audit_record(
            user=user,
            action="case.went_on_with_the_willing",
            obj=records.case,
            before={"councils": before},
            after={
                "councils": [c.pk for c in approvers],
                "left": [c.pk for c in rejecters],
                "appraisal": "recomputed",
                "sharing_agreement": "recomputed",
            },
            case=records.case,
        )
    set_state(records, user, CaseState.APPROVED)
    notify_next(records, "implement")
    return records


@transaction.atomic
def case_not_pursued(*, case: BusinessCase, user, reason: str) -> CaseRecords:
    """Stop the case at any point before it goes live, saying why (seed 002 records why
    each service considered was not pursued)."""
    records = lock(case)
    reason = read_text(reason, "reason", max_length=2000)
    check(user, records, "not_pursued")
    set_state(records, user, CaseState.NOT_PURSUED, reason=reason)
    return records
