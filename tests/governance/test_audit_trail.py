"""The audit trail: what ``audit_record`` writes, and that the database itself refuses
to change or remove an event (on SQLite here, on PostgreSQL when DATABASE_URL names one:
CI runs both)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from sharedservices.accounts.roles import Role
from sharedservices.governance.audit import audit_record
from sharedservices.governance.models import AuditEvent, AuditEventImmutable

LANCASTER = "E07000121"


@pytest.fixture
def event(make_user, councils):
    user = make_user(LANCASTER, Role.DIRECTOR)
    council = councils[LANCASTER]
    return audit_record(
        user=user, action="test.write", obj=council, before={"a": 1}, after={"a": 2}
    )


def test_an_event_says_who_which_council_when_what_and_the_values(event):
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.user_name.startswith("Test User")
    assert stored.council_id == LANCASTER
    assert stored.at.utcoffset().total_seconds() == 0
    assert (stored.object_type, stored.object_id) == ("councils.council", LANCASTER)
    assert (stored.before, stored.after) == ({"a": 1}, {"a": 2})


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE governance_auditevent SET action = 'rewritten' WHERE id = %s",
        "DELETE FROM governance_auditevent WHERE id = %s",
    ],
)
def test_the_database_trigger_refuses_update_and_delete(event, sql):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.write"


def test_the_trigger_also_stops_the_orm_bulk_paths(event):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk, action="test.write").exists()


def test_the_model_refuses_a_second_save_before_the_database_has_to(event):
    event.action = "rewritten"
    with pytest.raises(AuditEventImmutable):
        event.save()
    with pytest.raises(AuditEventImmutable):
        event.delete()
