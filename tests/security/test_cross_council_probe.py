"""The cross-council probe (issue 12.9): every page declared ``council_owned``
(``sharedservices.base.access``), with the ids of another council's records, tried by
that council's users in every role with every method, answers 403, 404 or 405 and
changes no row. Public pages with an id are probed too, with the records the public
cannot see (drafts).

The pages come from the declarations, not from a list: a new view declared
``council_owned`` is probed the day it lands. Real addresses come from Lancaster's
users crawling the demo world (links and form actions); a pattern no page links to
(an action the owner may not take at this state) is probed with the ids of the
nearest address that was reached, so every pattern is requested. Sampling keeps it
near a minute: each role requests every address with one method, the methods in
turn, so every address meets GET, POST, PUT, PATCH and DELETE and every role meets
every address (the officer also reads every one).
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections import deque
from urllib.parse import urldefrag

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from sharedservices.accounts.models import User
from sharedservices.accounts.roles import Role
from sharedservices.base.access import COUNCIL_OWNED, PUBLIC, SIGNED_IN, access_of
from tests.security.world import PRODUCT_APPS, SKIP

pytestmark = pytest.mark.django_db

OWNERS = [
    "officer@lancaster.demo.example.org",
    "director@lancaster.demo.example.org",
    "lead-officer@lancaster.demo.example.org",
]
# Wyre Forest, in Worcestershire: no demo case, job or programme shares with Lancaster.
PROBER_COUNCIL = "wyre-forest"
REFUSED = (403, 404, 405)
METHODS = ("get", "post", "put", "patch", "delete")
_HREF = re.compile(r'href="([^"#]*)')
# Where Lancaster's users start: their dashboard and the lists of their records.
START = ["/dashboard/", "/cases/", "/programmes/", "/partners/", "/register/?council=E07000121"]
_ACTION = re.compile(r'<form[^>]*action="(/[^"#]*)"')
# Values for parameters no reached address supplies (their view must refuse before
# it looks at them, since the record they hang from is another council's).
FILLERS = {"int": "1", "str": "E07000121", "slug": "executive", "record_id": "1"}


class Targets(dict):
    """``{url: route}``; ``made`` holds those built from reached addresses' ids."""

    made: dict[str, str]


def declared_routes() -> dict[str, str]:
    """``{route: declaration}`` of every page with a parameter (not the admin's or
    the API's, which have their own machinery, nor the password-reset link)."""
    out = {}

    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry, route)
            elif (
                isinstance(entry, URLPattern)
                and "<" in route
                and not route.startswith(("accounts/", "admin/", "api/"))
            ):
                out[route] = access_of(entry.callback)

    walk(get_resolver())
    return out


def owned_routes() -> dict[str, str]:
    """The probed pages: council-owned ones, and public ones (whose non-public
    records, such as draft arrangements, the probe tries)."""
    return {r: a for r, a in declared_routes().items() if a in (COUNCIL_OWNED, PUBLIC)}


def fingerprint() -> str:
    """A digest of every row of every product model: any write shows."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.app_label in PRODUCT_APPS + ("benefits",):
            rows = model._default_manager.order_by("pk").values_list()
            digest.update(f"{model._meta.label}:{list(rows)!r}".encode())
    return digest.hexdigest()


def _route(url: str):
    try:
        return resolve(url.split("?")[0])
    except Exception:
        return None


def _synthesise(route: str, reached: dict[str, dict]) -> str:
    """An address for ``route`` with the ids of the reached address nearest to it
    (the longest shared start: ``cases/<int:pk>/options/`` lends its case id to
    ``cases/<int:pk>/options/<int:option_id>/delete/``)."""

    def shared(other: str) -> int:
        return len(os.path.commonprefix([route, other]))

    known: dict[str, str] = {}
    for other in sorted(reached, key=shared, reverse=True):
        for key, value in reached[other].items():
            if key != "url":
                known.setdefault(key, str(value))

    def fill(match):
        converter, name = match.group(1) or "str", match.group(2)
        return known.get(name) or FILLERS.get(converter, "1")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


def _owner_crawl(
    client: Client, routes: dict[str, str], hubs: set[str], found: dict[str, dict]
) -> None:
    """Follow links from the signed-in starting pages into parameterised pages only
    (the probed ones, and the signed-in ones such as a programme's page that lead to
    them), one address per pattern, recording form actions too (deletes and workflow
    steps are reached only by a form)."""
    queue = deque(START)
    visited: set[str] = set()
    while queue:
        url = queue.popleft()
        match = _route(url)
        if match is None:
            continue
        owned = match.route in routes
        key = match.route if "<" in match.route else url
        if key in visited or (owned and match.route in found):
            continue
        visited.add(key)
        response = client.get(url)
        if response.status_code != 200:
            continue
        if owned:
            found[match.route] = {"url": url, **match.kwargs}
        if "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for action in _ACTION.findall(html):
            action = action.replace("&amp;", "&")
            hit = _route(action)
            if hit is not None and hit.route in routes and hit.route not in found:
                found[hit.route] = {"url": action, **hit.kwargs}
        for href in _HREF.findall(html):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            hit = _route(href) if href.startswith("/") and not SKIP.match(href) else None
            wanted = hit is not None and (hit.route in routes or hit.route in hubs)
            if wanted and hit.route not in visited and hit.route not in found:
                queue.append(href)


@pytest.fixture(scope="module")
def targets(demo_world, django_db_blocker):
    """``{url: route}``: Lancaster's records behind every council-owned pattern."""
    with django_db_blocker.unblock():
        routes = owned_routes()
        hubs = {r for r, a in declared_routes().items() if a == SIGNED_IN}
        started = time.monotonic()
        found: dict[str, dict] = {}
        for email in OWNERS:
            owner = Client()
            owner.force_login(User.objects.get(email=email))
            _owner_crawl(owner, routes, hubs, found)
        print(f"owners' crawl: {time.monotonic() - started:.1f} s, {len(found)} patterns reached")
        anonymous = Client()
        out = {}
        for route, kwargs in found.items():
            url = kwargs.pop("url")
            if routes[route] == PUBLIC and anonymous.get(url).status_code == 200:
                continue  # open to everyone: not another council's secret
            out[url] = route
        made = {
            _synthesise(route, found): route
            for route, access in routes.items()
            if access == COUNCIL_OWNED and route not in found
        }
        print(f"{len(out)} addresses reached, {len(made)} made from their ids: {sorted(made)}")
        targets = Targets(out | made)
        targets.made = made
        return targets


def test_every_council_owned_pattern_is_probed(targets):
    owned = {r for r, a in owned_routes().items() if a == COUNCIL_OWNED}
    assert len(owned) >= 50
    assert owned <= set(targets.values())
    # Most with real ids, found as a person finds them; the rest from their ids.
    assert len(targets) - len(targets.made) >= 40, sorted(targets.made)


@pytest.mark.parametrize("role", list(Role))
def test_another_council_cannot_read_or_change_any_of_it(targets, role):
    prober = User.objects.get(email=f"{role.value}@{PROBER_COUNCIL}.demo.example.org")
    client = Client()
    client.force_login(prober)
    before = fingerprint()
    turn = list(Role).index(role)
    leaks = []
    for i, url in enumerate(sorted(targets)):
        # Each role tries each address with one method, in turn, so every address
        # meets every method and every role meets every address.
        for method in [METHODS[(i + turn) % len(METHODS)], "get"][: 1 + (turn == 0)]:
            response = getattr(client, method)(url)
            if response.status_code not in REFUSED:
                leaks.append((method.upper(), url, response.status_code))
    assert leaks == [], "\n".join(map(str, leaks))
    assert fingerprint() == before
