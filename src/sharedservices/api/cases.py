"""The cases API: business cases and their governance, for signed-in users.

``GET /cases``, ``GET /cases/{id}``, ``POST /cases/{id}/actions`` and
``GET /cases/{id}/audit`` (README, "Stable interfaces"). Actions go through the same
services as the pages. Refusals: 409 when the case's state does not allow the action,
403 when the user's role or council may not take it, 404 when the user cannot see the
case, 422 for bad fields; every refusal answers ``{"errors": [{"path", "message"}]}``
and changes nothing.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from django.http import Http404
from ninja import Router, Schema
from pydantic import Field, TypeAdapter, create_model
from pydantic import ValidationError as PydanticValidationError

from sharedservices.api.errors import ERROR_CODES, ErrorsOut
from sharedservices.api.parser import BodyRefused, SafeParser
from sharedservices.cases.selectors import cases_visible_to
from sharedservices.councils.models import Council
from sharedservices.governance.errors import BadFields
from sharedservices.governance.records import load_records
from sharedservices.governance.selectors import (
    audit_document,
    case_audit,
    case_document,
)
from sharedservices.governance.services import MOVES
from sharedservices.governance.transitions import Move

router = Router(tags=["cases"])


def _action_model(name: str, fields: type[Schema]) -> type[Schema]:
    """The body of one move: ``action`` naming it, then the move's own fields."""
    return create_model(
        f"{name.title().replace('_', '')}Action",
        __base__=fields,
        action=(Literal[name], Field(description=MOVES[name].label)),
    )


ACTION_MODELS = {name: _action_model(name, m.fields) for name, m in MOVES.items()}
ACTION_BODY = TypeAdapter(
    Annotated[Union[tuple(ACTION_MODELS.values())], Field(discriminator="action")]  # noqa: UP007
)
ACTION_SCHEMA = {
    "oneOf": [model.model_json_schema() for model in ACTION_MODELS.values()],
    "discriminator": {"propertyName": "action"},
}


def _case(request, case_id: int):
    case = cases_visible_to(request.user).filter(pk=case_id).first()
    if case is None:
        raise Http404("No such case")
    return case


def _problem(error: dict, action) -> tuple[str, str]:
    loc = list(error.get("loc", ()))
    if loc and loc[0] == action:  # pydantic names the move before the field
        loc = loc[1:]
    if error.get("type") == "union_tag_invalid" or (
        not loc and error.get("type") == "union_tag_not_found"
    ):
        return "action", f"Choose one of: {', '.join(MOVES)}"
    message = str(error.get("msg") or "Invalid value").removeprefix("Value error, ")
    if error.get("type") == "extra_forbidden":
        message = f"Unknown field for {action}"
    return ".".join(str(part) for part in loc), message


def read_action(request) -> tuple[Move, dict]:
    """The action's body, read through the API's hardened parser (depth, huge numbers,
    NUL and lone surrogates refused there) and then its move's typed schema. The
    council named is looked up here; every rule beyond the fields is the service's."""
    try:
        document = SafeParser().parse_body(request)
    except BodyRefused as refused:
        raise refused.error from None
    except (ValueError, UnicodeDecodeError):
        raise BadFields("The body is not JSON", path="") from None
    if not isinstance(document, dict):
        raise BadFields("Send a JSON object with an action", path="")
    action = document.get("action")
    try:
        parsed = ACTION_BODY.validate_python(document)
    except PydanticValidationError as error:
        problems = [_problem(e, action) for e in error.errors(include_url=False)]
        raise BadFields(problems) from None
    values = parsed.model_dump(exclude={"action"}, exclude_none=True)
    if "council" in values:
        council = Council.objects.filter(pk=values["council"]).first()
        if council is None:
            raise BadFields(f"Unknown council code {values['council']!r}", path="council")
        values["council"] = council
    return MOVES[parsed.action], values


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
    move, values = read_action(request)  # refusals go to api/errors.py
    move.service(case=case, user=request.user, **values)
    case = _case(request, case_id)
    return case_document(request.user, case, load_records(case))


@router.get(
    "/{int:case_id}/audit",
    response={200: list[dict[str, Any]], ERROR_CODES: ErrorsOut},
    summary="The case's audit trail, oldest first",
)
def case_audit_trail(request, case_id: int) -> list[dict[str, Any]]:
    return audit_document(case_audit(_case(request, case_id)))
