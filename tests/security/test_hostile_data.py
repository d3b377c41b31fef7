"""The hostile-data test (issue 12.1): markup in every free-text field of every row
comes out escaped on every page, for every kind of reader.

Fields are found by introspection and pages by crawling from the URL configuration,
so a new model, field or view is covered the day it lands."""

from __future__ import annotations

import pytest
from django.test import Client

from sharedservices.accounts.models import User
from tests.mfa import force_login_verified
from tests.security.world import PAYLOAD, crawl, poison_text_fields

pytestmark = pytest.mark.django_db

READERS = [None, "officer@lancaster.demo.example.org", "admin@demo.example.org"]


@pytest.fixture(scope="module")
def poisoned(demo_world, django_db_blocker):
    with django_db_blocker.unblock():
        return poison_text_fields()


def test_the_payload_reached_the_fields_people_type_into(poisoned):
    for field in [
        "registry.Arrangement.name",
        "registry.Arrangement.description",
        "cases.BusinessCase.title",
        "cases.OptionLine.name",
        "cases.Risk.description",
    ]:
        assert field in poisoned, field


@pytest.mark.parametrize("reader", READERS)
def test_no_page_shows_the_payload_unescaped(poisoned, reader):
    client = Client()
    if reader:
        force_login_verified(client, User.objects.get(email=reader))
    pages = crawl(client, limit=250)
    errors = {url: r.status_code for url, r in pages.items() if r.status_code >= 500}
    assert errors == {}
    raw = PAYLOAD[:4]  # "<xss": escaped, it reads "&lt;xss"
    html = {url: r for url, r in pages.items() if "html" in r.get("Content-Type", "")}
    shown = [url for url, r in html.items() if "&lt;xss" in r.content.decode()]
    leaked = [url for url, r in html.items() if raw in r.content.decode()]
    assert leaked == []
    assert len(shown) >= 5, f"the payload was shown on only {shown} of {len(html)} pages"
