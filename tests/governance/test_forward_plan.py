"""The forward plan: public and printable with a calendar feed; a key decision needs 28
clear days' notice on it, or the exception route and reason, which the pages show."""

from __future__ import annotations

import datetime

from sharedservices.accounts.roles import Role
from sharedservices.governance.models import Decision, ForwardPlanEntry
from tests.governance.conftest import LANCASTER, PRESTON, decide, scrutinise_all

TODAY = datetime.date.today()


def test_the_forward_plan_is_public_with_a_calendar_feed(client, ready_case):
    page = client.get(f"/forward-plan/{LANCASTER}/")
    assert page.status_code == 200
    assert "Lancaster" in page.text and "Shared revenues and benefits service" in page.text
    feed = client.get(f"/forward-plan/{LANCASTER}/calendar.ics")
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 1
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert client.get("/forward-plan/E99999999/").status_code == 404


def test_a_key_decision_without_28_clear_days_needs_the_exception_route(api, people, ready_case):
    ForwardPlanEntry.objects.filter(council=PRESTON).delete()
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    scrutinise_all(api, people)
    refused = decide(api, people, PRESTON, "approve")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["path"] == "$.exception_route"
    assert not Decision.objects.filter(council=PRESTON).exists()
    no_reason = decide(api, people, PRESTON, "approve", exception_route="special-urgency")
    assert no_reason.status_code == 422
    done = decide(
        api,
        people,
        PRESTON,
        "approve",
        exception_route="general-exception",
        exception_reason="The DWP grant deadline falls before the next plan",
    )
    assert done.status_code == 200
    preston = next(p for p in done.json()["partners"] if p["council"] == PRESTON)
    assert preston["decision"]["exception_route"] == "general-exception"
    page = api.client.get(f"/cases/{ready_case.pk}/governance/")
    assert "General exception (regulation 10)" in page.text
    assert "DWP grant deadline" in api.client.get(f"/forward-plan/{PRESTON}/").text


def test_an_entry_published_only_27_clear_days_before_is_not_enough(api, people, ready_case):
    from sharedservices.governance import services

    ForwardPlanEntry.objects.filter(council=PRESTON).delete()
    decided = TODAY - datetime.timedelta(days=1)
    services.forward_plan_entry_save(
        case=ready_case,
        user=None,
        council=ready_case.partner_councils.get(pk=PRESTON),
        what="Late entry",
        decision_maker="Cabinet",
        expected_on=decided,
        published_on=decided - datetime.timedelta(days=28),  # 27 clear days
    )
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    scrutinise_all(api, people)
    assert decide(api, people, PRESTON, "approve", decided_on=decided).status_code == 422
    ForwardPlanEntry.objects.filter(council=PRESTON).delete()
    services.forward_plan_entry_save(
        case=ready_case,
        user=None,
        council=ready_case.partner_councils.get(pk=PRESTON),
        what="Entry in time",
        decision_maker="Cabinet",
        expected_on=decided,
        published_on=decided - datetime.timedelta(days=29),  # 28 clear days
    )
    assert decide(api, people, PRESTON, "approve", decided_on=decided).status_code == 200


def test_the_forward_plan_form_is_offered_only_to_those_who_may_use_it(client, people, ready_case):
    from sharedservices.accounts.roles import Role as R
    from tests.governance.conftest import LANCASTER as LANC

    case_page = f"/cases/{ready_case.pk}/governance/"
    form_page = f"/cases/{ready_case.pk}/governance/forward-plan/add/"
    for role in (R.SCRUTINY_MEMBER, R.LEAD_MEMBER):
        client.force_login(people[LANC][role])
        assert "forward-plan/add/" not in client.get(case_page).text
        assert client.get(form_page).status_code == 403
    client.force_login(people[LANC][R.OFFICER])
    assert "forward-plan/add/" in client.get(case_page).text
    assert client.get(form_page).status_code == 200
