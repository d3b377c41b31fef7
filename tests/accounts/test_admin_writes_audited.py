"""Every admin write reaches the audit trail (a review found e-mail, name, password and
deletion left only in ``django_admin_log``), and a deleted user's past events keep
their name (issue 27, item 6)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from sharedservices.accounts.models import User
from sharedservices.accounts.roles import Role
from sharedservices.base.admin_audit import AuditedAdmin
from sharedservices.base.audit import audit_record
from sharedservices.governance.models import AuditEvent
from tests.accounts.test_admin_audit import LANCASTER, admin_client, change_user  # noqa: F401

pytestmark = pytest.mark.django_db


def of(user, action):
    return list(AuditEvent.objects.filter(action=action, object_id=str(user.pk)).order_by("pk"))


def test_email_and_name_changes_are_audited_with_before_and_after(
    admin_client,  # noqa: F811
    make_user,
):
    target = make_user(LANCASTER, Role.OFFICER, email="old@example.org")
    response = change_user(admin_client, target, email="new@example.org", full_name="New Name")
    assert response.status_code == 302
    [event] = of(target, "user.access_changed")
    assert event.before == {"email": "old@example.org", "name": target.full_name}
    assert event.after == {"email": "new@example.org", "name": "New Name"}
    assert of(target, "admin.changed")


def test_a_password_set_in_the_admin_is_audited(admin_client, make_user):  # noqa: F811
    target = make_user(LANCASTER, Role.OFFICER)
    response = admin_client.post(
        f"/admin/accounts/user/{target.pk}/password/",
        {
            "password1": "a-long-enough-passphrase-9",
            "password2": "a-long-enough-passphrase-9",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    [event] = of(target, "admin.changed")
    assert "password" in event.after["change"].lower()
    assert "passphrase" not in str(event.after)


def test_a_deleted_user_is_audited_and_their_events_keep_their_name(
    admin_client,  # noqa: F811
    make_user,
    councils,
):
    target = make_user(LANCASTER, Role.OFFICER)
    target.full_name = "Departing Officer"
    target.save()
    theirs = audit_record(user=target, action="test.write", obj=councils[LANCASTER])
    response = admin_client.post(f"/admin/accounts/user/{target.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not User.objects.filter(pk=target.pk).exists()
    [event] = AuditEvent.objects.filter(action="admin.deleted", object_id=str(target.pk))
    assert event.before["email"] == target.email and event.before["name"] == "Departing Officer"
    assert AuditEvent.objects.get(pk=theirs.pk).user_name == "Departing Officer"


def test_every_admin_that_may_write_is_audited(make_user):
    root = make_user(None, is_superuser=True, email="root@example.org")
    request = RequestFactory().get("/admin/")
    request.user = root
    writers = [
        f"{model._meta.label}: {type(model_admin).__name__}"
        for model, model_admin in admin.site._registry.items()
        if (
            model_admin.has_add_permission(request)
            or model_admin.has_change_permission(request)
            or model_admin.has_delete_permission(request)
        )
        and not isinstance(model_admin, AuditedAdmin)
    ]
    assert writers == []
