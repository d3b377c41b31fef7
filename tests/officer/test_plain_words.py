"""Plain words on every page: papers cited by name, never "seed 00N"; no
repository paths; councils named, never a bare GSS code as a label."""

from __future__ import annotations

import re

import pytest

from tests.officer.pages import page_urls

pytestmark = pytest.mark.django_db

PLURAL_IN_BRACKETS = re.compile(r"\b\w+\(s\)")
REPOSITORY_PATH = re.compile(r"\b(?:docs|src|tests|scripts)/[\w/.-]+\.(?:md|py|html|js)\b")


def _text(html: str) -> str:
    """What a reader sees: no scripts, no tags, no attribute values."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_no_page_says_seed_or_shows_a_repository_path(client, demo):
    # Pages whose address needs a value the demo does not have (a new app's own
    # records) are left out of the walk; the walk must still reach most pages.
    urls, unfilled = page_urls(case=demo["case"], ids=demo["ids"])
    assert len(urls) > 50 and len(unfilled) < len(urls) / 4, unfilled
    problems = []
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404, 405), url
        if response.status_code != 200 or not response["Content-Type"].startswith("text/"):
            continue  # downloads (xlsx, pdf) carry no page words
        html = response.content.decode()
        text = _text(html)
        if "seed 0" in html.lower():
            problems.append((url, "seed 0"))
        if m := REPOSITORY_PATH.search(text):
            problems.append((url, m.group(0)))
        if "---------" in html:  # Django's empty choice offered as an answer
            problems.append((url, "---------"))
        if m := PLURAL_IN_BRACKETS.search(text):
            problems.append((url, m.group(0)))
    assert problems == [], problems
    # The papers themselves, by council, body and year.
    from sharedservices.registry.models import ArrangementSource

    cited = ArrangementSource.objects.filter(
        title__contains="Wyre Forest District", arrangement__status="live"
    ).first()
    page = client.get(f"/register/{cited.arrangement_id}/").content.decode()
    assert "Wyre Forest District Council, Cabinet, 25 January 2007" in page
