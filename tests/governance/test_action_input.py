"""``POST /api/v1/cases/{id}/actions`` reads its body through the API's hardened parser
and each move's typed schema: absurd or wrongly typed bodies answer 4xx in the one
error shape, and change nothing."""

from __future__ import annotations

import pytest

from sharedservices.accounts.roles import Role
from sharedservices.governance.models import AuditEvent, CaseGovernance
from sharedservices.governance.services import MOVES
from tests.governance.conftest import LANCASTER


def _post(api, user, raw: str):
    api.client.force_login(user)
    return api.client.post(
        f"/api/v1/cases/{api.case.pk}/actions", data=raw, content_type="application/json"
    )


@pytest.mark.parametrize(
    "raw",
    [
        "[" * 50_000,
        '{"a":' * 5_000,
        '{"action": ["submit"]}',
        '{"action": {"submit": true}}',
        '{"action": "submit", "council": 1e999}',
        '{"action": "not_pursued", "reason": "a\\u0000b"}',
        '{"action": "not_pursued", "reason": "\\ud800"}',
        "",
        "null",
        '"submit"',
    ],
)
def test_absurd_bodies_are_refused_in_the_error_shape(api, people, raw):
    director = people[LANCASTER][Role.DIRECTOR]
    before = AuditEvent.objects.count()
    response = _post(api, director, raw)
    assert 400 <= response.status_code < 500, response.content[:200]
    errors = response.json()["errors"]
    assert errors and all(set(e) == {"path", "message"} for e in errors)
    assert AuditEvent.objects.count() == before
    assert CaseGovernance.objects.filter(case=api.case, state="submitted").count() == 0


def test_a_list_for_the_action_names_the_moves(api, people):
    response = _post(api, people[LANCASTER][Role.DIRECTOR], '{"action": ["submit"]}')
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"path": "$.action", "message": f"Choose one of: {', '.join(MOVES)}"}
    ]


def test_fields_are_typed_and_limited_with_their_paths(api, people):
    director = people[LANCASTER][Role.DIRECTOR]
    for fields, path in [
        ({"reason": "x" * 2001}, "$.reason"),
        ({"reason": 42}, "$.reason"),
        ({"reason": "fine", "colour": "red"}, "$.colour"),
        ({}, "$.reason"),
    ]:
        response = api.act(director, "not_pursued", **fields)
        assert response.status_code == 422, fields
        assert response.json()["errors"][0]["path"] == path
    response = api.act(
        people[LANCASTER][Role.EXECUTIVE_MEMBER],
        "record_decision",
        council=LANCASTER,
        decision="approve",
        decided_on="2026-01-01",
        published_on=20260101,
        minute_reference="M" * 101,
        key_decision="yes",
    )
    assert response.status_code == 422
    paths = {e["path"] for e in response.json()["errors"]}
    assert paths == {"$.published_on", "$.minute_reference", "$.key_decision"}


def test_the_schema_documents_every_move_from_its_declaration(client):
    schema = client.get("/api/v1/openapi.json").json()
    body = schema["paths"]["/api/v1/cases/{case_id}/actions"]["post"]["requestBody"]
    one_of = body["content"]["application/json"]["schema"]["oneOf"]
    assert [o["properties"]["action"]["const"] for o in one_of] == list(MOVES)
    decision = next(o for o in one_of if o["properties"]["action"]["const"] == "record_decision")
    assert decision["properties"]["minute_reference"]["maxLength"] == 100
    assert decision["additionalProperties"] is False
