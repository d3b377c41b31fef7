"""The register's council filter takes a name or a GSS code, on the page and in the API."""

from __future__ import annotations

import re

import pytest

from sharedservices.accounts.roles import Role

LANCASTER, PRESTON, WYRE_FOREST = "E07000121", "E07000123", "E07000239"

pytestmark = pytest.mark.django_db


def _names(page: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/register/\d+/">([^<]+)</a>', page)


@pytest.fixture
def records(make_arrangement):
    make_arrangement("live", LANCASTER, PRESTON, name="Lancaster and Preston revenues")
    make_arrangement("live", WYRE_FOREST, name="Wyre Forest alone")
    make_arrangement("ended", LANCASTER, name="Lancaster CCTV")


def test_lancaster_by_name_and_by_code_gives_the_same_records(client, records):
    by_name = client.get("/register/", {"council": "Lancaster"}).content.decode()
    by_code = client.get("/register/", {"council": "E07000121"}).content.decode()
    by_lower = client.get("/register/", {"council": "  lancaster "}).content.decode()
    assert _names(by_name) == _names(by_code) == _names(by_lower)
    assert sorted(_names(by_name)) == ["Lancaster CCTV", "Lancaster and Preston revenues"]
    assert "2 arrangements match" in by_name


def test_the_api_filter_takes_a_name_or_a_code(client, records):
    by_name = client.get("/api/v1/arrangements", {"council": "Lancaster"}).json()
    by_code = client.get("/api/v1/arrangements", {"council": LANCASTER}).json()
    assert by_name == by_code and by_name["count"] == 2
    assert client.get("/api/v1/arrangements", {"council": "Atlantis"}).json()["count"] == 0


def test_an_unknown_council_is_named_not_silently_empty(client, records):
    page = client.get("/register/", {"council": "Atlantis"}).content.decode()
    assert "There is no council called ‘Atlantis’" in page
    assert "govuk-error-summary" in page


def test_the_filter_is_a_list_of_names_that_works_without_javascript(client, records):
    page = client.get("/register/", {"council": "Lancaster"}).content.decode()
    assert '<option value="E07000121" selected>Lancaster</option>' in page
    assert "accessible-autocomplete.min.js" in page
    assert 'data-module="app-council-autocomplete"' in page


def test_an_abolished_council_is_found_by_name_with_its_successors_records(
    client, make_arrangement
):
    make_arrangement("live", "E07000028", name="Carlisle old partnership")
    page = client.get("/register/", {"council": "Carlisle"}).content.decode()
    assert _names(page) == ["Carlisle old partnership"]


def test_the_map_names_every_council_it_can_draw(client, records):
    data = client.get("/api/v1/stats/map").json()
    assert data["names"]["E10000030"] == "Surrey"
    assert data["names"][LANCASTER] == "Lancaster"
    assert all(not re.fullmatch(r"[A-Z]\d{8}", name) for name in data["names"].values())


def test_a_cases_linked_arrangement_list_holds_the_case_councils_own(
    client, make_user, make_arrangement, councils
):
    from sharedservices.cases import services

    ours = make_arrangement("live", LANCASTER, PRESTON, name="Ours with Preston")
    theirs = make_arrangement("live", WYRE_FOREST, name="Wyre Forest on its own")
    officer = make_user(LANCASTER, Role.OFFICER)
    case = services.case_create(
        user=officer, title="Revenues", stage="obc", partner_councils=[councils[PRESTON]]
    )
    client.force_login(officer)
    page = client.get(f"/cases/{case.pk}/edit/").content.decode()
    assert f'<option value="{ours.pk}">Ours with Preston</option>' in page
    assert theirs.name not in page
    assert "---------" not in page
