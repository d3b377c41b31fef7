"""The second step costs no query on an ordinary signed-in page (issue 12, the load
goal): a session remembers what it found under the user's ``second_step_stamp``, and
any change to the user's apps or their council's policy is seen at the next request of
every session, as before."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from sharedservices.accounts.services import council_sign_in_policy_set, mfa_reset
from tests.factories import TEST_PASSWORD
from tests.known import LANCASTER
from tests.mfa import app_device, force_login_verified

pytestmark = pytest.mark.django_db

PAGE = "/accounts/two-step/recovery-codes/"  # a signed-in page that is not the dashboard
SECOND_STEP_TABLES = ('"otp_totp_totpdevice"', '"accounts_councilsigninpolicy"')


def second_step_queries(client, path="/register/") -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return [q["sql"] for q in queries if any(t in q["sql"] for t in SECOND_STEP_TABLES)]


def sign_in(client, email):
    response = client.post("/accounts/sign-in/", {"username": email, "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_an_officer_without_an_app_costs_no_query_after_the_first_page(client, make_user):
    make_user(LANCASTER, email="officer@lancaster.example.org")
    sign_in(client, "officer@lancaster.example.org")
    second_step_queries(client)  # the first page asks once
    for path in ("/register/", "/dashboard/", "/register/", "/cases/"):
        assert second_step_queries(client, path) == [], path


def test_a_verified_session_costs_no_query_after_the_first_page(client, make_user):
    admin = make_user(None, is_superuser=True, email="admin@example.org")
    force_login_verified(client, admin)
    second_step_queries(client)
    for path in ("/register/", "/admin/", "/councils/"):
        assert second_step_queries(client, path) == [], path


def test_an_app_added_elsewhere_is_asked_for_at_the_next_page(client, make_user):
    officer = make_user(LANCASTER, email="officer@lancaster.example.org")
    sign_in(client, "officer@lancaster.example.org")
    assert client.get("/register/").status_code == 200  # remembered: no app
    app_device(officer)  # set up in another session (or through the ORM)
    response = client.get("/register/")
    assert response.status_code == 302 and response.url.startswith("/accounts/two-step/")


def test_a_council_requiring_it_sends_signed_in_users_to_set_it_up(client, make_user):
    officer = make_user(LANCASTER, email="officer@lancaster.example.org")
    sign_in(client, "officer@lancaster.example.org")
    assert client.get("/register/").status_code == 200
    council_sign_in_policy_set(council=officer.council, mfa_required=True, by=None)
    response = client.get("/register/")
    assert response.status_code == 302 and response.url.startswith("/accounts/two-step/set-up/")
    council_sign_in_policy_set(council=officer.council, mfa_required=False, by=None)
    assert client.get("/register/").status_code == 200


def test_a_reset_app_ends_the_verified_session(client, make_user):
    admin = make_user(None, is_superuser=True, email="admin@example.org")
    force_login_verified(client, admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/").status_code == 200  # remembered as verified
    mfa_reset(user=admin, by=None)  # a lost phone, reset by another administrator
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/accounts/two-step/set-up/")


def test_an_app_unconfirmed_elsewhere_is_no_longer_trusted(client, make_user):
    admin = make_user(None, is_superuser=True, email="admin@example.org")
    force_login_verified(client, admin)
    assert client.get("/admin/").status_code == 200
    device = TOTPDevice.objects.get(user=admin)
    device.confirmed = False
    device.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/accounts/two-step/")


def test_becoming_staff_needs_the_second_step_at_once(client, make_user):
    officer = make_user(LANCASTER, email="officer@lancaster.example.org")
    sign_in(client, "officer@lancaster.example.org")
    assert client.get("/register/").status_code == 200
    officer.is_staff = True
    officer.save(update_fields=["is_staff"])
    response = client.get("/register/")
    assert response.status_code == 302 and response.url.startswith("/accounts/two-step/set-up/")
