"""Password change, reset by e-mail end to end, and the strength rule."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

NEW = "plum-orbit-lantern-quietly"


def test_guessable_passwords_are_refused_however_long():
    for weak in ("aaaaaaaaaaaa", "qwertyuiop12", "Password1234", "abcabcabcabc"):
        with pytest.raises(ValidationError, match="harder to guess"):
            validate_password(weak)
    validate_password(NEW)


def test_a_password_built_from_the_users_name_is_refused(make_user):
    user = make_user("E07000121", email="jane.carruthers@lancaster.gov.uk")
    with pytest.raises(ValidationError):
        validate_password("carruthers-lancaster", user)


def test_password_reset_end_to_end(client, make_user):
    user = make_user("E07000121", email="reset.me@lancaster.gov.uk")
    sign_in = client.get("/accounts/sign-in/").content.decode()
    assert 'href="/accounts/password/reset/"' in sign_in

    response = client.post("/accounts/password/reset/", {"email": "Reset.Me@lancaster.gov.uk"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    (message,) = mail.outbox
    assert message.to == ["reset.me@lancaster.gov.uk"]
    assert "Shared Services Hub" in message.subject
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body).group(1)

    page = client.get(link, follow=True)  # Django swaps the token for a session marker
    assert page.status_code == 200 and b"Set a new password" in page.content
    set_url = page.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "aaaaaaaaaaaa", "new_password2": "aaaaaaaaaaaa"})
    assert weak.status_code == 200 and b"harder to guess" in weak.content
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == "/accounts/password/reset/done/"

    user.refresh_from_db()
    assert user.check_password(NEW) and not user.check_password(TEST_PASSWORD)
    assert b"This link does not work" in client.get(link, follow=True).content  # used once
    signed_in = client.post(
        "/accounts/sign-in/", {"username": "reset.me@lancaster.gov.uk", "password": NEW}
    )
    assert signed_in.status_code == 302


def test_reset_says_the_same_for_an_unknown_address(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@nowhere.example"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_password_change_needs_the_current_password(client, make_user):
    user = make_user("E07000121")
    assert client.get("/accounts/password/").status_code == 302  # sign in first
    client.force_login(user)
    page = client.get("/accounts/password/")
    assert page.status_code == 200 and b"Current password" in page.content
    wrong = client.post(
        "/accounts/password/",
        {"old_password": "not-it", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 200
    changed = client.post(
        "/accounts/password/",
        {"old_password": TEST_PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert changed.status_code == 302
    assert client.get(changed["Location"]).status_code == 200  # still signed in
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_passwords_are_stored_with_argon2id_and_old_ones_upgraded_at_sign_in(
    client, make_user, settings
):
    """Production's hashers (the suite runs with a fast one): a new password is stored
    with Argon2id; one stored before with PBKDF2 still signs in, and is re-stored with
    Argon2id as it does."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from sharedservices import settings as configured

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS
    user = make_user("E07000121", email="argon@lancaster.example.org")
    assert user.password.startswith("argon2$argon2id$")

    user.password = PBKDF2PasswordHasher().encode(TEST_PASSWORD, "an-old-salt-1234")
    user.save(update_fields=["password"])
    response = client.post(
        "/accounts/sign-in/", {"username": "argon@lancaster.example.org", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(TEST_PASSWORD)


def test_demo_users_sign_in_with_the_demo_password_stored_with_argon2id(
    client, settings, monkeypatch
):
    """The demo hashes its one published password once for all its users: each still
    holds an Argon2id hash of it, a wrong password is refused, and a re-run that changes
    ``DEMO_PASSWORD`` changes every user's."""
    from sharedservices import settings as configured
    from sharedservices.accounts.demo import load_demo_users
    from sharedservices.accounts.models import User

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS
    logins = load_demo_users()
    users = User.objects.filter(email__in=[login.email for login in logins])
    assert users.count() == len(logins) == 82  # 6 roles and 3 statutory officers x 9, admin
    assert all(u.password.startswith("argon2$argon2id$") for u in users)
    assert all(u.check_password("shared-services-demo") for u in users[:3])
    for password, status in (("not-the-password", 200), ("shared-services-demo", 302)):
        response = client.post(
            "/accounts/sign-in/",
            {"username": "officer@preston.demo.example.org", "password": password},
        )
        assert response.status_code == status

    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-password-2026")
    load_demo_users()
    for email in ("director@lancaster.demo.example.org", "admin@demo.example.org"):
        assert User.objects.get(email=email).check_password("another-demo-password-2026")
