"""The audit timeline a reader sees: events in words, a page at a time, oldest first."""

from __future__ import annotations

from sharedservices.accounts.roles import Role
from sharedservices.governance.audit import audit_record
from sharedservices.governance.selectors import TIMELINE_PAGE_SIZE
from tests.governance.conftest import LANCASTER


def test_the_timeline_says_what_happened_in_words(client, api, people, ready_case):
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    client.force_login(people[LANCASTER][Role.OFFICER])
    html = client.get(f"/cases/{ready_case.pk}/governance/timeline/").text
    assert "Case moved on: Submitted for scrutiny" in html
    assert "Added to the forward plan" in html
    assert ">case.state" not in html and ">forward_plan.published" not in html


def test_a_long_history_comes_a_page_at_a_time(client, people, ready_case):
    officer = people[LANCASTER][Role.OFFICER]
    for n in range(TIMELINE_PAGE_SIZE + 20):
        audit_record(
            user=officer, action="case.saved", obj=ready_case, after={"n": n}, case=ready_case
        )
    client.force_login(officer)
    url = f"/cases/{ready_case.pk}/governance/timeline/"
    first = client.get(url).text
    assert first.count('data-event="') == TIMELINE_PAGE_SIZE
    assert 'rel="next"' in first and "{&#x27;n&#x27;: 0}" in first
    last = client.get(url, {"page": 2}).text
    assert "{&#x27;n&#x27;: 119}" in last and 'rel="prev"' in last
    for junk in ("999", "abc", "<script>", "-1", "9" * 30):  # the nearest page, never a 500
        assert client.get(url, {"page": junk}).status_code == 200


def test_consecutive_saves_by_one_person_read_as_one_line(client, people, ready_case):
    officer = people[LANCASTER][Role.OFFICER]
    for n in range(12):
        audit_record(
            user=officer, action="case.saved", obj=ready_case, after={"n": n}, case=ready_case
        )
    audit_record(
        user=people[LANCASTER][Role.DIRECTOR],
        action="case.saved",
        obj=ready_case,
        after={"n": 12},
        case=ready_case,
    )
    client.force_login(officer)
    html = client.get(f"/cases/{ready_case.pk}/governance/timeline/").text
    assert 'data-group="12"' in html and "12 changes in a row: " in html
    # Each save is one click away, inside the group's details, with no JavaScript.
    assert "Each of the 12 changes" in html and "{&#x27;n&#x27;: 11}" in html
    # The director's save is its own line: a different person.
    assert 'data-group="13"' not in html
