"""SQLite's ``INSERT OR REPLACE`` rewrote an existing audit event (a review found it);
a trigger refuses an INSERT that names an id already there (issue 27, item 5)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from sharedservices.governance.models import AuditEvent
from tests.governance.test_audit_trail import event  # noqa: F401 (a fixture)

COLUMNS = "id, at, user_name, action, object_type, object_id, object_label, request_id"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="REPLACE is SQLite's")
@pytest.mark.parametrize("verb", ["INSERT OR REPLACE", "REPLACE"])
def test_replace_of_an_existing_event_is_refused(event, verb):  # noqa: F811
    sql = (
        f"{verb} INTO governance_auditevent ({COLUMNS}) "
        "VALUES (%s, '2020-01-01 00:00:00', 'Forger', 'forged', 'x.y', '1', '', '')"
    )
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.action, stored.user_name) == ("test.write", event.user_name)


def test_a_new_event_is_still_written(event):  # noqa: F811
    from sharedservices.base.audit import audit_record

    later = audit_record(user=None, action="test.second", obj=event)
    assert AuditEvent.objects.filter(pk__in=[event.pk, later.pk]).count() == 2
