"""The admin leaves no hole in the history (issue 12.7).

Domain records are kept read-only in the admin rather than edited there through the
services: every service takes the acting user's council and role, and the pages and
the API already offer each edit with its checks, its audit event and (for cases) a
version. An admin edit would either skip all that or duplicate every form. So this
walks every model our admin modules show, and proves that none of a domain
app's can be added, changed (no editable field, inlines included) or deleted there;
the accounts app's are allowed only where they save through an audited service.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from tests.mfa import force_login_verified

pytestmark = pytest.mark.django_db

# Where the admin may write: users (Django's own user admin; role changes are audited
# by the service in tests/accounts) and each council's sign-in rule (saved through
# accounts.services.council_sign_in_policy_set, audited).
WRITABLE = {"accounts.User", "accounts.CouncilSignInPolicy", "auth.Group"}


def editable_fields(model_admin, request) -> list[str]:
    fields = model_admin.get_fields(request)
    read_only = set(model_admin.get_readonly_fields(request))
    return [f for f in fields if f not in read_only]


def test_no_domain_record_can_be_added_changed_or_deleted_in_the_admin(make_user):
    request = RequestFactory().get("/admin/")
    request.user = make_user(None, is_superuser=True)
    shown = []
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        if label in WRITABLE or not type(model_admin).__module__.startswith("sharedservices."):
            continue  # django-axes' lock-outs (deleting one unlocks an account), groups
        shown.append(label)
        assert not model_admin.has_add_permission(request), label
        assert not model_admin.has_delete_permission(request), label
        if model_admin.has_change_permission(request):
            assert editable_fields(model_admin, request) == [], label
        for inline in model_admin.get_inline_instances(request):
            assert not inline.has_add_permission(request, None), label
            assert not inline.has_change_permission(request), label
            assert not inline.has_delete_permission(request), label
    assert {"registry.Arrangement", "cases.BusinessCase", "programme.Opportunity"} <= set(shown)


def test_the_sign_in_policy_is_saved_through_the_audited_service(client, make_user):
    from sharedservices.accounts.models import CouncilSignInPolicy
    from sharedservices.governance.models import AuditEvent

    force_login_verified(client, make_user(None, is_superuser=True))
    response = client.post(
        "/admin/accounts/councilsigninpolicy/add/",
        {"council": "E07000121", "mfa_required": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CouncilSignInPolicy.objects.get(council_id="E07000121").mfa_required
    assert AuditEvent.objects.filter(action="council.mfa_required_set").count() == 1
