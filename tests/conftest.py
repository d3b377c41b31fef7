"""Fixtures shared by the whole suite.

The councils are real: the test database is built once per session by the same
``load_councils`` the product runs, from the ONS packages (about 6 s), and each
test then runs inside a transaction that is rolled back.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from sharedservices.accounts.roles import Role
from sharedservices.councils.models import Council
from tests.factories import UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    with django_db_blocker.unblock():
        call_command("load_councils", verbosity=0)
        if any(_commits(item) for item in request.session.items):
            # A test that commits for real (another thread or process must see its rows)
            # is marked django_db(transaction=True, serialized_rollback=True): Django
            # empties every table after it and loads this snapshot before the next one,
            # so each starts with the councils loaded, as every other test does.
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


def _commits(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("serialized_rollback"))


@pytest.fixture
def councils(db):
    """Look up a council by GSS code: ``councils["E07000121"]``."""

    class _Lookup:
        def __getitem__(self, code: str) -> Council:
            return Council.objects.get(code=code)

    return _Lookup()


@pytest.fixture
def make_user(db):
    counter = iter(range(10_000))

    def _make(council_code: str | None, *roles: Role, email: str | None = None, **kwargs):
        n = next(counter)
        return UserFactory(
            email=email or f"user{n}-{council_code or 'admin'}@example.org".lower(),
            full_name=f"Test User {n}",
            council=Council.objects.get(code=council_code) if council_code else None,
            roles=roles or [Role.OFFICER],
            **kwargs,
        )

    return _make


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """Tests make hundreds of users; the production hasher (PBKDF2, a million rounds) costs
    about half a second each, which made the governance tests' set-up 15 s apiece. The
    production choice is proven by the settings tests, not by every fixture."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (rate-limit counters, one-time tokens)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
