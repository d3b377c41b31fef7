"""A move the state or the date does not allow is not offered; where it waits on a date
the page says which, and the API's refusal says it too."""

from __future__ import annotations

import datetime

from sharedservices.accounts.roles import Role
from sharedservices.governance.models import Decision
from tests.governance.conftest import LANCASTER, PRESTON, SOUTH_RIBBLE, decide, scrutinise_all

TODAY = datetime.date.today()


def test_confirm_waits_for_the_call_in_period_and_the_page_says_when(api, people, client):
    director = people[LANCASTER][Role.DIRECTOR]
    api.act(director, "submit")
    scrutinise_all(api, people)
    decide(api, people, LANCASTER, "approve")
    decide(api, people, SOUTH_RIBBLE, "approve")
    body = decide(api, people, PRESTON, "approve", decided_on=TODAY, key_decision=False).json()
    assert body["state"] == "call-in"
    opens = Decision.objects.get(council=PRESTON).call_in_ends_on + datetime.timedelta(days=1)
    assert "confirm" not in api.get(director).json()["allowed_actions"]
    refused = api.act(director, "confirm")
    assert refused.status_code == 409
    assert f"takes effect on {opens:%-d %B %Y}" in refused.json()["errors"][0]["message"]
    client.force_login(director)
    page = client.get(f"/cases/{api.case.pk}/governance/").content.decode()
    assert 'data-action="confirm"' not in page
    assert f"Confirm the decisions becomes possible on <strong>{opens:%-d %B %Y}" in page
