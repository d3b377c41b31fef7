"""The cases API: business cases and their governance, for signed-in users.

``GET /cases``, ``GET /cases/{id}``, ``POST /cases/{id}/actions`` and
``GET /cases/{id}/audit`` (README, "Stable interfaces"). Actions go through the same
services as the pages. Refusals: 409 when the case's state does not allow the action,
403 when the user's role or council may not take it, 404 when the user cannot see the
case, 422 for bad fields; every refusal answers ``{"errors": [{"path", "message"}]}``
and changes nothing.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.http import Http404
from ninja import Router

from sharedservices.api.errors import ERROR_CODES, ErrorsOut
from sharedservices.cases.selectors import cases_visible_to
from sharedservices.councils.models import Council
from sharedservices.governance import services
from sharedservices.governance.errors import BadFields
from sharedservices.governance.records import load_records
from sharedservices.governance.selectors import (
    audit_document,
    case_audit,
    case_document,
)

router = Router(tags=["cases"])


ACTION_FIELDS = {
    "submit": {},
    "record_scrutiny": {
        "council": "council",
        "recommendation": "text",
        "met_on": "date",
        "findings": "text",
    },
    "record_decision": {
        "council": "council",
        "decision": "text",
        "decided_on": "date",
        "published_on": "date",
        "minute_reference": "text",
        "key_decision": "bool",
        "exception_route": "text?",
        "exception_reason": "text?",
    },
    "request_call_in": {"council": "council", "reasons": "text"},
    "resolve_call_in": {"council": "council", "outcome": "text"},
    "confirm": {},
    "start_implementation": {},
    "go_live": {},
    "withdraw": {
        "council": "council",
        "notice_given_on": "date",
        "leaves_on": "date",
        "reasons": "text",
        "exit_costs_gbp": "int?",
        "exit_cost_sharing": "text?",
    },
    "not_pursued": {"reason": "text"},
}
SERVICES = {
    "submit": services.case_submit,
    "record_scrutiny": services.case_record_scrutiny,
    "record_decision": services.case_record_decision,
    "request_call_in": services.case_request_call_in,
    "resolve_call_in": services.case_resolve_call_in,
    "confirm": services.case_confirm,
    "start_implementation": services.case_start_implementation,
    "go_live": services.case_go_live,
    "withdraw": services.case_withdraw,
    "not_pursued": services.case_not_pursued,
}
ACTION_SCHEMA = {
    "type": "object",
    "required": ["action"],
    "properties": {
        "action": {"type": "string", "enum": list(ACTION_FIELDS)},
        "council": {"type": "string", "description": "GSS code of the council acting"},
        "recommendation": {
            "type": "string",
            "enum": ["support", "support-with-changes", "do-not-support"],
        },
        "met_on": {"type": "string", "format": "date"},
        "findings": {"type": "string"},
        "decision": {"type": "string", "enum": ["approve", "reject", "defer"]},
        "decided_on": {"type": "string", "format": "date"},
        "published_on": {"type": "string", "format": "date"},
        "minute_reference": {"type": "string"},
        "key_decision": {"type": "boolean"},
        "exception_route": {"type": "string", "enum": ["general-exception", "special-urgency"]},
        "exception_reason": {"type": "string"},
        "reasons": {"type": "string"},
        "outcome": {"type": "string", "enum": ["no-action", "refer-back", "refer-to-council"]},
        "notice_given_on": {"type": "string", "format": "date"},
        "leaves_on": {"type": "string", "format": "date"},
        "exit_costs_gbp": {"type": "integer", "minimum": 0},
        "exit_cost_sharing": {
            "type": "string",
            "enum": ["withdrawing-council", "equal", "agreement"],
        },
        "reason": {"type": "string"},
    },
}


def _case(request, case_id: int):
    case = cases_visible_to(request.user).filter(pk=case_id).first()
    if case is None:
        raise Http404("No such case")
    return case


def _field(name: str, kind: str, body: dict) -> Any:
    optional = kind.endswith("?")
    kind = kind.rstrip("?")
    if name not in body or body[name] is None:
        if optional:
            return None
        raise BadFields("This field is required", path=name)
    value = body[name]
    if kind == "council":
        council = Council.objects.filter(pk=value).first() if isinstance(value, str) else None
        if council is None:
            raise BadFields(f"Unknown council code {str(value)[:20]!r}", path=name)
        return council
    if kind == "date":
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise BadFields("Give a date as YYYY-MM-DD", path=name) from None
    if kind == "bool":
        if not isinstance(value, bool):
            raise BadFields("Give true or false", path=name)
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadFields("Give a whole number", path=name)
        return value
    if not isinstance(value, str):
        raise BadFields("Give text", path=name)
    return value


def parse_action(raw: bytes) -> tuple[str, dict]:
    try:
        body = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError):
        raise BadFields("The body is not JSON", path="") from None
    if not isinstance(body, dict):
        raise BadFields("Send a JSON object with an action", path="")
    action = body.get("action")
    if action not in ACTION_FIELDS:
        raise BadFields(f"Choose one of: {', '.join(ACTION_FIELDS)}", path="action")
    fields = ACTION_FIELDS[action]
    unknown = sorted(set(body) - set(fields) - {"action"})
    if unknown:
        raise BadFields(f"Unknown field for {action}", path=unknown[0])
    values = {}
    for name, kind in fields.items():
        value = _field(name, kind, body)
        if value is not None:
            values[name] = value
    return action, values


@router.get(
    "",
    response={200: list[dict[str, Any]], ERROR_CODES: ErrorsOut},
    summary="Cases visible to the user",
)
def case_list(request) -> list[dict[str, Any]]:
    from sharedservices.governance.models import CaseGovernance

    cases = list(cases_visible_to(request.user).order_by("pk"))
    states = dict(CaseGovernance.objects.filter(case__in=cases).values_list("case_id", "state"))
    return [
        {
            "id": c.pk,
            "title": c.title,
            "state": states.get(c.pk, "draft"),
            "lead_council": c.lead_council_id,
            "councils": [c.lead_council_id]
            + sorted(p.pk for p in c.partner_councils.all() if p.pk != c.lead_council_id),
            "url": f"/api/v1/cases/{c.pk}",
        }
        for c in cases
    ]


@router.get(
    "/{int:case_id}",
    response={200: dict[str, Any], ERROR_CODES: ErrorsOut},
    summary="A case and its governance",
)
def case_detail(request, case_id: int) -> dict[str, Any]:
    return case_document(request.user, _case(request, case_id))


@router.post(
    "/{int:case_id}/actions",
    summary="Move a case on: submit, scrutiny, decisions, call-in, confirm, live, withdraw",
    response={200: dict[str, Any], ERROR_CODES: ErrorsOut},
    openapi_extra={
        "requestBody": {"content": {"application/json": {"schema": ACTION_SCHEMA}}},
    },
)
def case_action(request, case_id: int):
    case = _case(request, case_id)
    action, values = parse_action(request.body)  # refusals go to api/errors.py
    SERVICES[action](case=case, user=request.user, **values)
    case = _case(request, case_id)
    return case_document(request.user, case, load_records(case))


@router.get(
    "/{int:case_id}/audit",
    response={200: list[dict[str, Any]], ERROR_CODES: ErrorsOut},
    summary="The case's audit trail, oldest first",
)
def case_audit_trail(request, case_id: int) -> list[dict[str, Any]]:
    return audit_document(case_audit(_case(request, case_id)))
