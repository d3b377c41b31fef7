"""The dispute log of an arrangement that has gone ahead: a partner opens a dispute,
logs each resolution step, and closes it with the outcome; each in the audit trail."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from sharedservices.accounts.roles import Role
from sharedservices.cases.models import BusinessCase
from sharedservices.governance.audit import audit_record
from sharedservices.governance.errors import NotAllowedNow, NotYours
from sharedservices.governance.models import (
    CaseState,
    Dispute,
    DisputeStep,
)
from sharedservices.governance.records import CaseRecords
from sharedservices.governance.services.common import lock
from sharedservices.governance.services.fields import read_date, read_text
from sharedservices.governance.tenancy import acting_council_ids

DISPUTE_ROLES = frozenset({Role.LEAD_OFFICER, Role.DIRECTOR, Role.EXECUTIVE_MEMBER})


def _require_party(user, records: CaseRecords, council) -> None:
    if council is None or council.pk not in acting_council_ids(user):
        raise NotYours("Only a council's own members and officers may act for it", "council")
    if not DISPUTE_ROLES & set(getattr(user, "roles", ())):
        raise NotYours("Disputes are logged by a lead officer, director or executive member")
    if not any(c.pk == council.pk for c in records.everyone):
        raise NotAllowedNow(f"{council.name} is not a partner in this case", "council")
    if records.state not in (CaseState.LIVE, CaseState.ENDED, CaseState.IMPLEMENTATION):
        raise NotAllowedNow("Disputes are logged on an arrangement that has gone ahead")


@transaction.atomic
def dispute_open(
    *, case: BusinessCase, user, council, opened_on, issue: str, resolution_steps: str
) -> Dispute:
    """Log a dispute with the resolution steps the partners' agreement sets out."""
    records = lock(case)
    _require_party(user, records, council)
    opened_on = read_date(opened_on, "opened_on", not_after=timezone.localdate())
    issue = read_text(issue, "issue")
    resolution_steps = read_text(resolution_steps, "resolution_steps")
    dispute, created = Dispute.objects.get_or_create(
        case=records.case,
        raised_by=council,
        opened_on=opened_on,
        issue=issue,
        defaults={"resolution_steps": resolution_steps},
    )
    if created:
        audit_record(
            user=user,
            action="dispute.opened",
            obj=dispute,
            after={"issue": issue, "resolution_steps": resolution_steps, "opened_on": opened_on},
            case=records.case,
            arrangement=records.case.arrangement_id,
            council=council,
        )
    return dispute


@transaction.atomic
def dispute_step_add(*, dispute: Dispute, user, council, taken_on, step: str) -> DisputeStep:
    records = lock(dispute.case)
    _require_party(user, records, council)
    if dispute.closed_on:
        raise NotAllowedNow("This dispute is closed")
    taken_on = read_date(taken_on, "taken_on", not_after=timezone.localdate())
    step = read_text(step, "step")
    made, created = DisputeStep.objects.get_or_create(
        dispute=dispute, council=council, taken_on=taken_on, step=step
    )
    if created:
        audit_record(
            user=user,
            action="dispute.step",
            obj=made,
            after={"dispute": dispute.pk, "taken_on": taken_on, "step": step},
            case=records.case,
            arrangement=records.case.arrangement_id,
            council=council,
        )
    return made


@transaction.atomic
def dispute_close(*, dispute: Dispute, user, council, closed_on, outcome: str) -> Dispute:
    records = lock(dispute.case)
    _require_party(user, records, council)
    closed_on = read_date(closed_on, "closed_on", not_after=timezone.localdate())
    outcome = read_text(outcome, "outcome")
    dispute = Dispute.objects.get(pk=dispute.pk)
    if dispute.closed_on:
        if (dispute.closed_on, dispute.outcome) == (closed_on, outcome):
            return dispute
        raise NotAllowedNow("This dispute is already closed")
    dispute.closed_on, dispute.outcome = closed_on, outcome
    dispute.save()
    audit_record(
        user=user,
        action="dispute.closed",
        obj=dispute,
        before={"outcome": ""},
        after={"closed_on": closed_on, "outcome": outcome},
        case=records.case,
        arrangement=records.case.arrangement_id,
        council=council,
    )
    return dispute
