"""The admin shows domain records but cannot add, change or delete them (no history
would be written, and deletes would cascade history away)."""

import pytest

from tests.mfa import force_login_verified
from tests.registry.conftest import make_arrangement  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_domain_records_are_read_only_in_the_admin(client, make_user, make_arrangement):  # noqa: F811
    arrangement = make_arrangement("live", "E07000121", "E07000123")
    force_login_verified(client, make_user(None, is_superuser=True))
    base = "/admin/registry/arrangement/"
    assert client.get(base).status_code == 200
    page = client.get(f"{base}{arrangement.pk}/change/")
    assert page.status_code == 200 and b"Shared revenues and benefits" in page.content
    assert b'name="_save"' not in page.content
    name_before = arrangement.name
    changed = client.post(f"{base}{arrangement.pk}/change/", {"name": "Changed by the admin"})
    assert changed.status_code == 403
    assert client.post(f"{base}{arrangement.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"{base}add/").status_code == 403
    arrangement.refresh_from_db()
    assert arrangement.name == name_before
    for path in ("/admin/cases/businesscase/add/", "/admin/programme/opportunity/add/"):
        assert client.get(path).status_code == 403
