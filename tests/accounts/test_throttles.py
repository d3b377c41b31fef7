"""Sign-in per account across clients is slowed, not locked; password-reset e-mails
are limited per address and per client (issue 27, item 7: six addresses guessed 24
times and the right password then worked from a seventh; 13 reset e-mails in 2 s)."""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from sharedservices.accounts.models import User
from tests.accounts.test_lockout_clients import sign_in
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

EMAIL = "real@lancaster.example.org"


def test_guesses_from_many_clients_slow_the_account(client, make_user, settings):
    make_user("E07000121", email=EMAIL)
    for n in range(6):  # 4 guesses from each of six clients: under each client's limit
        for _ in range(4):
            wrong = sign_in(client, EMAIL, "guess", REMOTE_ADDR=f"192.0.2.{n + 1}")
            assert wrong.status_code in (200,)
    # Past 10 failures each guess waits 2, 4, 8 ... seconds after the last: most of the
    # 24 were refused unchecked and not counted.
    failures = sum(a.failures_since_start for a in AccessAttempt.objects.all())
    assert settings.SIGN_IN_ACCOUNT_FREE_FAILURES <= failures < 24
    # The right password from a seventh client, just after a failure: slowed too.
    AccessAttempt.objects.update(attempt_time=timezone.now())
    slowed = sign_in(client, EMAIL, TEST_PASSWORD, REMOTE_ADDR="192.0.2.7")
    assert slowed.status_code == 200 and "_auth_user_id" not in client.session
    page = slowed.content.decode()
    assert "many failed sign-ins to this account" in page and "second" in page


def test_the_delay_is_short_and_the_real_user_then_signs_in(client, make_user, settings):
    make_user("E07000121", email=EMAIL)
    for n in range(40):  # many guesses: the wait still never exceeds the cap
        AccessAttempt.objects.create(
            username=EMAIL,
            ip_address=f"198.51.100.{n}",
            user_agent="x",
            failures_since_start=3,
            attempt_time=datetime.datetime.now(datetime.UTC),
        )
    slowed = sign_in(client, EMAIL, TEST_PASSWORD, REMOTE_ADDR="192.0.2.99")
    text = slowed.content.decode()
    assert f"Wait {settings.SIGN_IN_ACCOUNT_MAX_DELAY} seconds" in text
    past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(
        seconds=settings.SIGN_IN_ACCOUNT_MAX_DELAY + 1
    )
    AccessAttempt.objects.update(attempt_time=past)
    signed = sign_in(client, EMAIL, TEST_PASSWORD, REMOTE_ADDR="192.0.2.99")
    assert signed.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email=EMAIL).pk)


def test_reset_emails_are_limited_per_address(client, make_user, mailoutbox):
    make_user("E07000121", email=EMAIL)
    for _ in range(13):
        response = client.post("/accounts/password/reset/", {"email": EMAIL})
        assert response.status_code == 302
        assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mailoutbox) == 3


def test_reset_emails_are_limited_per_client(client, make_user, mailoutbox):
    for n in range(12):
        make_user("E07000121", email=f"person{n}@lancaster.example.org")
    for n in range(12):
        client.post("/accounts/password/reset/", {"email": f"person{n}@lancaster.example.org"})
    assert len(mailoutbox) == 10
    other = client.post(
        "/accounts/password/reset/",
        {"email": "person11@lancaster.example.org"},
        REMOTE_ADDR="192.0.2.50",
    )
    assert other.status_code == 302 and len(mailoutbox) == 11
