"""The public register and map keep their costly listing in the cache (issue 12.8, the
load goal): the cached copy must change with every arrangement write, never reach a
signed-in user (who also sees their council's private arrangements), and never be built
from one visitor's filters for another."""

from __future__ import annotations

import pytest
from django import forms

from sharedservices.base.widgets import FastSelect
from sharedservices.registry.services import arrangement_input_from, arrangement_update

LANCASTER, PRESTON = "E07000121", "E07000123"


def _page(client, url="/register/", **params) -> str:
    return client.get(url, params).content.decode()


def test_an_edit_shows_at_once_on_the_cached_register(client, make_arrangement):
    a = make_arrangement("live", LANCASTER, PRESTON, name="Joint waste collection")
    assert "Joint waste collection" in _page(client)
    assert "Joint waste collection" in _page(client)  # served from the cache now
    data = arrangement_input_from(a)
    data.name = "Joint waste and recycling"
    arrangement_update(user=None, arrangement=a, data=data, expected_revision=a.revision)
    page = _page(client)
    assert "Joint waste and recycling" in page and "Joint waste collection" not in page


def test_a_new_or_withdrawn_arrangement_shows_at_once(client, make_arrangement):
    make_arrangement("live", LANCASTER, PRESTON, name="Museums service")
    assert "1 arrangement" in _page(client)
    b = make_arrangement("live", LANCASTER, name="Parking enforcement")
    assert "Parking enforcement" in _page(client)
    data = arrangement_input_from(b)
    data.status = "exploring"  # private again: only its councils see it
    arrangement_update(user=None, arrangement=b, data=data, expected_revision=b.revision)
    assert "Parking enforcement" not in _page(client)


def test_the_second_anonymous_visit_does_not_list_again(
    client, make_arrangement, django_assert_max_num_queries
):
    for i in range(3):
        make_arrangement("live", LANCASTER, PRESTON, name=f"Shared service {i}")
    with django_assert_max_num_queries(50) as first:
        _page(client)
    with django_assert_max_num_queries(3) as second:  # version, count, nothing else
        page = _page(client)
    assert len(second.captured_queries) < len(first.captured_queries)
    assert "Shared service 2" in page


def test_signed_in_users_never_get_the_public_copy(client, make_user, make_arrangement):
    make_arrangement("live", LANCASTER, PRESTON, name="Public museums service")
    make_arrangement("exploring", LANCASTER, name="Private payroll idea")
    public = _page(client)  # cached for the public
    assert "Private payroll idea" not in public
    client.force_login(make_user(LANCASTER))
    assert "Private payroll idea" in _page(client)
    client.logout()
    assert "Private payroll idea" not in _page(client)


def test_a_signed_in_visit_first_does_not_leak_into_the_public_copy(
    client, make_user, make_arrangement
):
    make_arrangement("exploring", LANCASTER, name="Private payroll idea")
    client.force_login(make_user(LANCASTER))
    assert "Private payroll idea" in _page(client)
    client.logout()
    assert "Private payroll idea" not in _page(client)


def test_filters_are_never_served_from_another_visitors_copy(client, make_arrangement):
    make_arrangement("live", LANCASTER, PRESTON, name="Museums service", areas=("museums",))
    make_arrangement("live", PRESTON, name="Parking enforcement", areas=("parking",))
    assert "Parking enforcement" in _page(client)
    filtered = _page(client, service_area="museums")
    assert "Museums service" in filtered and "Parking enforcement" not in filtered
    assert "Parking enforcement" in _page(client)


def test_each_page_of_the_register_is_its_own_copy(client, make_arrangement):
    for i in range(55):
        make_arrangement("live", LANCASTER, PRESTON, name=f"Arrangement {i:02d}")
    first, second = _page(client), _page(client, page="2")
    assert "Arrangement 00" in first and "Arrangement 00" not in second
    assert "Arrangement 54" in second and "Arrangement 54" not in first
    last = _page(client, page="999")  # the last page, kept under its own number
    assert "Arrangement 54" in last and "Page 2 of 2" in last


def test_the_map_table_changes_with_the_register(client, make_arrangement):
    make_arrangement("live", LANCASTER, PRESTON, name="Museums service")
    page = _page(client, "/map/")
    assert "Lancaster" in page and "Chorley" not in page
    assert "Lancaster" in _page(client, "/map/")  # from the cache
    make_arrangement("live", "E07000118", PRESTON, name="Shared audit")  # Chorley
    assert "Chorley" in _page(client, "/map/")


def test_the_map_table_is_kept_per_service_area(client, make_arrangement):
    make_arrangement("live", LANCASTER, PRESTON, name="Museums service", areas=("museums",))
    make_arrangement("live", "E07000118", PRESTON, name="Parking", areas=("parking",))
    assert "Chorley" in _page(client, "/map/")
    assert "Chorley" not in _page(client, "/map/", service_area="museums")
    assert "Chorley" in _page(client, "/map/", service_area="parking")


CHOICES = [
    ("", "Any"),
    ("Counties <&>", [("E10000017", "Lancashire"), ("E10000006", "Cumbria (abolished)")]),
    ("E07000121", "Lancaster & <Morecambe>"),
    (7, "A number"),
]


@pytest.mark.parametrize("value", ["E07000121", "", None, "E10000017", 7, "unknown"])
@pytest.mark.parametrize(
    "attrs",
    [None, {"id": "id_council", "aria-describedby": "h", "disabled": True, "required": False}],
)
def test_the_fast_select_writes_what_django_writes(value, attrs):
    base = {"data-module": "app-council-autocomplete", "class": "govuk-select"}
    django = forms.Select(attrs=base, choices=CHOICES).render("council", value, attrs=attrs)
    fast = FastSelect(attrs=base, choices=CHOICES).render("council", value, attrs=attrs)
    assert fast == django


def test_the_arrangement_page_does_not_grow_in_queries_with_its_partners(
    client, make_arrangement, django_assert_max_num_queries
):
    few = make_arrangement("live", LANCASTER, PRESTON, name="Two partners")
    many = make_arrangement(
        "live", LANCASTER, PRESTON, "E07000118", "E07000127", "E07000126", "E07000117",
        name="Six partners",
    )  # fmt: skip
    with django_assert_max_num_queries(30) as two:
        client.get(few.get_absolute_url())
    with django_assert_max_num_queries(len(two.captured_queries)):
        page = _page(client, many.get_absolute_url())
    assert "West Lancashire" in page and "Burnley" in page


def test_the_national_picture_tables_change_with_the_register(client, make_arrangement):
    make_arrangement("live", LANCASTER, PRESTON, name="Museums service", start_year=2005)
    page = _page(client, "/stats/")
    assert '<th scope="row" class="govuk-table__header">2005</th>' in page
    assert '<th scope="row" class="govuk-table__header">1999</th>' not in page
    _page(client, "/stats/")  # from the cache
    make_arrangement("live", LANCASTER, name="Shared legal service", start_year=1999)
    assert '<th scope="row" class="govuk-table__header">1999</th>' in _page(client, "/stats/")
