"""From draft to the councils' decisions: submitting the case, each council's scrutiny,
and stopping it (not pursued). Each service declares its move (``transitions.move``)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from sharedservices.accounts.roles import Role
from sharedservices.cases import services as case_services
from sharedservices.cases.models import BusinessCase
from sharedservices.cases.readiness import case_readiness
from sharedservices.governance import limits
from sharedservices.governance.audit import audit_record
from sharedservices.governance.errors import NotAllowedNow
from sharedservices.governance.models import CaseState, Recommendation, ScrutinyRecord
from sharedservices.governance.move_fields import NotPursuedFields, ScrutinyFields
from sharedservices.governance.notifications import notify_next
from sharedservices.governance.records import CaseRecords
from sharedservices.governance.services.common import (
    check,
    check_council,
    check_role,
    lock,
    move_of,
    set_state,
)
from sharedservices.governance.services.fields import read_choice, read_date, read_text
from sharedservices.governance.services.progress import advance
from sharedservices.governance.transitions import BEFORE_APPROVAL, LEAD, OWN, move


def check_scrutiny_open(records: CaseRecords, council, today) -> None:
    existing = records.scrutiny.get(council.pk)
    if existing:
        raise NotAllowedNow(
            f"{council.name}'s scrutiny findings were already recorded"
            f" ({existing.get_recommendation_display().lower()}, {existing.met_on:%d %B %Y})"
        )


# Carlisle's policy (Carlisle City Council, Shared Services Policy): corporate directors
# develop business cases; the lead officer sees that policy is complied with.
@move(
    "submit",
    "Submit for scrutiny",
    states={CaseState.DRAFT},
    roles={Role.DIRECTOR, Role.LEAD_OFFICER},
    council=LEAD,
    to=CaseState.SUBMITTED,
    done="The case is submitted for scrutiny",
)
@transaction.atomic
def case_submit(*, case: BusinessCase, user) -> CaseRecords:
    """Put the case to every partner's scrutiny, once every criterion of every partner's
    policy is evidenced (Carlisle City Council, Shared Services Policy, 1.1)."""
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


# Overview & Scrutiny scrutinises every business case (Carlisle City Council, Shared
# Services Policy).
@move(
    "record_scrutiny",
    "Record scrutiny findings",
    states={CaseState.SUBMITTED, CaseState.SCRUTINY},
    roles={Role.SCRUTINY_MEMBER},
    council=OWN,
    fields=ScrutinyFields,
    ready=check_scrutiny_open,
    done="Scrutiny findings recorded",
)
@transaction.atomic
def case_record_scrutiny(
    *, case: BusinessCase, user, council, recommendation: str, met_on, findings: str
) -> ScrutinyRecord:
    """One council's Overview & Scrutiny findings and recommendation ."""
    records = lock(case)
    recommendation = read_choice(recommendation, Recommendation, "recommendation")
    met_on = read_date(met_on, "met_on", not_after=timezone.localdate())
    findings = read_text(findings, "findings", max_length=limits.TEXT)
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
    advance(records, user)
    return record


# Wyre Forest District Council, Cabinet, 2007, records why each service considered was not pursued.
@move(
    "not_pursued",
    "Do not pursue",
    states=BEFORE_APPROVAL | {CaseState.APPROVED, CaseState.IMPLEMENTATION},
    roles={Role.DIRECTOR, Role.LEAD_OFFICER},
    council=LEAD,
    fields=NotPursuedFields,
    to=CaseState.NOT_PURSUED,
    done="The case is not pursued",
)
@transaction.atomic
def case_not_pursued(*, case: BusinessCase, user, reason: str) -> CaseRecords:
    """Stop the case at any point before it goes live, saying why."""
    records = lock(case)
    reason = read_text(reason, "reason", max_length=limits.REASON)
    check(user, records, "not_pursued")
    set_state(records, user, CaseState.NOT_PURSUED, reason=reason)
    return records
