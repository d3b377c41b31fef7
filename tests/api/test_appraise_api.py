"""POST /api/v1/appraise: the appraisal engine over HTTP, for signed-in users."""

import json

import pytest

pytestmark = pytest.mark.django_db

CASE = {
    "start_year": 2026,
    "price_base_year": 2026,
    "horizon_years": 3,
    "discount": {"schedule": "standard"},
    "options": [
        {"name": "Do nothing", "lines": []},
        {
            "name": "Shared service",
            "lines": [
                {"name": "ICT", "kind": "cost", "category": "capital", "values": {"2026": 100000}},
                {
                    "name": "Savings",
                    "kind": "benefit",
                    "category": "cashable-saving",
                    "values": {"2027": 60000, "2028": 60000},
                },
            ],
        },
    ],
}


def post(client, body):
    return client.post("/api/v1/appraise", json.dumps(body), content_type="application/json")


def test_anonymous_users_are_refused(client):
    assert post(client, CASE).status_code == 401


def test_signed_in_user_gets_the_appraisal(client, make_user):
    client.force_login(make_user("E07000121"))
    response = post(client, CASE)
    assert response.status_code == 200, response.content
    body = response.json()
    shared = next(o for o in body["options"] if o["name"] == "Shared service")
    # By hand: -100000 + 60000/1.035 + 60000/1.035^2 = 13,985.15
    assert shared["npsv"] == pytest.approx(-100000 + 60000 / 1.035 + 60000 / 1.035**2, abs=0.01)
    assert body["preferred_option"] == "Shared service"


def test_bad_input_names_each_path(client, make_user):
    client.force_login(make_user("E07000121"))
    bad = {**CASE, "horizon_years": -1, "discount": {"schedule": "cheerful"}}
    response = post(client, bad)
    assert response.status_code == 422
    paths = {e["path"] for e in response.json()["errors"]}
    assert {"$.horizon_years", "$.discount.schedule"} <= paths


def test_huge_monte_carlo_is_sent_to_the_command_line(client, make_user):
    client.force_login(make_user("E07000121"))
    response = post(client, {**CASE, "monte_carlo": {"iterations": 5_000_000, "seed": 1}})
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "$.monte_carlo.iterations"


def test_the_endpoint_is_in_the_openapi_schema(client):
    assert "/api/v1/appraise" in client.get("/api/v1/openapi.json").json()["paths"]
