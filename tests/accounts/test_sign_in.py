"""Sign-in by e-mail, GOV.UK error summary, lock-out, idle timeout, passwords."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import TEST_PASSWORD
from tests.mfa import force_login_verified

pytestmark = pytest.mark.django_db


def sign_in(client, email, password):
    return client.post("/accounts/sign-in/", {"username": email, "password": password})


def test_officer_signs_in_by_email_and_lands_on_their_councils_home(client, make_user):
    make_user("E07000121", email="officer@lancaster.example.org")
    response = sign_in(client, "Officer@Lancaster.example.org", TEST_PASSWORD)
    assert response.status_code == 302 and response.url == "/dashboard/"
    page = client.get("/dashboard/").content.decode()
    assert '<h1 class="govuk-heading-xl">Lancaster</h1>' in page


def test_wrong_password_shows_the_error_summary(client, make_user):
    make_user("E07000121", email="officer@lancaster.example.org")
    page = sign_in(client, "officer@lancaster.example.org", "nope").content.decode()
    assert "govuk-error-summary" in page and "There is a problem" in page
    assert "Enter a correct e-mail address and password" in page
    assert "<title>Error: Sign in" in page


def test_empty_form_names_each_missing_field(client):
    page = sign_in(client, "", "").content.decode()
    assert "Enter your e-mail address" in page and "Enter your password" in page


def test_account_locks_after_repeated_failures(client, make_user):
    make_user("E07000121", email="officer@lancaster.example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "officer@lancaster.example.org", "wrong password")
    response = sign_in(client, "officer@lancaster.example.org", TEST_PASSWORD)
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_other_accounts_are_not_locked_by_someone_elses_failures(client, make_user):
    make_user("E07000121", email="a@lancaster.example.org")
    make_user("E07000121", email="b@lancaster.example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "a@lancaster.example.org", "wrong password")
    assert sign_in(client, "b@lancaster.example.org", TEST_PASSWORD).status_code == 302


def test_sessions_end_after_30_idle_minutes(client, make_user):
    make_user("E07000121", email="officer@lancaster.example.org")
    sign_in(client, "officer@lancaster.example.org", TEST_PASSWORD)
    client.get("/dashboard/")
    assert client.session.get_expiry_age() == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST  # each request restarts the 30 minutes


def test_sign_out_ends_the_session(client, make_user):
    client.force_login(make_user("E07000121"))
    client.post("/accounts/sign-out/")
    assert client.get("/dashboard/").status_code == 302


@pytest.mark.parametrize("password", ["short1", "password123456", "12345678901234"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_platform_admin_has_no_council_and_goes_to_admin(client, make_user):
    force_login_verified(client, make_user(None, is_superuser=True))
    assert client.get("/dashboard/").url == "/admin/"


def test_a_user_may_hold_several_roles(make_user):
    from sharedservices.accounts.roles import Role

    user = make_user("E07000121", Role.OFFICER, Role.SCRUTINY_MEMBER)
    assert user.roles == {"officer", "scrutiny-member"}
    assert user.has_role(Role.SCRUTINY_MEMBER) and not user.has_role(Role.EXECUTIVE_MEMBER)


def test_changing_the_case_of_the_email_gives_no_extra_tries(client, make_user):
    make_user("E07000121", email="officer@lancaster.example.org")
    for i in range(settings.AXES_FAILURE_LIMIT):
        email = "officer@lancaster.example.org" if i % 2 else "OFFICER@lancaster.example.org"
        sign_in(client, email, "wrong password")
    assert sign_in(client, "officer@lancaster.example.org", TEST_PASSWORD).status_code == 429
