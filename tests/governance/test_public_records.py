"""Public records follow what happened: each partner's forward plan and feed show the
decision taken (or the entry withdrawn), a partner's rejection is in its "not pursued"
list, the programme's opportunity moves with its case, and the register record shows
the decisions that created it."""

from __future__ import annotations

from sharedservices.accounts.roles import Role
from sharedservices.cases.models import BusinessCase
from sharedservices.programme.models import Opportunity
from sharedservices.programme.services.opportunities import OpportunityInput, opportunity_create
from tests.governance.conftest import (
    DECIDED,
    LANCASTER,
    MID_LANCS,
    PRESTON,
    SOUTH_RIBBLE,
    decide,
    scrutinise_all,
)


def _link_opportunity(case, councils) -> Opportunity:
    opportunity = opportunity_create(
        user=None,
        data=OpportunityInput(title="Shared revenues and benefits", council=councils[LANCASTER]),
    )
    BusinessCase.objects.filter(pk=case.pk).update(opportunity=opportunity)
    return opportunity


def test_after_the_decisions_every_forward_plan_and_feed_shows_them_taken(
    api, people, client, councils
):
    opportunity = _link_opportunity(api.case, councils)
    director = people[LANCASTER][Role.DIRECTOR]
    api.act(director, "submit")
    assert Opportunity.objects.get(pk=opportunity.pk).stage == "obc"
    scrutinise_all(api, people)
    decide(api, people, LANCASTER, "approve")
    decide(api, people, PRESTON, "approve")
    decide(api, people, SOUTH_RIBBLE, "reject")
    assert Opportunity.objects.get(pk=opportunity.pk).stage == "decision"
    api.act(director, "confirm")
    client.logout()
    for code in MID_LANCS:
        page = client.get(f"/forward-plan/{code}/").content.decode()
        assert 'data-outcome="taken"' in page, code
        assert f"minute Cabinet minute {code}/42" in page
        assert 'data-outcome="planned"' not in page
        feed = client.get(f"/forward-plan/{code}/calendar.ics").content.decode()
        assert "STATUS:CONFIRMED" in feed and "TENTATIVE" not in feed
        assert f"DTSTART;VALUE=DATE:{DECIDED:%Y%m%d}" in feed
    assert "Taken: rejected on" in client.get(f"/forward-plan/{SOUTH_RIBBLE}/").content.decode()

    # South Ribble's "not pursued" list has its rejection, with the minute.
    client.force_login(people[SOUTH_RIBBLE][Role.OFFICER])
    lists = client.get(f"/programmes/councils/{SOUTH_RIBBLE}/").content.decode()
    assert api.case.title in lists and f"Cabinet minute {SOUTH_RIBBLE}/42" in lists

    lead_officer = people[LANCASTER][Role.LEAD_OFFICER]
    api.act(lead_officer, "start_implementation")
    body = api.act(lead_officer, "go_live").json()
    assert Opportunity.objects.get(pk=opportunity.pk).stage == "live"
    client.logout()
    history = client.get(f"/register/{body['arrangement']['id']}/history/").content.decode()
    assert "The decisions that created it" in history
    for code in MID_LANCS:
        assert f"Cabinet minute {code}/42" in history


def test_a_case_not_pursued_withdraws_the_entries_and_shows_in_every_list(
    api, people, client, councils
):
    opportunity = _link_opportunity(api.case, councils)
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")  # shared with the partners
    api.act(people[LANCASTER][Role.DIRECTOR], "not_pursued", reason="Costs rose <b>sharply</b>")
    assert Opportunity.objects.get(pk=opportunity.pk).stage == "not-pursued"
    for code in MID_LANCS:
        page = client.get(f"/forward-plan/{code}/").content.decode()
        assert 'data-outcome="withdrawn"' in page and "&lt;b&gt;sharply" in page
        assert (
            "STATUS:CANCELLED" in client.get(f"/forward-plan/{code}/calendar.ics").content.decode()
        )
    for code in (PRESTON, SOUTH_RIBBLE):
        client.force_login(people[code][Role.OFFICER])
        lists = client.get(f"/programmes/councils/{code}/").content.decode()
        assert api.case.title in lists and "&lt;b&gt;sharply" in lists
