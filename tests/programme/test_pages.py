"""The programme pages through the test client: every write has a form, members of
other councils get 404s, and hostile text comes out escaped."""

from __future__ import annotations

import re
import uuid

import pytest

from sharedservices.accounts.roles import Role
from sharedservices.programme.models import Allocation, Opportunity, Programme
from sharedservices.programme.services.funding import pot_add
from sharedservices.programme.services.scoring import criterion_add, scores_save, weight_set_save
from tests.known import CARLISLE, CUMBERLAND, LANCASTER, PRESTON, WYRE_FOREST


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def lancaster(client, officer):
    return signed_in(client, officer)


def token():
    return str(uuid.uuid4())


def test_start_a_programme_fund_it_and_see_the_figures(lancaster):
    response = lancaster.post(
        "/programmes/new/",
        {
            "name": "Mid Lancashire cluster",
            "members": "Lancaster\nE07000123",
            "private_notes": "Keep the Preston talks quiet",
            "submission_token": token(),
        },
    )
    p = Programme.objects.get(name="Mid Lancashire cluster")
    assert response.status_code == 302 and response.url == p.get_absolute_url()
    lancaster.post(
        f"/programmes/{p.pk}/pots/add/",
        {"source": "Team Lancashire", "amount_gbp": "100000", "submission_token": token()},
    )
    pot = p.pots.get()
    form = {
        "amount_gbp": "50000",
        "purpose": "Research revenues and benefits",
        "councils": [LANCASTER, PRESTON],
        "submission_token": token(),
    }
    lancaster.post(f"/programmes/pots/{pot.pk}/allocate/", form)
    lancaster.post(f"/programmes/pots/{pot.pk}/allocate/", form)  # a double click
    assert Allocation.objects.filter(pot=pot).count() == 1
    too_much = lancaster.post(
        f"/programmes/pots/{pot.pk}/allocate/",
        form | {"amount_gbp": "60000", "submission_token": token()},
    )
    assert too_much.status_code == 200
    assert "£60,000 is more than is left in the pot" in too_much.content.decode()
    allocation = Allocation.objects.get(pot=pot)
    lancaster.post(
        f"/programmes/allocations/{allocation.pk}/spend/",
        {"amount_gbp": "12500", "description": "Project manager", "submission_token": token()},
    )
    page = lancaster.get(p.get_absolute_url()).content.decode()
    for text in ("£100,000", "£50,000", "£12,500", "£37,500", "Keep the Preston talks quiet"):
        assert text in page


def test_private_notes_are_for_member_councils_only(client, make_programme, make_user):
    p = make_programme(LANCASTER, PRESTON, private_notes="Confidential: staff numbers")
    member = signed_in(client, make_user(PRESTON, Role.LEAD_MEMBER))
    assert "Confidential: staff numbers" in member.get(p.get_absolute_url()).content.decode()
    client.logout()
    other = signed_in(client, make_user(WYRE_FOREST, Role.OFFICER))
    page = other.get(p.get_absolute_url())
    assert page.status_code == 200 and "Confidential" not in page.content.decode()
    assert other.get(f"/programmes/{p.pk}/ranking/").status_code == 403
    assert other.get(f"/programmes/{p.pk}/edit/").status_code == 403


def test_another_councils_opportunity_answers_404(client, make_opportunity, make_user):
    o = make_opportunity(LANCASTER, title="Secret idea")
    other = signed_in(client, make_user(WYRE_FOREST, Role.OFFICER))
    for url in ("", "edit/", "move/", "scores/"):
        assert other.get(f"/programmes/opportunities/{o.pk}/{url}").status_code == 404
    assert "Secret idea" not in other.get("/programmes/opportunities/").content.decode()
    assert "Secret idea" not in other.get("/programmes/board/").content.decode()
    assert "Secret idea" not in other.get(f"/programmes/councils/{LANCASTER}/").content.decode()


def test_members_read_but_do_not_write(client, make_opportunity, make_user):
    o = make_opportunity(LANCASTER)
    member = signed_in(client, make_user(LANCASTER, Role.EXECUTIVE_MEMBER))
    assert member.get(o.get_absolute_url()).status_code == 200
    assert member.get("/programmes/opportunities/new/").status_code == 403
    assert member.get(f"/programmes/opportunities/{o.pk}/move/").status_code == 403
    assert member.get("/programmes/new/").status_code == 403


def test_create_form_takes_service_area_and_councils_from_the_address(lancaster):
    page = lancaster.get(
        "/programmes/opportunities/new/?service_area=licensing&council=E07000123&council=e07000128"
    ).content.decode()
    assert "Shared licensing" in page
    assert 'value="licensing" selected' in page
    assert "Preston\nWyre" in page


def test_record_move_back_and_see_the_history(lancaster):
    lancaster.post(
        "/programmes/opportunities/new/",
        {
            "title": "Licensing <script>alert(1)</script>",
            "service_area": "licensing",
            "proposed_partners": "Preston",
            "sponsor_name": "Jason Gooding",
            "sponsor_role": "Head of Policy",
            "submission_token": token(),
        },
    )
    o = Opportunity.objects.get(service_area__slug="licensing")
    url = o.get_absolute_url()
    lancaster.post(url + "move/", {"stage": "obc", "revision": o.revision})
    refused = lancaster.post(url + "move/", {"stage": "soc", "revision": o.revision + 1})
    assert "why it goes back a stage" in refused.content.decode()
    lancaster.post(
        url + "move/",
        {
            "stage": "soc",
            "reason": "Requires further work on the outline case",
            "revision": o.revision + 1,
        },
    )
    page = lancaster.get(url).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "Sent back: Outline case to Strategic outline case" in page
    assert "Requires further work on the outline case" in page


def test_board_list_and_council_lists(lancaster, make_opportunity, officer):
    make_opportunity(LANCASTER, title="Pay office", stage="not-pursued", stage_reason="Too small")
    make_opportunity(LANCASTER, title="Building control", stage="research")
    board = lancaster.get("/programmes/board/").content.decode()
    assert board.index("Building control") < board.index("Pay office")
    listed = lancaster.get("/programmes/opportunities/?stage=research").content.decode()
    assert "Building control" in listed and "Pay office" not in listed
    lists = lancaster.get(f"/programmes/councils/{LANCASTER}/").content.decode()
    assert "Too small" in lists


def test_ranking_page_explains_totals_and_swaps(
    lancaster, make_programme, make_opportunity, officer
):
    p = make_programme(LANCASTER, PRESTON)
    savings = criterion_add(user=officer, programme=p, name="Savings potential")
    risk = criterion_add(user=officer, programme=p, name="Risk")
    weight_set_save(
        user=officer, programme=p, name="Savings first", weights={savings.pk: 3, risk.pk: 1}
    )
    weight_set_save(
        user=officer, programme=p, name="Safety first", weights={savings.pk: 1, risk.pk: 3}
    )
    a = make_opportunity(LANCASTER, title="Revenues and benefits", programme=p)
    b = make_opportunity(LANCASTER, title="Licensing", programme=p)
    scores_save(user=officer, opportunity=a, scores={savings.pk: (5, "Big"), risk.pk: (1, "Hard")})
    scores_save(
        user=officer, opportunity=b, scores={savings.pk: (2, "Small"), risk.pk: (4, "Easy")}
    )
    sets = list(p.weight_sets.order_by("pk"))
    page = lancaster.get(
        f"/programmes/{p.pk}/ranking/?weights={sets[0].pk}&compare={sets[1].pk}"
    ).content.decode()
    ranked = page[page.index('id="ranking"') :]
    assert ranked.index("Revenues and benefits") < ranked.index("Licensing")
    # Totals: (15 + 1) / 4 = 4.00 and (6 + 4) / 4 = 2.50; savings down by 2 levels them.
    assert "4.00" in ranked and "2.50" in ranked
    assert "Savings potential -2.00 (to 1.00)" in ranked
    assert "Risk +2.00 (to 3.00)" in ranked
    compared = page[page.index('id="comparison"') :]
    assert "up 1" in compared and "down 1" in compared


def test_score_form_saves_scores(lancaster, make_programme, make_opportunity, officer):
    p = make_programme(LANCASTER, PRESTON)
    c = criterion_add(user=officer, programme=p, name="Readiness")
    o = make_opportunity(LANCASTER, programme=p)
    response = lancaster.post(
        f"/programmes/opportunities/{o.pk}/scores/",
        {f"score_{c.pk}": "4", f"justification_{c.pk}": "Team ready", "revision": o.revision},
    )
    assert response.status_code == 302
    assert o.scores.get().value == 4
    bad = lancaster.post(f"/programmes/opportunities/{o.pk}/scores/", {f"score_{c.pk}": "9"})
    assert bad.status_code == 200 and o.scores.get().value == 4


def test_a_suggestion_becomes_one_opportunity(lancaster, officer):
    form = {
        "service_area": "legal",
        "council": [PRESTON, "E07000128"],
        "submission_token": token(),
    }
    first = lancaster.post("/programmes/suggestions/adopt/", form)
    lancaster.post("/programmes/suggestions/adopt/", form)
    [o] = Opportunity.objects.filter(council_id=LANCASTER, service_area__slug="legal")
    assert first.url == o.get_absolute_url()
    assert {c.pk for c in o.proposed_partners.all()} == {PRESTON, "E07000128"}
    assert o.title.startswith("Shared legal services (as ")


def test_start_a_business_case_is_filled_in_from_the_opportunity(lancaster, make_opportunity):
    o = make_opportunity(
        LANCASTER,
        title="Shared revenues and benefits",
        service_area="revenues-benefits",
        proposed_partners=[PRESTON],
        description="With Preston",
    )
    page = lancaster.get(f"/cases/new/?opportunity={o.pk}").content.decode()
    assert 'value="Shared revenues and benefits"' in page
    assert re.search(r'value="Preston"', page)
    assert f'<option value="{o.pk}" selected' in page


def test_council_page_shows_the_suggestions_panel(client, make_arrangement_live):
    page = client.get(f"/councils/{LANCASTER}/").content.decode()
    assert "Councils like Lancaster already share this" in page
    assert "Make an opportunity" not in page  # anonymous visitors cannot adopt one


@pytest.fixture
def make_arrangement_live(db):
    from sharedservices.catalogue.models import ServiceArea
    from sharedservices.councils.models import Council
    from sharedservices.registry.services import ArrangementInput, arrangement_create

    return arrangement_create(
        user=None,
        data=ArrangementInput(
            name="Shared payroll",
            status="live",
            councils=list(Council.objects.filter(pk__in=[PRESTON, "E07000126"])),
            delivery_model="lead-authority",
            service_areas=[ServiceArea.objects.get(slug="payroll")],
        ),
    )


def test_cumberland_officers_keep_carlisles_opportunities(client, make_opportunity, make_user):
    o = make_opportunity(CARLISLE, title="Building control")
    cumberland = signed_in(client, make_user(CUMBERLAND, Role.OFFICER))
    assert cumberland.get(o.get_absolute_url()).status_code == 200
    assert cumberland.get(o.get_absolute_url() + "edit/").status_code == 200


def test_funding_forms_are_for_member_officers(client, make_programme, make_user):
    p = make_programme(LANCASTER, PRESTON)
    pot = pot_add(user=None, programme=p, source="Team Lancashire", amount_gbp=100)
    other = signed_in(client, make_user(WYRE_FOREST, Role.OFFICER))
    assert other.get(f"/programmes/{p.pk}/pots/add/").status_code == 403
    assert other.get(f"/programmes/pots/{pot.pk}/allocate/").status_code == 403


def test_absurd_ids_answer_404(lancaster):
    for url in (
        "/programmes/99999999999999999999999/",
        "/programmes/opportunities/1" + "0" * 30 + "/",
    ):
        assert lancaster.get(url).status_code == 404


def test_absurd_ids_in_the_api_answer_404(lancaster):
    assert lancaster.get("/api/v1/opportunities/" + "9" * 30).status_code == 404
    assert lancaster.get("/api/v1/programmes/" + "9" * 30).status_code == 404


def test_start_a_business_case_ignores_a_bad_opportunity(lancaster, make_opportunity, make_user):
    theirs = make_opportunity("E07000239", title="Wyre Forest's own")
    for value in ("9" * 40, "abc", str(theirs.pk)):
        page = lancaster.get(f"/cases/new/?opportunity={value}")
        assert page.status_code == 200 and "Wyre Forest's own" not in page.content.decode()


def test_the_opportunities_filter_picks_a_council_by_name(client, make_opportunity, make_user):
    make_opportunity(LANCASTER, title="Shared legal services")
    make_opportunity(PRESTON, title="Shared payroll")
    officer = signed_in(client, make_user(LANCASTER, Role.OFFICER))
    page = officer.get("/programmes/opportunities/").content.decode()
    assert "GSS code" not in page and 'data-module="app-council-autocomplete"' in page
    assert f'<option value="{LANCASTER}">Lancaster</option>' in page
    by_name = officer.get("/programmes/opportunities/", {"council": "Lancaster"}).content.decode()
    assert "Shared legal services" in by_name
    by_code = officer.get("/programmes/opportunities/", {"council": LANCASTER}).content.decode()
    assert "Shared legal services" in by_code
    unknown = officer.get("/programmes/opportunities/", {"council": "Atlantis"})
    assert unknown.status_code == 200 and "There is no council" in unknown.content.decode()
