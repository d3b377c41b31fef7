"""A limit per client across accounts, and the client's address behind proxies."""

import pytest
from django.test import RequestFactory

from sharedservices.accounts.lockout import client_ip
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, email, password, **extra):
    return client.post("/accounts/sign-in/", {"username": email, "password": password}, **extra)


def test_guesses_spread_over_many_accounts_lock_the_client(client, make_user, settings):
    settings.AXES_CLIENT_FAILURE_LIMIT = 12
    make_user("E07000121", email="real@lancaster.example.org")
    # 4 guesses at each of 3 accounts: under the per-account limit (5), 12 in all;
    # the 12th failure is answered with the lock-out.
    statuses = [
        sign_in(client, f"target{n}@lancaster.example.org", "guess").status_code
        for n in range(3)
        for _ in range(4)
    ]
    assert statuses == [200] * 11 + [429]
    locked = sign_in(client, "real@lancaster.example.org", TEST_PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another client is not affected.
    other = sign_in(client, "real@lancaster.example.org", TEST_PASSWORD, REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 302


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get(
        "/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    assert client_ip(request) == "203.0.113.7"


def test_behind_trusted_proxies_the_client_is_counted_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    spoofed = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1"
    )
    assert client_ip(spoofed) == "198.51.100.1"  # the client's own "1.2.3.4" is ignored
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(spoofed) == "1.2.3.4"
    bypassed = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")
    assert client_ip(bypassed) == "10.0.0.2"
    garbage = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="x, y")
    assert client_ip(garbage) == "10.0.0.2"


def test_one_user_behind_a_proxy_cannot_lock_out_everyone(client, make_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_user("E07000121", email="victim@lancaster.example.org")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(
            client, "victim@lancaster.example.org", "guess",
            HTTP_X_FORWARDED_FOR="198.51.100.66", **proxy,
        )  # fmt: skip
    ok = sign_in(
        client, "victim@lancaster.example.org", TEST_PASSWORD,
        HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy,
    )  # fmt: skip
    assert ok.status_code == 302
