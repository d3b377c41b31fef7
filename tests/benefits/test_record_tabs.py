"""Benefits is a tab of the arrangement's record (Overview, Benefits, Timeline): links,
so they work without JavaScript; the current one is marked for assistive technology."""

from __future__ import annotations

import re

from sharedservices.accounts.roles import Role
from tests.factories import ArrangementFactory
from tests.known import LANCASTER, PRESTON


def tabs(page: str) -> list[tuple[str, str, bool]]:
    nav = re.search(r'<nav class="govuk-tabs app-record-tabs".*?</nav>', page, re.S)
    assert nav, "the record has no tabs"
    return [
        (text, href, "aria-current" in attrs)
        for href, attrs, text in re.findall(
            r'<a class="govuk-tabs__tab" href="([^"]+)"([^>]*)>([^<]+)</a>', nav.group(0)
        )
    ]


def test_each_part_of_a_live_record_is_a_tab(client, world):
    pk = world["arrangement"].pk
    expected = [
        ("Overview", f"/register/{pk}/"),
        ("Benefits", f"/register/{pk}/benefits/"),
        ("Timeline", f"/register/{pk}/history/"),
    ]
    client.force_login(world["preston"])
    for current, (_, url) in enumerate(expected):
        got = tabs(client.get(url).content.decode())
        assert [(text, href) for text, href, _ in got] == expected
        assert [is_current for _, _, is_current in got] == [i == current for i in range(3)]


def test_no_benefits_tab_before_going_live(client, make_user):
    arrangement = ArrangementFactory(partners=[LANCASTER, PRESTON], status="business-case")
    client.force_login(make_user(PRESTON, Role.OFFICER))
    page = client.get(f"/register/{arrangement.pk}/").content.decode()
    assert [text for text, _, _ in tabs(page)] == ["Overview", "Timeline"]
    assert client.get(f"/register/{arrangement.pk}/benefits/").status_code == 404
