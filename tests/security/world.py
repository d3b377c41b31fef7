"""A whole demo world and a crawler over it, for the tests that must cover every
page without anyone listing the pages: the hostile-data test and the
cross-council probe. New models, fields and views join them automatically.

- ``build_world`` runs the same loaders as ``manage.py demo`` (users, register,
  business cases, programmes), so whatever an app adds to its demo is here too.
- ``poison_text_fields`` finds every free-text field by introspection (CharField
  and TextField without choices, in the product's apps) and writes a markup
  payload into it on every row.
- ``crawl`` starts from every URL pattern without parameters and follows every
  link on every page, so every page reachable by a person is fetched with real ids.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from urllib.parse import urldefrag, urlsplit

from django.apps import apps
from django.db import DatabaseError, models, transaction
from django.db.models.functions import Cast, Concat
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

PRODUCT_APPS = ("accounts", "registry", "cases", "programme", "jobs", "governance", "reports")
PAYLOAD = "<xss'\">"
# Links a crawler must not follow: they sign out, or leave the pages (JSON, admin).
SKIP = re.compile(r"^/(api/|admin/|static/|media/|accounts/sign-out)")
_HREF = re.compile(r'href="([^"#]*)')


def build_world() -> None:
    from sharedservices.accounts.demo import load_demo_users
    from sharedservices.cases.demo import load_demo_cases
    from sharedservices.programme.demo import load_demo_programmes
    from sharedservices.registry.demo import load_demo_arrangements
    from sharedservices.reports.demo import load_demo_reports

    load_demo_users()
    load_demo_arrangements(generated=12)
    load_demo_cases()
    load_demo_programmes()
    load_demo_reports()


def text_fields() -> Iterator[tuple[type[models.Model], models.Field]]:
    """Every free-text field a person may fill in, in the product's apps."""
    for model in apps.get_models():
        if model._meta.app_label not in PRODUCT_APPS or model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.CharField | models.TextField)
                and not isinstance(field, models.URLField | models.EmailField | models.SlugField)
                and not field.choices
                and not field.primary_key
                and field.editable
                and field.name not in ("password", "key", "token", "code")
                and (field.max_length is None or field.max_length >= 20)
            ):
                yield model, field


def poison_text_fields() -> list[str]:
    """Put ``PAYLOAD`` (and the row's id, for unique fields) into every free-text
    field of every row; returns the fields written, as ``model.field``."""
    written = []
    for model, field in text_fields():
        value = Concat(models.Value(PAYLOAD), Cast("pk", output_field=models.CharField()))
        try:
            with transaction.atomic():
                changed = model._default_manager.update(**{field.name: value})
        except DatabaseError:
            continue  # an append-only table (the audit trail) refuses any UPDATE
        if changed:
            written.append(f"{model._meta.label}.{field.name}")
    return written


def patterns(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(route, view name) of every URL pattern, routes as written (``cases/<int:pk>/``)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry.lookup_str


def seeds() -> list[str]:
    """Every page address with no parameters in the URL configuration."""
    out = []
    for route, _ in patterns():
        if "<" in route or "(" in route or "^" in route or "$" in route:
            continue
        url = "/" + route
        if not SKIP.match(url):
            out.append(url)
    return sorted(set(out))


def _route(url: str) -> str:
    try:
        return resolve(urlsplit(url).path).route
    except Resolver404:
        return url


def crawl(client: Client, limit: int = 400, per_route: int = 2) -> dict[str, object]:
    """Fetch every page reachable from the seeds by links; ``{url: response}``.
    At most ``per_route`` addresses of one URL pattern are fetched (two cases' risk
    pages, not all of them; one filter of the register, not every one), so the
    budget reaches every kind of page rather than every record."""
    seen: dict[str, object] = {}
    visits: dict[str, int] = {}
    queue = deque(seeds())
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        route = _route(url)
        if visits.get(route, 0) >= per_route:
            continue
        visits[route] = visits.get(route, 0) + 1
        response = client.get(url)
        seen[url] = response
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in _HREF.findall(response.content.decode()):
            href, _ = urldefrag(href.replace("&amp;", "&"))
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if SKIP.match(parts.path):
                continue
            if href not in seen:
                queue.append(href)
    return seen
