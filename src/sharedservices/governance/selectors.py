"""Reads for the governance pages, the cases API and the dashboard."""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.utils import timezone

from sharedservices.cases.models import BusinessCase
from sharedservices.cases.readiness import case_readiness
from sharedservices.governance.audit_words import headline
from sharedservices.governance.errors import MoveRefused
from sharedservices.governance.models import AuditEvent, CaseState
from sharedservices.governance.records import CaseRecords, decision_in_effect, load_records
from sharedservices.governance.services.common import check_council, check_role, check_state
from sharedservices.governance.tenancy import acting_council_ids
from sharedservices.governance.transitions import LEAD, MOVES


def own_council_for(user, records: CaseRecords):
    """The council of the case this user acts for (their own, or one it succeeded)."""
    acting = acting_council_ids(user)
    return next((c for c in records.active if c.pk in acting), None)


def allowed_actions(user, records: CaseRecords) -> list[str]:
    """The moves this user may make now, with the record-level rules applied too (a
    council that has recorded its scrutiny is not offered to record it again)."""
    allowed = []
    own = own_council_for(user, records)
    for action, move in MOVES.items():
        council = None if move.council == LEAD else own
        try:
            check_state(records, move)
            check_role(user, move)
            check_council(user, records, move, council)
        except MoveRefused:
            continue
        code = getattr(council, "pk", None)
        if action == "record_scrutiny" and code in records.scrutiny:
            continue
        if action == "record_decision" and not records.needs_decision(code):
            continue
        if action == "request_call_in":
            latest = records.latest(code)
            if (
                latest is None
                or records.needs_decision(code)
                or getattr(latest, "_call_in", None) is not None
                or timezone.localdate() > latest.call_in_ends_on
            ):
                continue
        if action == "resolve_call_in" and records.open_call_in(code) is None:
            continue
        if action == "withdraw" and (
            code in records.withdrawals or code == records.case.lead_council_id
        ):
            continue
        allowed.append(action)
    return allowed


def readiness_document(records: CaseRecords) -> dict:
    """Checked live while the case is a draft; afterwards it is the check the case passed
    when it was submitted (what the councils scrutinise is the submitted version)."""
    if records.state != CaseState.DRAFT:
        return {"ready": True, "missing": [], "gaps": [], "stage": []}
    readiness = case_readiness(records.case)
    return {
        "ready": readiness.ready,
        "missing": readiness.reasons(),
        "gaps": [gap.as_dict() for gap in readiness.gaps()],
        "stage": [
            {
                "requirement": check.requirement.key,
                "section": check.requirement.part_label,
                "text": check.requirement.text,
                "met": check.met,
                "reason": check.reason or None,
            }
            for check in readiness.stage
        ],
    }


def _scrutiny(record) -> dict | None:
    if record is None:
        return None
    return {
        "recommendation": record.recommendation,
        "met_on": record.met_on.isoformat(),
        "findings": record.findings,
    }


def _decision(decision, today) -> dict | None:
    if decision is None:
        return None
    call_in = getattr(decision, "_call_in", None)
    return {
        "decision": decision.decision,
        "decided_on": decision.decided_on.isoformat(),
        "published_on": decision.published_on.isoformat(),
        "minute_reference": decision.minute_reference,
        "key_decision": decision.key_decision,
        "in_effect": decision_in_effect(decision, today),
        "call_in_ends_on": decision.call_in_ends_on.isoformat(),
        "call_in": None
        if call_in is None
        else {"reasons": call_in.reasons, "outcome": call_in.outcome or None},
        "exception_route": decision.exception_route or None,
        "exception_reason": decision.exception_reason or None,
    }


def case_document(user, case: BusinessCase, records: CaseRecords | None = None) -> dict:
    """The case as the API answers it (README, "Stable interfaces")."""
    records = records or load_records(case)
    today = timezone.localdate()
    appraisal = case.appraisal or None
    arrangement = None
    if case.arrangement_id:
        arrangement = {
            "id": case.arrangement_id,
            "name": case.arrangement.name,
            "status": case.arrangement.status,
            "url": case.arrangement.get_absolute_url(),
        }
    return {
        "id": case.pk,
        "title": case.title,
        "state": records.state,
        "lead_council": case.lead_council_id,
        "partners": [
            {
                "council": c.pk,
                "name": c.name,
                "status": records.status(c.pk),
                "scrutiny": _scrutiny(records.scrutiny.get(c.pk)),
                "decision": _decision(records.latest(c.pk), today),
            }
            for c in records.everyone
        ],
        "readiness": readiness_document(records),
        "allowed_actions": allowed_actions(user, records),
        "reason": records.governance.reason or None,
        "arrangement": arrangement,
        "appraisal": None
        if not appraisal
        else {
            "preferred_option": appraisal.get("preferred_option"),
            "options": [
                {"name": o.get("name"), "npsv": o.get("npsv")} for o in appraisal.get("options", [])
            ],
        },
    }


def audit_document(events) -> list[dict]:
    return [
        {
            "at": e.at.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
            "user": e.user_name or None,
            "council": e.council_id,
            "action": e.action,
            "object": {"type": e.object_type, "id": e.object_id, "label": e.object_label},
            "before": e.before,
            "after": e.after,
            "request_id": e.request_id or None,
        }
        for e in events
    ]


def case_audit(case: BusinessCase):
    return AuditEvent.objects.of_case(case)


TIMELINE_PAGE_SIZE = 100


def timeline_page(events, page_number):
    """One page of a timeline, oldest first, each event with its ``headline`` in words:
    a case with years of history stays a page a reader (and the server) can take in."""
    page = Paginator(events.select_related("council"), TIMELINE_PAGE_SIZE).get_page(page_number)
    for event in page:
        event.headline = headline(event.action, event.after)
    return page
