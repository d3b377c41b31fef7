"""A council's private data is visible to that council only; another council's
users get 404 by id; anonymous users are sent to sign in."""

import pytest
from django.urls import reverse

from sharedservices.registry.models import ArrangementStatus
from tests.accounts.factories import council
from tests.cases.factories import BusinessCaseFactory
from tests.known import LANCASTER, PRESTON, WYRE_FOREST
from tests.programme.factories import OpportunityFactory
from tests.registry.factories import ArrangementFactory

pytestmark = pytest.mark.django_db


def arrangement(status, *codes, name="Shared revenues and benefits"):
    return ArrangementFactory(name=name, status=status, status_reason="n/a", partners=codes)


@pytest.mark.parametrize("url", ["/dashboard/", "/cases/", "/programmes/"])
def test_anonymous_users_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))


def test_another_councils_business_case_is_404(client, make_user):
    case = BusinessCaseFactory(title="R&B OBC", lead_council=council(LANCASTER))
    client.force_login(make_user(WYRE_FOREST))
    assert client.get(case.get_absolute_url()).status_code == 404
    assert "R&amp;B OBC" not in client.get("/cases/").content.decode()


def test_a_partner_sees_a_case_only_once_it_is_shared(client, make_user):
    case = BusinessCaseFactory(title="R&B OBC", lead_council=council(LANCASTER))
    case.partner_councils.add(PRESTON)
    client.force_login(make_user(PRESTON))
    assert client.get(case.get_absolute_url()).status_code == 404
    case.shared_with_partners = True
    case.save()
    assert client.get(case.get_absolute_url()).status_code == 200


def test_the_lead_council_sees_its_own_case(client, make_user):
    case = BusinessCaseFactory(title="R&B OBC", lead_council=council(LANCASTER))
    client.force_login(make_user(LANCASTER))
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    assert "R&amp;B OBC" in response.content.decode()


def test_another_councils_opportunity_is_404(client, make_user):
    opp = OpportunityFactory(title="Building control", council=council(LANCASTER))
    client.force_login(make_user(PRESTON))
    assert client.get(opp.get_absolute_url()).status_code == 404
    client.force_login(make_user(LANCASTER))
    assert client.get(opp.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("status", ["exploring", "business-case", "not-pursued"])
def test_private_arrangements_are_404_to_other_councils_and_the_public(client, make_user, status):
    a = arrangement(status, LANCASTER, PRESTON)
    assert client.get(a.get_absolute_url()).status_code == 404
    client.force_login(make_user(WYRE_FOREST))
    assert client.get(a.get_absolute_url()).status_code == 404
    client.force_login(make_user(PRESTON))
    assert client.get(a.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("status", ["live", "ended"])
def test_live_and_ended_arrangements_are_public(client, status):
    a = arrangement(status, LANCASTER, PRESTON)
    assert client.get(a.get_absolute_url()).status_code == 200


def test_dashboard_shows_the_councils_real_counts(client, make_user):
    client.force_login(make_user(LANCASTER))
    page = client.get("/dashboard/").content.decode()
    assert 'data-count="arrangements">0<' in page
    assert 'data-count="opportunities">0<' in page
    assert 'data-count="business-cases">0<' in page

    arrangement(ArrangementStatus.LIVE, LANCASTER, PRESTON, name="Museums")
    arrangement(ArrangementStatus.EXPLORING, PRESTON, LANCASTER, name="Licensing")
    arrangement(ArrangementStatus.LIVE, PRESTON, WYRE_FOREST, name="Not ours")
    OpportunityFactory(title="R&B", council=council(LANCASTER))
    OpportunityFactory(title="Preston's", council=council(PRESTON))
    shared = BusinessCaseFactory(
        title="Shared", lead_council=council(PRESTON), shared_with_partners=True
    )
    shared.partner_councils.add(LANCASTER)
    BusinessCaseFactory(title="Private to Preston", lead_council=council(PRESTON))

    page = client.get("/dashboard/").content.decode()
    assert 'data-count="arrangements">2<' in page
    assert 'data-count="opportunities">1<' in page
    assert 'data-count="business-cases">1<' in page


def test_council_page_lists_only_arrangements_the_viewer_may_see(client, make_user):
    arrangement(ArrangementStatus.LIVE, LANCASTER, PRESTON, name="Joint museums service")
    arrangement(ArrangementStatus.EXPLORING, LANCASTER, PRESTON, name="Secret licensing talks")
    page = client.get("/councils/E07000121/").content.decode()
    assert "Joint museums service" in page and "Secret licensing talks" not in page
    client.force_login(make_user(PRESTON))
    page = client.get("/councils/E07000121/").content.decode()
    assert "Secret licensing talks" in page
