"""Two-step sign-in (issue 12.6), through the pages: set up an app, sign in with its
code, a wrong code, recovery codes once each, administrators and councils that
require it, and the limit on wrong codes."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from sharedservices.accounts.models import RecoveryCode
from sharedservices.accounts.services import council_sign_in_policy_set
from sharedservices.governance.models import AuditEvent
from tests.factories import TEST_PASSWORD
from tests.known import LANCASTER, PRESTON
from tests.mfa import app_code, app_device, force_login_verified

pytestmark = pytest.mark.django_db

ENROL = "/accounts/two-step/set-up/"
VERIFY = "/accounts/two-step/"
CODE_RE = re.compile(r"<code>([23456789A-Z]{5}-[23456789A-Z]{5})</code>")


def sign_in(client, email):
    return client.post("/accounts/sign-in/", {"username": email, "password": TEST_PASSWORD})


def enrol(client) -> list[str]:
    """Set up an app through the page; returns the recovery codes it showed."""
    page = client.get(ENROL)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    device.throttle_reset()  # django-otp waits a second after a wrong code; a test need not
    done = client.post(ENROL, {"code": app_code(device), "next": "/dashboard/"})
    assert done.status_code == 200
    return CODE_RE.findall(done.content.decode())


def test_an_administrator_without_an_app_is_sent_to_set_one_up(client, make_user):
    make_user(None, is_superuser=True, email="admin@example.org")
    assert sign_in(client, "admin@example.org").status_code == 302
    for path in ("/admin/", "/dashboard/", "/register/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith(ENROL), path
    api = client.get("/api/v1/cases")
    assert api.status_code == 403 and "finish signing in" in api.json()["errors"][0]["message"]
    page = client.get(ENROL).content.decode()
    assert "Your account must sign in in two steps" in page
    assert 'src="data:image/svg+xml' in page  # the QR code, in the page, no script
    secret = re.search(r'<code id="secret">([A-Z2-7 ]+)</code>', page).group(1)
    device = TOTPDevice.objects.get(user__email="admin@example.org")
    assert secret.replace(" ", "") in device.config_url and not device.confirmed


def test_setting_up_shows_ten_recovery_codes_once_and_stores_only_digests(client, make_user):
    admin = make_user(None, is_superuser=True, email="admin@example.org")
    sign_in(client, "admin@example.org")
    wrong = client.post(ENROL, {"code": "000000"}).content.decode()
    assert "The code is not right" in wrong and "govuk-error-summary" in wrong
    codes = enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = set(RecoveryCode.objects.filter(user=admin).values_list("digest", flat=True))
    assert len(stored) == 10 and not stored & set(codes)
    assert not any(c.replace("-", "") in d for c in codes for d in stored)
    assert TOTPDevice.objects.get(user=admin).confirmed
    assert client.get("/admin/").status_code == 200
    again = client.get("/accounts/two-step/recovery-codes/").content.decode()
    assert "10 unused recovery codes" in again and not CODE_RE.search(again)
    assert AuditEvent.objects.filter(action="user.mfa_enrolled", object_id=str(admin.pk)).exists()


def test_an_officer_signs_in_with_the_apps_code(client, make_user):
    officer = make_user(LANCASTER, email="officer@lancaster.example.org")
    device = app_device(officer)
    response = sign_in(client, "officer@lancaster.example.org")
    landing = client.get(response.url)
    assert landing.status_code == 302 and landing.url.startswith(VERIFY)
    page = client.get(landing.url).content.decode()
    assert "Enter your sign-in code" in page
    done = client.post(VERIFY, {"code": app_code(device), "next": "/dashboard/"})
    assert done.status_code == 302 and done.url == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


def test_a_wrong_code_is_refused_and_a_code_works_once(client, make_user):
    officer = make_user(LANCASTER, email="officer@lancaster.example.org")
    device = app_device(officer)
    code = app_code(device)
    sign_in(client, "officer@lancaster.example.org")
    wrong = client.post(VERIFY, {"code": f"{(int(code) + 1) % 1_000_000:06d}"})
    assert wrong.status_code == 200
    assert "The code is not right" in wrong.content.decode()
    assert client.get("/dashboard/").status_code == 302
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    other = type(client)()
    sign_in(other, "officer@lancaster.example.org")
    replay = other.post(VERIFY, {"code": code})
    assert replay.status_code == 200 and "has been used already" in replay.content.decode()


def test_a_recovery_code_works_once(client, make_user):
    make_user(None, is_superuser=True, email="admin@example.org")
    sign_in(client, "admin@example.org")
    codes = enrol(client)
    client.post("/accounts/sign-out/")
    sign_in(client, "admin@example.org")
    used = client.post(VERIFY, {"code": codes[0].lower(), "next": "/admin/"})
    assert used.status_code == 302 and used.url == "/admin/"
    assert "9 left" in client.get("/admin/", follow=True).content.decode()
    client.post("/accounts/sign-out/")
    sign_in(client, "admin@example.org")
    again = client.post(VERIFY, {"code": codes[0]})
    assert again.status_code == 200 and "has been used already" in again.content.decode()
    assert client.get("/admin/").status_code == 302


def test_new_recovery_codes_stop_the_old_ones(client, make_user):
    admin = make_user(None, is_superuser=True, email="admin@example.org")
    sign_in(client, "admin@example.org")
    old = enrol(client)
    new = CODE_RE.findall(client.post("/accounts/two-step/recovery-codes/").content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    other = type(client)()
    sign_in(other, "admin@example.org")
    assert other.post(VERIFY, {"code": old[1]}).status_code == 200
    assert other.post(VERIFY, {"code": new[1]}).status_code == 302
    assert RecoveryCode.objects.filter(user=admin, used_at__isnull=False).count() == 1


def test_wrong_codes_are_limited_per_user(client, make_user):
    make_user(None, is_superuser=True, email="admin@example.org")
    sign_in(client, "admin@example.org")
    codes = enrol(client)
    client.post("/accounts/sign-out/")
    sign_in(client, "admin@example.org")
    for _ in range(settings.MFA_ATTEMPT_LIMIT):
        assert client.post(VERIFY, {"code": "AAAAA-AAAAA"}).status_code == 200
    refused = client.post(VERIFY, {"code": codes[2]})
    assert refused.status_code == 429 and "Too many wrong codes" in refused.content.decode()
    assert client.get("/admin/").status_code == 302
    assert RecoveryCode.objects.filter(used_at__isnull=False).count() == 0


def test_a_council_can_require_two_step_sign_in_for_its_users(client, make_user):
    make_user(LANCASTER, email="officer@lancaster.example.org")
    make_user(PRESTON, email="officer@preston.example.org")
    council_sign_in_policy_set(council=make_user(LANCASTER).council, mfa_required=True, by=None)
    sign_in(client, "officer@lancaster.example.org")
    assert client.get("/dashboard/").url.startswith(ENROL)
    enrol(client)
    assert client.get("/dashboard/").status_code == 200
    other = type(client)()
    sign_in(other, "officer@preston.example.org")
    assert other.get("/dashboard/").status_code == 200


def test_an_unverified_session_cannot_set_up_a_second_app(client, make_user):
    officer = make_user(LANCASTER, email="officer@lancaster.example.org")
    app_device(officer)
    sign_in(client, "officer@lancaster.example.org")
    assert client.get(ENROL).url == VERIFY
    assert client.post(ENROL, {"code": "123456"}).url == VERIFY
    assert TOTPDevice.objects.filter(user=officer).count() == 1


def test_fixtures_can_sign_in_an_administrator_already_verified(client, make_user):
    force_login_verified(client, make_user(None, is_superuser=True))
    assert client.get("/admin/").status_code == 200
