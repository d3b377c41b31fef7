"""Every page declares who may see it (sharedservices.base.access)."""

from django.urls import URLPattern, URLResolver, get_resolver

from sharedservices.base.access import COUNCIL_OWNED, PUBLIC, SIGNED_IN, access_of

# Django's admin and the API have their own permission machinery.
OWN_MACHINERY = ("admin:", "api:")


def walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            namespace = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from walk(p.url_patterns, namespace)
        elif isinstance(p, URLPattern):
            yield f"{prefix}{p.name}", p.callback


def test_every_view_declares_its_access():
    undeclared = [
        name
        for name, callback in walk(get_resolver().url_patterns)
        if not name.startswith(OWN_MACHINERY)
        and access_of(callback) not in (PUBLIC, SIGNED_IN, COUNCIL_OWNED)
    ]
    assert undeclared == []


def test_the_walk_sees_the_pages():
    names = {name for name, _ in walk(get_resolver().url_patterns)}
    assert {"web:home", "web:dashboard", "cases:detail", "councils:detail"} <= names
