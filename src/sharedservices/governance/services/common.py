"""What every governance write does first: lock the case, check the move against the
transition table, and (after writing) record the state change in the audit trail."""

from __future__ import annotations

from django.utils import timezone

from sharedservices.accounts.roles import Role
from sharedservices.cases.models import BusinessCase
from sharedservices.governance.audit import audit_record
from sharedservices.governance.errors import BadFields, NotAllowedNow, NotYours
from sharedservices.governance.models import CaseGovernance, CaseState
from sharedservices.governance.records import CaseRecords, load_records
from sharedservices.governance.services.pipeline import opportunity_follow
from sharedservices.governance.tenancy import acting_council_ids
from sharedservices.governance.transitions import LEAD, MOVES, Move

ROLE_LABELS = dict(Role.choices)
STATE_LABELS = dict(CaseState.choices)


def lock(case: BusinessCase) -> CaseRecords:
    """Lock the case row for the rest of the transaction (two executives deciding at the
    same moment are taken one after the other) and read its records afresh."""
    locked = (
        BusinessCase.objects.select_for_update(of=("self",))
        .select_related("lead_council", "preferred_option", "arrangement")
        .get(pk=case.pk)
    )
    CaseGovernance.objects.get_or_create(case=locked)
    return load_records(locked)


def move_of(action: str) -> Move:
    try:
        return MOVES[action]
    except KeyError:
        raise BadFields(f"Unknown action '{action}'", path="action") from None


def check_state(records: CaseRecords, move: Move) -> None:
    if records.state not in move.states:
        raise NotAllowedNow(
            f"{move.label} is not possible while the case is {STATE_LABELS[records.state].lower()}"
        )


def check_role(user, move: Move) -> None:
    roles = getattr(user, "roles", frozenset()) if getattr(user, "is_authenticated", False) else ()
    if not getattr(user, "council_id", None) or not (move.roles & set(roles)):
        who = " or ".join(sorted(ROLE_LABELS[r].lower() for r in move.roles))
        raise NotYours(f"{move.label}: only a {who} of the council concerned may do this")


def check_council(user, records: CaseRecords, move: Move, council=None) -> None:
    """Nobody acts for another council: a lead-council move needs a user of the lead
    council; a partner's own move needs a user of the council it names."""
    acting = acting_council_ids(user)
    if move.council == LEAD:
        if records.case.lead_council_id not in acting:
            raise NotYours(
                f"{move.label}: only {records.case.lead_council.name}, the lead council, may"
                " do this"
            )
        return
    if council is None:
        raise BadFields("Say which council this is for", path="council")
    if council.pk not in acting:
        raise NotYours(
            f"Only {council.name}'s own members and officers may act for {council.name}",
            path="council",
        )
    if not records.is_party(council.pk):
        raise NotAllowedNow(f"{council.name} is not a partner in this case", path="council")


def check(user, records: CaseRecords, action: str, council=None, today=None) -> Move:
    """State first (409), then role and council (403), then the move's own check of the
    records (409): what ``allowed_actions`` asks too, so a page offers only what the
    service would make."""
    move = move_of(action)
    check_move(user, records, move, council, today)
    return move


def check_move(user, records: CaseRecords, move: Move, council=None, today=None) -> None:
    check_state(records, move)
    check_role(user, move)
    check_council(user, records, move, council)
    if move.ready is not None:
        move.ready(records, council, today or timezone.localdate())


def set_state(records: CaseRecords, user, state: str, *, reason: str = "") -> None:
    governance = records.governance
    if governance.state == state:
        return
    before = {"state": governance.state}
    governance.state = state
    governance.state_changed_at = timezone.now()
    if reason:
        governance.reason = reason
    governance.save()
    after = {"state": state, **({"reason": reason} if reason else {})}
    opportunity_follow(records.case, state, reason)
    audit_record(
        user=user,
        action="case.state",
        obj=records.case,
        before=before,
        after=after,
        case=records.case,
    )
