"""The governance pages: each council acts through its own forms, another council's
user gets 404, hostile text comes out escaped, and the dashboard says what waits."""

from __future__ import annotations

import datetime

from sharedservices.accounts.roles import Role
from sharedservices.governance.models import ScrutinyRecord
from tests.governance.conftest import CHORLEY, LANCASTER, PRESTON

MET = datetime.date.today() - datetime.timedelta(days=3)


def _date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_a_scrutiny_member_records_findings_through_the_page(client, api, people, ready_case):
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    member = people[PRESTON][Role.SCRUTINY_MEMBER]
    client.force_login(member)
    url = f"/cases/{ready_case.pk}/governance/record_scrutiny/"
    assert client.get(url).status_code == 200
    data = {"recommendation": "support", "findings": "<script>alert(1)</script>"}
    data.update(_date("met_on", MET))
    response = client.post(url, data)
    assert response.status_code == 302
    client.post(url, data)  # the double click
    assert ScrutinyRecord.objects.filter(council=PRESTON).count() == 1
    page = client.get(f"/cases/{ready_case.pk}/governance/")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script>alert(1)" not in page.text
    timeline = client.get(f"/cases/{ready_case.pk}/governance/timeline/")
    assert "Scrutiny findings recorded" in timeline.text and "<script>alert(1)" not in timeline.text


def test_the_lead_councils_member_cannot_open_a_partners_form(client, api, people, ready_case):
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    client.force_login(people[LANCASTER][Role.EXECUTIVE_MEMBER])
    url = f"/cases/{ready_case.pk}/governance/record_scrutiny/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"recommendation": "support"}).status_code in (200, 403)
    assert not ScrutinyRecord.objects.exists()


def test_another_councils_user_gets_404_on_every_governance_page(client, people, ready_case):
    client.force_login(people[CHORLEY][Role.DIRECTOR])
    base = f"/cases/{ready_case.pk}/governance/"
    for url in [
        base,
        base + "timeline/",
        base + "submit/",
        base + "milestones/add/",
        base + "forward-plan/add/",
        base + "disputes/add/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(base + "submit/").status_code == 404


def test_the_dashboard_lists_what_waits_for_each_user(client, api, people, ready_case):
    client.force_login(people[LANCASTER][Role.DIRECTOR])
    page = client.get("/dashboard/")
    assert 'data-waiting="Cases to submit"' in page.text and ready_case.title in page.text
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    client.force_login(people[PRESTON][Role.SCRUTINY_MEMBER])
    assert 'data-waiting="Cases to scrutinise"' in client.get("/dashboard/").text
    client.force_login(people[PRESTON][Role.EXECUTIVE_MEMBER])
    assert 'data-waiting="Cases to decide"' not in client.get("/dashboard/").text


def test_emails_to_those_who_act_next_hold_a_link_not_the_content(
    api, people, ready_case, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    recipients = {m.to[0] for m in mailoutbox}
    assert people[PRESTON][Role.SCRUTINY_MEMBER].email in recipients
    assert people[PRESTON][Role.EXECUTIVE_MEMBER].email not in recipients
    for message in mailoutbox:
        assert f"/cases/{ready_case.pk}/governance/" in message.body
        assert ready_case.title not in message.body and ready_case.title not in message.subject
