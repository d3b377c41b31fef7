"""Geography as users and other tools see it: the council pages, the council API
and the boundaries endpoint, all fed by ``load_councils``."""

import gzip
import json

import pytest

from sharedservices.councils.models import Council

pytestmark = pytest.mark.django_db


def neighbour_codes(client, code):
    return {n["code"] for n in client.get(f"/api/v1/councils/{code}").json()["neighbours"]}


def test_cumberland_neighbours_through_the_api(client):
    assert {"E06000057", "E06000064", "S12000006", "S12000026"} <= neighbour_codes(
        client, "E06000063"
    )


def test_lancaster_neighbours_through_the_api(client):
    assert {"E06000064", "E06000065", "E07000128"} <= neighbour_codes(client, "E07000121")
    assert "E07000123" not in neighbour_codes(client, "E07000121")  # Preston


@pytest.mark.parametrize(
    "code", ["E06000046", "E06000053", "W06000001", "S12000023", "S12000027", "S12000013"]
)
def test_island_councils_have_no_land_neighbour(client, code):
    assert neighbour_codes(client, code) == set()


def test_every_current_council_has_a_centroid_and_households_proxy():
    missing = Council.objects.current().filter(latitude__isnull=True).values_list("code", flat=True)
    assert list(missing) == []
    assert not Council.objects.current().filter(postcode_count__isnull=True).exists()
    lancaster = Council.objects.get(code="E07000121")
    assert 53.9 < lancaster.latitude < 54.2 and -3.0 < lancaster.longitude < -2.4


def test_abolished_councils_have_no_geometry():
    carlisle = Council.objects.get(code="E07000028")
    assert carlisle.latitude is None and not carlisle.neighbours.exists()


def test_boundaries_endpoint_serves_geojson_for_every_current_council(client):
    response = client.get("/api/v1/councils/boundaries")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert len(response.content) <= 3 * 1024 * 1024
    data = json.loads(response.content)
    codes = {f["properties"]["code"] for f in data["features"]}
    assert codes == set(Council.objects.current().values_list("code", flat=True))
    assert "E07000028" not in codes  # Carlisle: abolished, no polygon of its own


def test_boundaries_are_gzipped_and_cacheable(client):
    plain = client.get("/api/v1/councils/boundaries")
    zipped = client.get("/api/v1/councils/boundaries", HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    again = client.get("/api/v1/councils/boundaries", HTTP_IF_NONE_MATCH=plain["ETag"])
    assert again.status_code == 304


def test_boundaries_are_in_the_openapi_schema(client):
    assert "/api/v1/councils/boundaries" in client.get("/api/v1/openapi.json").json()["paths"]


def test_council_page_lists_its_neighbours_and_has_a_map(client):
    page = client.get("/councils/E07000121/").content.decode()
    assert "Lancaster shares a land boundary with" in page
    for name in ("Wyre", "Westmorland and Furness", "North Yorkshire"):
        assert f">{name}</a>" in page
    assert "data-council-map" in page and 'data-focus="E07000121"' in page
    assert "Postcodes (a proxy for households)" in page


def test_island_page_says_it_has_no_land_neighbour(client):
    page = client.get("/councils/E06000046/").content.decode()
    assert "Isle of Wight has no land boundary with another council" in page


def test_abolished_council_map_points_to_successors(client):
    page = client.get("/councils/E10000006/").content.decode()  # Cumbria
    assert 'data-focus="E06000063 E06000064 "' in page


def test_api_filters_current_and_abolished(client):
    current = client.get("/api/v1/councils", {"limit": 1000}).json()
    abolished = client.get("/api/v1/councils", {"status": "abolished", "limit": 1000}).json()
    everything = client.get("/api/v1/councils", {"status": "all", "limit": 1000}).json()
    # 104 abolished or recoded: the 94 of 2009-2025 and the earlier codes of four Scottish
    # councils (2018-19) and six English ones (2012-13); East and West Surrey (from 1 April
    # 2027) are neither current nor abolished today
    assert current["count"] == 382 and abolished["count"] == 104
    assert everything["count"] == 488


def test_boundaries_not_loaded_yet_answer_503_in_the_one_error_shape(client):
    from sharedservices.councils.models import BoundarySet

    BoundarySet.objects.all().delete()
    response = client.get("/api/v1/councils/boundaries")
    assert response.status_code == 503
    assert response.json() == {
        "errors": [
            {
                "path": "$",
                "message": "Boundaries are not loaded yet: the geography is still being built",
            }
        ]
    }
