"""Every app writes to the audit trail through ``base.audit``; governance keeps the trail."""

from __future__ import annotations

import pytest

from sharedservices.base import audit as door
from sharedservices.councils.models import Council
from sharedservices.governance.models import AuditEvent
from tests.known import LANCASTER

pytestmark = pytest.mark.django_db


def test_the_door_writes_one_event_to_governances_trail(make_user):
    user = make_user(LANCASTER)
    council = Council.objects.get(pk=LANCASTER)
    event = door.audit_record(user=user, action="test.door", obj=council, after={"x": 1})
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.action, stored.user_id, stored.council_id) == ("test.door", user.pk, LANCASTER)
    assert (stored.object_type, stored.object_id) == ("councils.council", LANCASTER)


def test_a_bulk_write_is_one_event_per_object():
    councils = list(Council.objects.filter(pk__in=[LANCASTER]))
    assert door.audit_record_bulk(user=None, action="test.bulk", objects=councils) == 1
    assert AuditEvent.objects.filter(action="test.bulk").count() == 1


def test_without_a_trail_plugged_in_the_error_says_so(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setattr(door, "_writers", {})
    with pytest.raises(ImproperlyConfigured, match="governance app must be installed"):
        door.audit_record(user=None, action="x", obj=None)
