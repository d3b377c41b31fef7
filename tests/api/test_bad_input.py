"""Hostile and careless input to the API (issue 12.4): every cause of a 500 found by
fuzzing answers a 4xx with the one error shape instead."""

from __future__ import annotations

import json

import pytest

from tests.known import LANCASTER, PRESTON

pytestmark = pytest.mark.django_db


def assert_error_shape(response, status: int | tuple[int, ...]):
    statuses = status if isinstance(status, tuple) else (status,)
    assert response.status_code in statuses, (response.status_code, response.content[:500])
    body = response.json()
    assert set(body) == {"errors"}, body
    assert body["errors"], body
    for problem in body["errors"]:
        assert set(problem) == {"path", "message"}, problem
        assert isinstance(problem["path"], str) and isinstance(problem["message"], str)
    return body["errors"]


def post(client, url, body: str, method="post"):
    return getattr(client, method)(url, body, content_type="application/json")


ARRANGEMENT = {
    "name": "Shared ICT",
    "status": "live",
    "delivery_model": "lead-authority",
    "councils": [LANCASTER, PRESTON],
}


@pytest.fixture
def officer_client(client, make_user):
    client.force_login(make_user(LANCASTER))
    return client


@pytest.fixture
def arrangement_id(officer_client):
    response = post(officer_client, "/api/v1/arrangements", json.dumps(ARRANGEMENT))
    assert response.status_code == 201, response.content
    return response.json()["id"]


DEEP = "[" * 1000 + "]" * 1000
DEEP_OBJECT = '{"a":' * 1000 + "1" + "}" * 1000


@pytest.mark.parametrize("url", ["/api/v1/appraise", "/api/v1/share", "/api/v1/coalitions",
                                 "/api/v1/arrangements"])  # fmt: skip
@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT, "{", "nul\x00", '"\\ud800"', "1" * 5000])
def test_unreadable_or_absurd_bodies_are_4xx(officer_client, url, body):
    assert_error_shape(post(officer_client, url, body), (400, 422))


@pytest.mark.parametrize(
    "savings", ["9223372036854775808", "10000000000000000000000000000", "1e400", "1" * 4301]
)
def test_absurd_savings_are_422(officer_client, arrangement_id, savings):
    body = json.dumps(ARRANGEMENT)[:-1] + f', "annual_savings_gbp": {savings}}}'
    errors = assert_error_shape(post(officer_client, "/api/v1/arrangements", body), (400, 422))
    assert any("annual_savings_gbp" in e["path"] for e in errors) or errors[0]["path"] == "$"
    patch = f'{{"annual_savings_gbp": {savings}}}'
    url = f"/api/v1/arrangements/{arrangement_id}"
    assert_error_shape(post(officer_client, url, patch, "patch"), (400, 422))


@pytest.mark.parametrize(
    "field", ["name", "status", "councils", "service_areas", "organisations", "description",
              "savings_basis", "source_url", "status_reason", "delivery_model"],
)  # fmt: skip
def test_explicit_null_in_a_patch_is_422_or_clears(officer_client, arrangement_id, field):
    url = f"/api/v1/arrangements/{arrangement_id}"
    revision = officer_client.get(url).json()["revision"]
    response = post(officer_client, url, json.dumps({field: None, "revision": revision}), "patch")
    if response.status_code != 200:
        assert_error_shape(response, 422)


@pytest.mark.parametrize("text", ["\ud800", "a\x00b"])
@pytest.mark.parametrize("field", ["name", "description", "organisations", "source_url"])
def test_lone_surrogates_and_nul_bytes_are_422(officer_client, field, text):
    value = [text] if field == "organisations" else text
    body = json.dumps({**ARRANGEMENT, field: value})  # ensure_ascii: "\ud800" stays escaped
    errors = assert_error_shape(post(officer_client, "/api/v1/arrangements", body), 422)
    assert any(field in e["path"] for e in errors), errors


@pytest.mark.parametrize("url", ["/api/v1/arrangements", "/api/v1/councils"])
@pytest.mark.parametrize("param", ["limit", "offset"])
@pytest.mark.parametrize("value", [2**63, 2**64 + 1, -1, "x"])
def test_absurd_pagination_is_422(client, url, param, value):
    errors = assert_error_shape(client.get(url, {param: value}), 422)
    assert errors[0]["path"] == f"query.{param}"


def test_nul_bytes_in_query_text_are_422(client):
    assert_error_shape(client.get("/api/v1/arrangements", {"q": "a\x00b"}), 422)
    assert_error_shape(client.get("/api/v1/councils/E0700\x000121"), (404, 422))


@pytest.mark.parametrize("limit", [1e9, 1e400, 2**63, -1, 0])
def test_coalitions_time_limit_is_bounded(officer_client, limit):
    body = json.dumps(
        {"councils": [{"code": LANCASTER, "baseline_cost": 1, "workload": 1}],
         "options": {"time_limit": "__LIMIT__"}}  # fmt: skip
    ).replace('"__LIMIT__"', repr(limit) if not isinstance(limit, float) or limit < 1e300
              else "1e400")  # fmt: skip
    errors = assert_error_shape(post(officer_client, "/api/v1/coalitions", body), (400, 422))
    assert any("time_limit" in e["path"] for e in errors) or errors[0]["path"] == "$", errors


def test_the_api_answers_not_signed_in_and_not_found_in_the_one_shape(client, make_user):
    assert_error_shape(post(client, "/api/v1/appraise", "{}"), 401)
    assert_error_shape(client.get("/api/v1/councils/E99999999"), 404)
    assert_error_shape(client.get("/api/v1/arrangements/999999999"), 404)
    assert_error_shape(client.get("/api/v1/jobs/999999999"), (401, 404))
    client.force_login(make_user(LANCASTER))
    assert_error_shape(client.get("/api/v1/jobs/999999999"), 404)


def test_arrangement_rules_answer_one_problem_per_field(officer_client):
    body = {**ARRANGEMENT, "status": "ended", "councils": ["E99999999"]}
    errors = assert_error_shape(post(officer_client, "/api/v1/arrangements", json.dumps(body)), 422)
    assert {"path": "$.councils", "message": "Unknown council code 'E99999999'"} in errors


@pytest.mark.parametrize(
    ("path", "field"),
    [("/api/v1/appraise", "options"), ("/api/v1/share", "lines"),
     ("/api/v1/coalitions", "councils")],
)  # fmt: skip
def test_analysis_bodies_are_typed_in_the_openapi_document(client, path, field):
    schema = client.get("/api/v1/openapi.json").json()
    body = schema["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert field in body["properties"] and field in body["required"]


def test_an_object_where_a_distribution_name_belongs_is_422(officer_client):
    # Found by schemathesis: {"distribution": {}} was hashed as a dict key (a 500).
    line = {"name": "Staff", "kind": "benefit", "category": "cashable-saving",
            "values": {"2026": 1}, "uncertainty": {"distribution": {}}}  # fmt: skip
    body = {"start_year": 2026, "price_base_year": 2026, "horizon_years": 2,
            "options": [{"name": "Do nothing", "lines": []},
                        {"name": "Share", "lines": [line]}]}  # fmt: skip
    errors = assert_error_shape(post(officer_client, "/api/v1/appraise", json.dumps(body)), 422)
    assert errors[0]["path"] == "$.options[1].lines[0].uncertainty.distribution"
