"""The register page, its filters, its forms and its query count."""

import pytest
from django.urls import reverse

from sharedservices.registry.models import Arrangement
from sharedservices.registry.services import arrangement_input_from
from tests.known import CARLISLE, CUMBERLAND, EDEN, LANCASTER, PRESTON, SOUTH_LAKELAND, WYRE_FOREST

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(make_arrangement):
    return {
        "museums": make_arrangement("live", LANCASTER, "E10000017", name="Museums service",
                                    areas=("museums",), start_year=2005),
        "licensing": make_arrangement("live", LANCASTER, SOUTH_LAKELAND, name="Joint licensing",
                                      areas=("licensing",), model="joint-post", start_year=2008),
        "parking": make_arrangement("live", CARLISLE, EDEN, name="Parking enforcement",
                                    areas=("parking",), start_year=2005),
        "ict": make_arrangement("ended", WYRE_FOREST, "E07000237", name="Computer audit",
                                areas=("audit", "ict"), start_year=2003, end_year=2010),
        "welsh": make_arrangement("live", "W06000001", "W06000002", name="Gwynedd and Anglesey",
                                  areas=("ict",), start_year=2012),
    }  # fmt: skip


def names(client, **params):
    page = client.get("/register/", params).content.decode()
    return {n for n in ["Museums service", "Joint licensing", "Parking enforcement",
                        "Computer audit", "Gwynedd and Anglesey"] if n in page}  # fmt: skip


def test_the_register_lists_public_arrangements(client, register):
    assert len(names(client)) == 5


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"service_area": "ict"}, {"Computer audit", "Gwynedd and Anglesey"}),
        ({"category": "corporate"}, {"Computer audit", "Gwynedd and Anglesey"}),
        ({"category": "front-line"}, {"Museums service", "Joint licensing", "Parking enforcement"}),
        ({"delivery_model": "joint-post"}, {"Joint licensing"}),
        ({"status": "ended"}, {"Computer audit"}),
        ({"council": LANCASTER}, {"Museums service", "Joint licensing"}),
        ({"council": "e07000121"}, {"Museums service", "Joint licensing"}),
        ({"council": CUMBERLAND}, {"Parking enforcement"}),  # Carlisle's, via its successor
        ({"upper_tier": "E10000017"}, {"Museums service", "Joint licensing"}),
        ({"upper_tier": "E10000006"}, {"Joint licensing", "Parking enforcement"}),
        ({"nation": "wales"}, {"Gwynedd and Anglesey"}),
        ({"start_year": "2005"}, {"Museums service", "Parking enforcement"}),
        ({"service_area": "ict", "status": "live"}, {"Gwynedd and Anglesey"}),
        ({"q": "licens"}, {"Joint licensing"}),
    ],
)
def test_filters(client, register, params, expected):
    assert names(client, **params) == expected


def test_bad_filters_are_ignored_not_fatal(client, register):
    response = client.get("/register/", {"start_year": "soon", "status": "nonsense"})
    assert response.status_code == 200


def test_the_register_paginates(client, make_arrangement):
    for i in range(55):
        make_arrangement("live", LANCASTER, PRESTON, name=f"Arrangement {i:02d}")
    page = client.get("/register/").content.decode()
    assert "55 arrangements" in page and 'rel="next"' in page
    page2 = client.get("/register/", {"page": 2}).content.decode()
    assert "Arrangement 54" in page2 and "Arrangement 00" not in page2


def test_query_count_does_not_grow_with_the_page(client, make_user, make_arrangement,
                                                 django_assert_max_num_queries):  # fmt: skip
    for i in range(5):
        make_arrangement("live", LANCASTER, PRESTON, name=f"Small {i}", organisations=("Police",))
    client.force_login(make_user(LANCASTER))
    with django_assert_max_num_queries(20) as small:
        client.get("/register/")
    for i in range(45):
        make_arrangement("live", LANCASTER, PRESTON, WYRE_FOREST, name=f"Big {i}",
                         areas=("ict", "hr"), organisations=("Police", f"Org {i}"))  # fmt: skip
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/register/")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/api/v1/arrangements", {"limit": 100})


def test_the_arrangement_page_shows_an_abolished_partner_with_its_successor(client, register):
    page = client.get(register["parking"].get_absolute_url()).content.decode()
    assert "Carlisle" in page and "abolished 2023" in page
    assert 'href="/councils/E06000063/"' in page


def test_the_add_form_shows_the_error_summary(client, make_user):
    client.force_login(make_user(LANCASTER))
    response = client.post("/register/add/", {"councils": "E99999999", "status": "ended"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "There is a problem" in page
    assert "Enter the name of the arrangement" in page
    assert "There is no council “E99999999”" in page
    assert not Arrangement.objects.exists()


def test_an_officer_adds_an_arrangement_and_its_history_starts(client, make_user):
    user = make_user(LANCASTER)
    client.force_login(user)
    response = client.post(
        "/register/add/",
        {
            "name": "Shared building control",
            "councils": "E07000121\nPreston",
            "lead_council": "Lancaster",
            "service_areas": ["building-control"],
            "delivery_model": "lead-authority",
            "status": "live",
            "start_year": "2024",
            "annual_savings_gbp": "85000",
            "savings_basis": "actual",
        },
    )
    a = Arrangement.objects.get()
    assert response.status_code == 302 and response.url == a.get_absolute_url()
    assert {p.council_id for p in a.partners.all()} == {LANCASTER, PRESTON}
    page = client.get(a.get_absolute_url()).content.decode()
    assert "£85,000" in page and "History" in page and user.full_name in page


def test_a_partner_edits_and_the_change_is_in_the_history(client, make_user, make_arrangement):
    a = make_arrangement("exploring", LANCASTER, PRESTON, model="")
    user = make_user(PRESTON)
    client.force_login(user)
    data = arrangement_input_from(a)
    response = client.post(
        f"/register/{a.pk}/edit/",
        {
            "name": data.name,
            "councils": f"{LANCASTER}\n{PRESTON}",
            "lead_council": LANCASTER,
            "service_areas": ["revenues-benefits"],
            "status": "not-pursued",
            "status_reason": "Not convinced the savings make it worthwhile",
            "savings_basis": "estimated",
            "revision": a.revision,
        },
    )
    assert response.status_code == 302
    page = client.get(a.get_absolute_url()).content.decode()
    assert "Not convinced the savings make it worthwhile" in page
    assert "Updated on" in page and user.full_name in page


def test_the_public_does_not_see_who_edited(client, make_arrangement):
    a = make_arrangement("live", LANCASTER, PRESTON)
    assert "History" not in client.get(a.get_absolute_url()).content.decode()


def test_upload_page_imports_a_file_of_the_users_council(client, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(make_user(LANCASTER))
    good = (
        "name,councils,status,delivery_model\n"
        f"Shared payroll,{LANCASTER};{PRESTON},live,lead-authority\n"
    )
    bad = good + f"Not ours,{PRESTON},live,informal\n"
    page = client.post(
        reverse("registry:import"), {"file": SimpleUploadedFile("a.csv", bad.encode())}
    ).content.decode()
    assert "nothing was imported" in page and "Your council must be one of the partner" in page
    assert not Arrangement.objects.exists()
    response = client.post(
        reverse("registry:import"), {"file": SimpleUploadedFile("a.csv", good.encode())}
    )
    assert response.status_code == 302 and Arrangement.objects.count() == 1


def test_upload_refuses_a_file_over_the_size_limit(client, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(make_user(LANCASTER))
    big = SimpleUploadedFile("a.csv", b"x" * (5 * 1024 * 1024 + 1))
    page = client.post(reverse("registry:import"), {"file": big}).content.decode()
    assert "smaller than 5 MB" in page


def test_the_council_include_splits_explored_and_not_pursued(client, make_user, make_arrangement):
    from django.template.loader import render_to_string

    from sharedservices.councils.models import Council

    make_arrangement("live", WYRE_FOREST, name="CCTV", areas=("cctv",))
    make_arrangement("exploring", WYRE_FOREST, name="Building control", model="")
    make_arrangement("not-pursued", WYRE_FOREST, name="Payroll", reason="No financial benefit")
    council = Council.objects.get(pk=WYRE_FOREST)
    html = render_to_string(
        "registry/includes/council_arrangements.html",
        {"council": council, "arrangements": Arrangement.objects.of_council(council)},
    )
    assert "Services being explored" in html and "Building control" in html
    assert "Considered and not pursued, and why" in html and "No financial benefit" in html
