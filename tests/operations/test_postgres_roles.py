"""On PostgreSQL the application connects as a role that owns nothing
(``manage.py postgres_roles``): it reads and writes rows, adds audit events, and
cannot UPDATE, DELETE or TRUNCATE the audit trail, disable or drop its triggers, or
alter the table (issue 27, item 5). CI runs it on its PostgreSQL as the superuser
``postgres``, which makes the two roles here and removes them after."""

from __future__ import annotations

import os

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from sharedservices.base.audit import audit_record
from sharedservices.councils.models import Council
from tests.known import LANCASTER

# The roles must be committed for a second connection to see them: the test commits
# for real, and serialized_rollback loads the councils again after it (tests/conftest).
pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (CI runs it)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HOSTILE = {
    "UPDATE": "UPDATE governance_auditevent SET action = 'rewritten'",
    "DELETE": "DELETE FROM governance_auditevent",
    "TRUNCATE": "TRUNCATE governance_auditevent",
    "DISABLE TRIGGER": "ALTER TABLE governance_auditevent DISABLE TRIGGER ALL",
    "DROP TRIGGER": ("DROP TRIGGER governance_auditevent_append_only ON governance_auditevent"),
    "ALTER": "ALTER TABLE governance_auditevent ADD COLUMN forged text",
    "OWNER": "ALTER TABLE governance_auditevent OWNER TO CURRENT_USER",
}


@pytest.fixture
def roles():
    """The two roles on the test database (committed, so a second connection sees
    them), and a connection as the application's role."""
    suffix = os.getpid()
    owner, app = f"hub_owner_{suffix}", f"hub_app_{suffix}"
    call_command("postgres_roles", owner=owner, app=app)
    settings = connection.settings_dict
    conninfo = psycopg.conninfo.make_conninfo(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        dbname=settings["NAME"],
        user=app,
        password=os.environ.get("DB_APP_PASSWORD") or None,
    )
    with psycopg.connect(conninfo, autocommit=True) as as_app:
        yield as_app, owner, app
    with connection.cursor() as cursor:
        cursor.execute(f'REASSIGN OWNED BY "{owner}" TO CURRENT_USER')
        for role in (owner, app):
            cursor.execute(f'DROP OWNED BY "{role}"')
            cursor.execute(f'DROP ROLE "{role}"')


@pytest.mark.parametrize("what", sorted(HOSTILE))
def test_the_application_role_cannot_rewrite_history(roles, what):
    as_app, owner, app = roles
    event = audit_record(user=None, action="test.kept", obj=Council.objects.get(pk=LANCASTER))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        as_app.execute(HOSTILE[what])
    with connection.cursor() as cursor:
        cursor.execute("SELECT action FROM governance_auditevent WHERE id = %s", [event.pk])
        assert cursor.fetchone() == ("test.kept",)
        cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'governance_auditevent'")
        assert cursor.fetchone() == (owner,)


def test_the_application_role_still_does_its_work(roles):
    as_app, owner, app = roles
    as_app.execute(
        "INSERT INTO governance_auditevent"
        " (at, user_name, action, object_type, object_id, object_label, request_id)"
        " VALUES (now(), 'App', 'test.added', 'x.y', '1', '', '')"
    )
    as_app.execute("UPDATE councils_council SET name = name WHERE code = %s", [LANCASTER])
    rows = as_app.execute("SELECT count(*) FROM governance_auditevent WHERE action = 'test.added'")
    assert rows.fetchone() == (1,)
    owned = as_app.execute(
        "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner"
        " WHERE r.rolname = %s",
        [app],
    )
    assert owned.fetchone() == (0,)
