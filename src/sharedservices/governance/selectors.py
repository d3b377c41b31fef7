"""Reads for the governance pages, the cases API and the dashboard."""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.utils import timezone

from sharedservices.cases.models import BusinessCase
from sharedservices.cases.readiness import case_readiness
from sharedservices.governance.audit_words import headline
from sharedservices.governance.errors import MoveRefused, NotAllowedNow
from sharedservices.governance.models import AuditEvent, CaseGovernance, CaseState, PartnerChange
from sharedservices.governance.records import CaseRecords, decision_in_effect, load_records
from sharedservices.governance.services import MOVES
from sharedservices.governance.services.common import check_move
from sharedservices.governance.services.regrouping import partner_values
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
        else {
            "reasons": call_in.reasons,
            "outcome": call_in.outcome or None,
            "met_on": call_in.met_on.isoformat() if call_in.met_on else None,
            "minute_reference": call_in.minute_reference or None,
        },
        "exception_route": decision.exception_route or None,
        "exception_reason": decision.exception_reason or None,
        "basis": decision.basis,
    }


def latest_partner_change(case: BusinessCase):
    return PartnerChange.objects.filter(case=case).order_by("recorded_at", "pk").last()


def partner_figures(code: str, change, values: dict | None) -> dict:
    """A council's own net present value now, and before and after the last time
    partners left (``services/regrouping.py``), with what that change meant for it."""
    figures = {"npv": (values or {}).get(code), "before": None, "after": None, "change": None}
    if change is not None and code in change.figures:
        figures["before"] = change.figures[code]["before"]
        figures["after"] = change.figures[code]["after"]
        if code in change.left:
            figures["change"] = "left"
        elif code in change.material:
            figures["change"] = "material"
        else:
            figures["change"] = "within-tolerance"
    return figures


def _meaning(code: str, change, fall: float | None) -> dict:
    tolerance = f"the case's {change.tolerance_pct}% tolerance"
    why = change.material.get(code)
    if code in change.left:
        return {"change": "left", "meaning": "Left the case"}
    if why == "negative":
        return {"change": "material", "meaning": "Turns negative: decides again"}
    if why == "unknown":
        return {"change": "material", "meaning": "Its share cannot be worked out: decides again"}
    if why:
        return {
            "change": "material",
            "meaning": f"Falls by {fall:.1f}%, more than {tolerance}: decides again",
        }
    if fall is None:
        return {"change": "within-tolerance", "meaning": "Goes on"}
    moves = f"Falls by {fall:.1f}%" if fall > 0 else f"Rises by {-fall:.1f}%"
    return {"change": "within-tolerance", "meaning": f"{moves}, within {tolerance}: goes on"}


def figures_rows(records: CaseRecords, change) -> list[dict]:
    """The case page's table of each council's figures before and after partners left."""
    if change is None:
        return []
    names = {c.pk: c.name for c in records.everyone}
    rows = []
    for code, figures in change.figures.items():
        before, after = figures["before"], figures["after"]
        fall = None
        if before not in (None, 0) and after is not None:
            fall = (before - after) / abs(before) * 100
        rows.append(
            {
                "council": names.get(code, code),
                "before": before,
                "after": after,
                "left": code in change.left,
                **_meaning(code, change, fall),
            }
        )
    return rows


def case_document(user, case: BusinessCase, records: CaseRecords | None = None) -> dict:
    """The case as the API answers it (README, "Stable interfaces")."""
    records = records or load_records(case)
    today = timezone.localdate()
    appraisal = case.appraisal or None
    change = latest_partner_change(case)
    values = partner_values(case)
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
                "figures": partner_figures(c.pk, change, values),
            }
            for c in records.everyone
        ],
        "readiness": readiness_document(records),
        "allowed_actions": allowed_actions(user, records),
        "reason": records.governance.reason or None,
        "material_change_pct": case.material_change_pct,
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
