"""The national picture against hand-counted fixtures, the map data, and the API."""

import json
import re

import pytest

from sharedservices.councils.models import Council
from sharedservices.registry.models import Arrangement
from sharedservices.registry.statistics import map_data, national_picture
from tests.known import CARLISLE, CUMBERLAND, EDEN, LANCASTER, PRESTON, WYRE_FOREST

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture_register(make_arrangement):
    # Hand count: 4 live (A, B, C, D), 1 ended (E), 1 exploring (F, ignored).
    make_arrangement(
        "live",
        LANCASTER,
        PRESTON,
        name="A",
        areas=("ict", "payroll"),
        savings=50_000,
        start_year=2010,
    )  # noqa: E501
    make_arrangement(
        "live",
        LANCASTER,
        "E10000017",
        name="B",
        areas=("museums",),
        savings=150_000,
        start_year=2010,
    )  # noqa: E501
    make_arrangement(
        "live", CARLISLE, EDEN, name="C", areas=("parking",), savings=0, start_year=2005
    )  # noqa: E501
    make_arrangement(
        "live", "W06000001", "W06000002", name="D", areas=("ict",), savings=None, start_year=None
    )  # noqa: E501
    make_arrangement(
        "ended",
        WYRE_FOREST,
        "E07000237",
        name="E",
        areas=("audit",),
        savings=2_000_000,
        start_year=2003,
        end_year=2008,
    )  # noqa: E501
    make_arrangement("exploring", WYRE_FOREST, name="F", areas=("ict",), savings=999, model="")


def test_the_national_picture_matches_a_hand_count(fixture_register):
    p = national_picture()
    assert p["live_arrangements"] == 4
    assert p["annual_savings_gbp"] == 200_000
    assert p["without_savings"] == 2  # C reports £0, D nothing
    kinds = {k["kind"]: k for k in p["by_kind"]}
    # Districts in live ones: Lancaster, Preston, and Carlisle/Eden's successors are unitaries.
    assert kinds["district"]["in_live"] == 2
    assert (
        kinds["district"]["councils"] == Council.objects.current().filter(kind="district").count()
    )
    assert kinds["county"]["in_live"] == 1  # Lancashire
    assert kinds["unitary"]["in_live"] == 2  # Cumberland (Carlisle), Westmorland and Furness (Eden)
    assert kinds["wales"]["in_live"] == 2
    assert kinds["scotland"]["in_live"] == 0 and kinds["scotland"]["percent"] == 0.0
    assert p["councils"]["in_live"] == 7
    areas = {a["slug"]: a for a in p["by_service_area"]}
    assert areas["ict"]["live"] == 2 and areas["ict"]["savings_gbp"] == 50_000
    assert areas["payroll"]["live"] == 1 and areas["audit"]["live"] == 0
    cats = {c["slug"]: c for c in p["by_category"]}
    assert cats["corporate"] == {"slug": "corporate", "name": "Corporate / back office",
                                 "live": 2, "savings_gbp": 50_000}  # fmt: skip
    assert cats["front-line"]["live"] == 2 and cats["front-line"]["savings_gbp"] == 150_000
    bands = {b["band"]: b["live"] for b in p["savings_distribution"]}
    assert bands["£50,000 to £99,999"] == 1 and bands["£100,000 to £249,999"] == 1
    assert p["reporting_savings"] == 2 and p["under_100k"] == 1 and p["under_100k_percent"] == 50.0
    assert p["by_start_year"] == [
        {"year": 2003, "live": 0, "ended": 1},
        {"year": 2005, "live": 1, "ended": 0},
        {"year": 2010, "live": 2, "ended": 0},
    ]
    assert p["start_year_unknown"] == {"live": 1, "ended": 0}


def test_the_map_credits_an_abolished_council_to_its_successor(fixture_register):
    data = map_data()
    councils = {c["code"]: c for c in data["councils"]}
    assert CARLISLE not in councils and councils[CUMBERLAND]["live"] == 1
    assert councils[LANCASTER] | {"latitude": None, "longitude": None} == {
        "code": LANCASTER, "name": "Lancaster", "kind": "district", "latitude": None,
        "longitude": None, "live": 2, "savings_gbp": 200_000,
    }  # fmt: skip
    links = {(link["from"], link["to"]): link["arrangements"] for link in data["links"]}
    assert links[tuple(sorted((LANCASTER, PRESTON)))] == 1
    assert map_data(service_area="museums")["councils"][0]["live"] == 1


def test_stats_and_map_pages_give_the_figures_in_tables(client, fixture_register):
    page = client.get("/stats/").content.decode()
    assert 'data-stat="live">4<' in page and "£200,000" in page
    assert 'data-stat="without-savings">2<' in page and "<table" in page
    # The charts of money label their bars in pounds (static/registry/charts.js).
    money_charts = re.findall(r'data-chart-for="([\w-]+)"[^>]*data-chart-unit="£"', page)
    assert set(money_charts) == {"stats-savings-by-kind", "stats-by-tier"}
    page = client.get("/map/").content.decode()
    assert "Lancaster" in page and "register-map-table" in page
    assert client.get("/map/", {"service_area": "parking", "measure": "savings"}).status_code == 200


def test_the_stats_api_is_public_and_in_the_schema(client, fixture_register):
    body = client.get("/api/v1/stats").json()
    assert body["live_arrangements"] == 4 and body["without_savings"] == 2
    body = client.get("/api/v1/stats/map").json()
    assert {"from", "to", "arrangements"} <= set(body["links"][0])
    schema = client.get("/api/v1/openapi.json").json()
    for path in ["/api/v1/arrangements", "/api/v1/arrangements/{arrangement_id}", "/api/v1/stats"]:
        assert path in schema["paths"]


def test_the_api_lists_public_arrangements_with_filters(client, fixture_register):
    body = client.get("/api/v1/arrangements").json()
    assert body["count"] == 5 and "F" not in {a["name"] for a in body["items"]}
    body = client.get("/api/v1/arrangements", {"service_area": "ict", "status": "live"}).json()
    assert {a["name"] for a in body["items"]} == {"A", "D"}
    body = client.get("/api/v1/arrangements", {"council": CUMBERLAND}).json()
    assert [a["name"] for a in body["items"]] == ["C"]
    c = body["items"][0]
    assert {p["council"]: p["council_current"] for p in c["partners"]} == {
        CARLISLE: False,
        EDEN: False,
    }


def test_the_api_creates_and_updates_for_partner_officers(client, make_user):
    client.force_login(make_user(LANCASTER))
    payload = {
        "name": "Shared ICT",
        "status": "live",
        "delivery_model": "lead-authority",
        "councils": [LANCASTER, PRESTON],
        "lead_council": LANCASTER,
        "service_areas": ["ict"],
        "annual_savings_gbp": 120000,
    }
    response = client.post(
        "/api/v1/arrangements", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = client.patch(f"/api/v1/arrangements/{pk}", json.dumps({"status": "ended"}),
                            content_type="application/json")  # fmt: skip
    assert response.status_code == 422
    assert "$.status_reason" in {e["path"] for e in response.json()["errors"]}
    response = client.patch(
        f"/api/v1/arrangements/{pk}",
        json.dumps(
            {
                "status": "ended",
                "status_reason": "Contract ended",
                "end_year": 2025,
                "revision": Arrangement.objects.get(pk=pk).revision,
            }
        ),  # fmt: skip
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "ended"
    assert Arrangement.objects.get(pk=pk).changes.count() == 2

    client.force_login(make_user(WYRE_FOREST))
    response = client.patch(f"/api/v1/arrangements/{pk}", json.dumps({"name": "Mine"}),
                            content_type="application/json")  # fmt: skip
    assert response.status_code == 403
    response = client.post(
        "/api/v1/arrangements", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 422
    assert "$.councils" in {e["path"] for e in response.json()["errors"]}


def test_the_api_refuses_anonymous_writes(client):
    response = client.post("/api/v1/arrangements", "{}", content_type="application/json")
    assert response.status_code in (401, 403)
