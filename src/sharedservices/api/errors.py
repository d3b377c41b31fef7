"""The API's one error contract: every 4xx body (and a 503 while data is being loaded) is
``{"errors": [{"path", "message"}]}``.

Endpoints raise; they never build error bodies themselves. The handlers installed
here turn each kind of refusal into the one shape, so a client parses one thing
whichever endpoint or layer said no:

- a request that does not match the schema (django-ninja's ``ValidationError``),
  and a body that is not JSON at all: 422 / 400;
- a domain rule broken (Django's ``ValidationError`` from a service, keyed by field):
  422, one problem per message, ``path`` ``$.field``;
- the analysis package's ``InputError``: 422 with its own JSON paths;
- governance's ``MoveRefused``: its own status (409 not now, 403 not yours, 422 bad
  fields), with paths into the action's body;
- a stale or missing ``revision`` on an edit (``base.revisions.EditConflict``): 409 at
  ``$.revision``, saying the revision now saved;
- not signed in 401, not allowed 403 (``PermissionDenied`` or ``HttpError``), not
  found 404 (``Http404`` or ``ObjectDoesNotExist``).

Paths follow the analysis package's JSONPath style: ``$`` is the request body
(``$.options[1].name``); a query parameter is ``query.limit``, a path parameter
``path.arrangement_id``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import (
    BadRequest,
    ObjectDoesNotExist,
    PermissionDenied,
    SuspiciousOperation,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from sharedservices.analysis.errors import InputError, Problem
from sharedservices.api.parser import BodyRefused
from sharedservices.base.revisions import EditConflict
from sharedservices.governance.errors import MoveRefused

# The 4xx statuses the API answers, for endpoints' ``response=`` declarations so the
# OpenAPI document shows the error shape under each.
ERROR_CODES = frozenset({400, 401, 403, 404, 409, 413, 422, 429})


class ProblemOut(Schema):
    path: str
    message: str


class ErrorsOut(Schema):
    errors: list[ProblemOut]


def json_path(parts: Iterable[Any], root: str = "$") -> str:
    """``["options", 1, "name"]`` -> ``$.options[1].name``."""
    out = root
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _ninja_path(loc: list[Any]) -> str:
    # ninja's locations start with the source and, for a body, the parameter name:
    # ["body", "payload", "name"], ["query", "limit"], ["path", "arrangement_id"].
    source, rest = (loc[0], list(loc[1:])) if loc else ("body", [])
    if source == "body":
        return json_path(rest[1:])
    return json_path(rest, root=str(source))


def _message(error: dict[str, Any]) -> str:
    message = str(error.get("msg") or "Invalid value")
    # pydantic prefixes custom messages with "Value error, "; the rest is ours.
    return message.removeprefix("Value error, ")


def field_problems(error: DjangoValidationError) -> list[Problem]:
    """A service's ``ValidationError`` (keyed by field, or not) as problems."""
    if hasattr(error, "error_dict"):
        return [
            Problem(json_path([] if field == "__all__" else [field]), message)
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [Problem("$", message) for message in error.messages]


def install(api: NinjaAPI) -> None:
    """Register the handlers on the one ``NinjaAPI`` instance."""

    def respond(request: HttpRequest, problems: list[Problem], status: int) -> HttpResponse:
        problems = problems or [Problem("$", "Invalid input")]
        return api.create_response(
            request, {"errors": [p.as_dict() for p in problems]}, status=status
        )

    @api.exception_handler(NinjaValidationError)
    def _schema(request, exc: NinjaValidationError):
        problems = [Problem(_ninja_path(list(e.get("loc", []))), _message(e)) for e in exc.errors]
        return respond(request, problems, 422)

    @api.exception_handler(DjangoValidationError)
    def _rules(request, exc: DjangoValidationError):
        return respond(request, field_problems(exc), 422)

    @api.exception_handler(InputError)
    def _analysis(request, exc: InputError):
        return respond(request, exc.problems, 422)

    @api.exception_handler(MoveRefused)
    def _move_refused(request, exc: MoveRefused):
        problems = [
            Problem(json_path([p["path"]] if p["path"] else []), p["message"]) for p in exc.problems
        ]
        return respond(request, problems, exc.status)

    @api.exception_handler(EditConflict)
    def _conflict(request, exc: EditConflict):
        message = (
            f"Someone else saved this since; it is now at revision {exc.current.revision}."
            " Fetch it again, then send your change with that revision"
        )
        return respond(request, [Problem("$.revision", message)], 409)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc: AuthenticationError):
        return respond(request, [Problem("$", "Sign in to use this endpoint")], 401)

    @api.exception_handler(HttpError)
    def _http(request, exc: HttpError):
        if isinstance(exc.__cause__, BodyRefused):  # parsed, but absurd: say where
            return respond(request, exc.__cause__.error.problems, 422)
        message = str(exc)
        if exc.status_code == 400 and message.startswith("Cannot parse request body"):
            message = "The request body is not valid JSON"
        return respond(request, [Problem("$", message)], exc.status_code)

    @api.exception_handler(MultiPartParserError)
    @api.exception_handler(BadRequest)
    @api.exception_handler(SuspiciousOperation)
    def _bad_request(request, exc: Exception):
        # A malformed multipart body (no boundary), or a request Django itself refuses
        # (too many fields, too large): the client's fault, said in the one shape.
        return respond(request, [Problem("$", "The request could not be read")], 400)

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc: PermissionDenied):
        return respond(request, [Problem("$", str(exc) or "You may not do this")], 403)

    @api.exception_handler(Http404)
    def _not_found(request, exc: Http404):
        return respond(request, [Problem("$", str(exc) or "Not found")], 404)

    @api.exception_handler(ObjectDoesNotExist)
    def _does_not_exist(request, exc: ObjectDoesNotExist):
        return respond(request, [Problem("$", "Not found")], 404)
