"""The public pages show real council data."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_page_says_what_the_service_is(client):
    page = client.get("/").content.decode()
    assert "Shared Services Hub" in page
    assert "Skip to main content" in page
    assert 'href="/accounts/sign-in/"' in page


def test_council_page_shows_kind_upper_tier_nation_and_status(client):
    page = client.get("/councils/E07000121/").content.decode()
    assert "Lancaster" in page and "District council" in page
    assert "Lancashire" in page and "England" in page and "Current" in page


def test_abolished_council_page_points_to_its_successor(client):
    page = client.get("/councils/e07000028/").content.decode()
    assert "Carlisle was abolished on 1 April 2023" in page
    assert 'href="/councils/E06000063/"' in page


def test_unknown_council_is_404(client):
    response = client.get("/councils/E99999999/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_council_index_filters_by_nation_and_kind(client):
    page = client.get("/councils/", {"nation": "scotland", "status": "current"}).content.decode()
    assert "32 councils match" in page
    assert ">Aberdeenshire</a>" in page and ">Lancaster</a>" not in page
    page = client.get("/councils/", {"status": "abolished", "kind": "county"}).content.decode()
    assert ">Cumbria</a>" in page and ">Lancashire</a>" not in page


def test_council_index_tolerates_bad_filters(client):
    response = client.get("/councils/", {"kind": "castle", "page": "x"})
    assert response.status_code == 200
