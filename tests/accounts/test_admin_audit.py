"""Access changed in the admin is audited (issue 12): the user form writes groups and
flags itself, so without these events a platform administrator could make someone a
superuser, or give them another council's role, with no trace."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from sharedservices.accounts.roles import Role
from sharedservices.governance.models import AuditEvent
from tests.mfa import force_login_verified

pytestmark = pytest.mark.django_db

LANCASTER = "E07000121"
PRESTON = "E07000123"


@pytest.fixture
def admin_client(make_user):
    admin = make_user(None, is_superuser=True, email="root@example.org")
    client = Client()
    force_login_verified(client, admin)
    return client


def change_user(client, user, **fields):
    """Post the admin's user form as a person would: every field as it is, but ``fields``."""
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "council": user.council_id or "",
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "groups": [g.pk for g in user.groups.all()],
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "_save": "Save",
    }
    data.update(fields)
    data = {k: v for k, v in data.items() if v not in ("", None)}
    return client.post(f"/admin/accounts/user/{user.pk}/change/", data)


def events(user):
    return list(
        AuditEvent.objects.filter(action="user.access_changed", object_id=str(user.pk)).order_by(
            "pk"
        )
    )


def test_roles_superuser_and_council_changed_in_the_admin_are_audited(admin_client, make_user):
    target = make_user(LANCASTER, Role.OFFICER)
    director = Group.objects.get_or_create(name=str(Role.DIRECTOR))[0]

    response = change_user(
        admin_client,
        target,
        groups=[director.pk],
        is_superuser="on",
        council=PRESTON,
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    [event] = events(target)
    assert event.user.email == "root@example.org"
    assert event.before == {"roles": ["officer"], "superuser": False, "council": LANCASTER}
    assert event.after == {"roles": ["director"], "superuser": True, "council": PRESTON}


def test_a_save_that_changes_nothing_records_nothing(admin_client, make_user):
    target = make_user(LANCASTER, Role.OFFICER)
    assert change_user(admin_client, target).status_code == 302
    assert events(target) == []


def test_a_deactivated_user_is_audited(admin_client, make_user):
    target = make_user(LANCASTER, Role.OFFICER)
    assert change_user(admin_client, target, is_active="").status_code == 302
    [event] = events(target)
    assert event.before == {"active": True} and event.after == {"active": False}


def test_a_user_added_in_the_admin_is_audited(admin_client):
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "new@example.org",
            "full_name": "New Person",
            "council": LANCASTER,
            "password1": "a-long-enough-passphrase-9",
            "password2": "a-long-enough-passphrase-9",
            "_save": "Save",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from sharedservices.accounts.models import User

    [event] = events(User.objects.get(email="new@example.org"))
    assert event.after["council"] == LANCASTER and event.after["active"] is True


def test_a_roles_permissions_changed_in_the_admin_are_audited(admin_client):
    group = Group.objects.get_or_create(name=str(Role.OFFICER))[0]
    permission = Permission.objects.get(codename="view_user")
    response = admin_client.post(
        f"/admin/auth/group/{group.pk}/change/",
        {"name": group.name, "permissions": [permission.pk], "_save": "Save"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    [event] = AuditEvent.objects.filter(action="role.permissions_changed")
    assert event.before == {"name": "officer", "permissions": []}
    assert event.after == {"name": "officer", "permissions": ["view_user"]}


def test_the_events_read_as_words_on_the_timeline():
    from sharedservices.governance.audit_words import headline

    assert headline("user.access_changed") == "User's details or access changed by an administrator"
    assert (
        headline("role.permissions_changed") == "A role's permissions changed by an administrator"
    )
