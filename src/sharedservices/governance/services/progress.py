"""How the case moves on by itself when the partners' records say so."""

from __future__ import annotations

from sharedservices.governance.models import CaseState
from sharedservices.governance.notifications import notify_next
from sharedservices.governance.records import CaseRecords
from sharedservices.governance.services.common import set_state


def advance(records: CaseRecords, user) -> None:
    """Into scrutiny with the first findings, to decisions when every partner's scrutiny
    is in, to the call-in period when every partner has a final decision (and back if a
    call-in, or a material change, sends one back)."""
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
