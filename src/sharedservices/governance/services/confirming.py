"""Confirming the decisions: once every partner's decision is in effect the case is
approved, going on with the councils that approved it."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from sharedservices.accounts.roles import Role
from sharedservices.cases.models import BusinessCase
from sharedservices.governance.audit import audit_record
from sharedservices.governance.errors import NotAllowedNow
from sharedservices.governance.models import CaseState, DecisionKind, ExitKind, PartnerExit
from sharedservices.governance.notifications import notify_next
from sharedservices.governance.records import CaseRecords, decision_in_effect, superseded
from sharedservices.governance.services.common import check, lock, set_state
from sharedservices.governance.services.regrouping import regroup_case
from sharedservices.governance.transitions import LEAD, move


def check_decisions_in_effect(records: CaseRecords, council, today) -> None:
    """Every partner's decision must be in effect. When all that is left is call-in
    periods running out, the refusal says the day confirming becomes possible."""
    waiting, dates = [], []
    for c in records.active:
        latest = records.latest(c.pk)
        if decision_in_effect(latest, today):
            continue
        if superseded(latest):
            waiting.append((c.pk, f"{c.name} must decide again on the case as it now stands"))
            dates.append(None)
        elif records.needs_decision(c.pk):
            waiting.append((c.pk, f"{c.name} has not decided yet"))
            dates.append(None)
        elif records.open_call_in(c.pk) is not None:
            waiting.append((c.pk, f"{c.name}'s decision has been called in"))
            dates.append(None)
        else:
            opens = latest.call_in_ends_on + datetime.timedelta(days=1)
            waiting.append(
                (c.pk, f"{c.name}'s decision takes effect on {opens:%-d %B %Y}, after its"
                 " call-in period")
            )  # fmt: skip
            dates.append(opens)
    if waiting:
        possible_on = max(dates) if dates and None not in dates else None
        raise NotAllowedNow(waiting, possible_on=possible_on)


@move(
    "confirm",
    "Confirm the decisions",
    states={CaseState.CALL_IN},
    roles={Role.DIRECTOR},
    council=LEAD,
    ready=check_decisions_in_effect,
    done="Decisions confirmed",
)
@transaction.atomic
def case_confirm(*, case: BusinessCase, user) -> CaseRecords:
    """Approve the case once every partner's decision is in effect. Partners that rejected
    leave; the case goes on with those that approved if at least two did (Carlisle's
    Executive report: an alliance may go on with as few or as many partners as join),
    appraised afresh for them. A council whose own figures then fall beyond the case's
    tolerance, or turn negative, decides again before the case is approved."""
    records = lock(case)
    check(user, records, "confirm")
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
        change = regroup_case(
            records, user, leaving=rejecters, kind=ExitKind.REJECTED, on=timezone.localdate()
        )
        if change.material:
            # Decided on a different basis: those councils decide again before confirming.
            set_state(records, user, CaseState.DECISIONS)
            again = [c for c in approvers if c.pk in change.material]
            notify_next(records, "decide", councils=again)
            names = " and ".join(c.name for c in again)
            left = " and ".join(c.name for c in rejecters)
            records.outcome_words = (
                f"{left} left and the case was appraised again: {names} must decide again,"
                f" as the figures changed beyond the case's {change.tolerance_pct}% tolerance"
            )
            return records
    set_state(records, user, CaseState.APPROVED)
    notify_next(records, "implement")
    return records
