"""The public council API and its OpenAPI schema."""

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_schema_lists_the_council_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/councils", "/api/v1/councils/{code}"} <= set(schema["paths"])


def test_list_filters_by_nation_and_kind(client):
    body = client.get("/api/v1/councils", {"nation": "wales", "limit": 100}).json()
    assert body["count"] == 22
    assert {c["kind"] for c in body["items"]} == {"welsh-principal-area"}
    body = client.get("/api/v1/councils", {"kind": "county", "status": "abolished"}).json()
    names = {c["name"] for c in body["items"]}
    assert {"Cumbria", "Northamptonshire"} <= names


def test_list_filters_by_upper_tier(client):
    body = client.get("/api/v1/councils", {"upper_tier": "E10000017"}).json()
    assert body["count"] == 12  # Lancashire's twelve districts
    assert "Lancaster" in {c["name"] for c in body["items"]}


def test_detail_gives_successors_and_predecessors(client):
    carlisle = client.get("/api/v1/councils/E07000028").json()
    assert carlisle["current"] is False and carlisle["valid_to"] == "2023-03-31"
    assert carlisle["successors"] == [
        {
            "code": "E06000063",
            "name": "Cumberland",
            "valid_from": "2023-04-01",
            "provisional_code": False,
        }
    ]
    assert carlisle["upper_tier_council"] == {
        "code": "E10000006",
        "name": "Cumbria",
        "valid_from": None,
        "provisional_code": False,
    }
    cumberland = client.get("/api/v1/councils/e06000063").json()
    assert "E07000028" in {p["code"] for p in cumberland["predecessors"]}


def test_unknown_council_is_404_and_bad_filter_is_422(client):
    assert client.get("/api/v1/councils/E99999999").status_code == 404
    assert client.get("/api/v1/councils", {"status": "sometimes"}).status_code == 422
