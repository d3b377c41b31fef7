"""Reads for the governance pages, the cases API and the dashboard."""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.utils import timezone

from sharedservices.cases.models import BusinessCase
from sharedservices.cases.readiness import case_readiness
from sharedservices.governance.audit_words import headline
from sharedservices.governance.errors import MoveRefused, NotAllowedNow
from sharedservices.governance.models import AuditEvent, CaseGovernance, CaseState
from sharedservices.governance.records import CaseRecords, decision_in_effect, load_records
from sharedservices.governance.services import MOVES
from sharedservices.governance.services.common import check_move
from sharedservices.governance.tenancy import acting_council_ids
from sharedservices.governance.transitions import LEAD


def own_council_for(user, records: CaseRecords):
    """The council of the case this user acts for (their own, or one it succeeded)."""
    acting = acting_council_ids(user)
    return next((c for c in records.active if c.pk in acting), None)


def allowed_actions(user, records: CaseRecords, today=None) -> list[str]:
    """The moves this user may make now: each declared move put through its service's own
    checks (state, role, council, and the move's check of the records), so a page or the
    API offers exactly what the service would make."""
    own = own_council_for(user, records)
    allowed = []
    for action, move in MOVES.items():
        try:
            check_move(user, records, move, None if move.council == LEAD else own, today)
        except MoveRefused:
            continue
        allowed.append(action)
    return allowed


def waiting_on_a_date(user, records: CaseRecords, today=None) -> list[tuple[str, datetime.date]]:
    """The moves this user could make but for a date still to come (a call-in period
    running): each with the day it becomes possible, for the page to say."""
    own = own_council_for(user, records)
    waiting = []
    for action, move in MOVES.items():
        try:
            check_move(user, records, move, None if move.council == LEAD else own, today)
        except NotAllowedNow as refusal:
            if refusal.possible_on is not None:
                waiting.append((action, refusal.possible_on))
        except MoveRefused:
            continue
    return waiting


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
    page.groups = timeline_groups(list(page))
    return page


def timeline_groups(events: list) -> list[list]:
    """Consecutive saves of the same thing by the same person, one group each: a demo's
    36 "Case changed" entries read as one line, the detail of each one click away."""
    groups: list[list] = []
    for event in events:
        last = groups[-1][-1] if groups else None
        same = last is not None and (
            (last.action, last.user_id, last.user_name, last.object_label, last.council_id)
            == (event.action, event.user_id, event.user_name, event.object_label, event.council_id)
        )
        if same:
            groups[-1].append(event)
        else:
            groups.append([event])
    return groups


def went_live_on(arrangement_ids) -> dict[int, datetime.date]:
    """The day each arrangement went live through its business case (the case's move to
    live), for the arrangements that did: nothing of theirs is due before it."""
    rows = CaseGovernance.objects.filter(
        case__arrangement_id__in=list(arrangement_ids),
        state=CaseState.LIVE,
        state_changed_at__isnull=False,
    ).values_list("case__arrangement_id", "state_changed_at")
    return {a: timezone.localdate(at) for a, at in rows}
