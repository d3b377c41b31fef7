"""Per-user rate limits on the expensive API endpoints: 429 in the API's error shape."""

import json

import pytest

from sharedservices.operations.ratelimit import Rate

pytestmark = pytest.mark.django_db

CASE = {
    "start_year": 2026,
    "price_base_year": 2026,
    "horizon_years": 2,
    "options": [
        {"name": "Do nothing", "lines": []},
        {
            "name": "Share",
            "lines": [
                {"name": "Saving", "kind": "benefit", "category": "cashable-saving",
                 "values": {"2026": 1000, "2027": 1000}},
            ],
        },
    ],
}  # fmt: skip
MONTE_CARLO = {**CASE, "monte_carlo": {"iterations": 100, "seed": 1}}


def post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_rates_parse():
    assert Rate.parse("30/minute") == Rate(30, 60)
    assert Rate.parse("5/hour") == Rate(5, 3600)


def test_monte_carlo_past_the_limit_answers_429(client, make_user, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "Monte Carlo appraisal": "2/minute"}
    client.force_login(make_user("E07000121"))
    assert [post(client, "/api/v1/appraise", MONTE_CARLO).status_code for _ in range(2)] == [
        200,
        200,
    ]
    refused = post(client, "/api/v1/appraise", MONTE_CARLO)
    assert refused.status_code == 429
    (error,) = refused.json()["errors"]
    assert error["path"] == "$" and "at most 2 Monte Carlo appraisal requests" in error["message"]
    assert 1 <= int(refused["Retry-After"]) <= 61
    # A deterministic appraisal is cheap and not limited.
    assert post(client, "/api/v1/appraise", CASE).status_code == 200


def test_the_limit_is_per_user(client, make_user, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "share": "1/minute"}
    body = {
        "councils": ["A", "B"],
        "lines": [{"name": "Cost", "kind": "cost", "amount": 100}],
        "method": "equal",
    }
    client.force_login(make_user("E07000121"))
    first = post(client, "/api/v1/share", body).status_code
    assert first != 429
    assert post(client, "/api/v1/share", body).status_code == 429
    client.force_login(make_user("E07000123"))
    assert post(client, "/api/v1/share", body).status_code == first


def test_coalitions_are_limited(client, make_user, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "coalitions": "1/minute"}
    client.force_login(make_user("E07000121"))
    post(client, "/api/v1/coalitions", {"councils": []})
    assert post(client, "/api/v1/coalitions", {"councils": []}).status_code == 429


def test_429_is_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/appraise", "/api/v1/share", "/api/v1/coalitions"):
        assert "429" in paths[path]["post"]["responses"]
