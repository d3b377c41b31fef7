"""The audit trail is append-only in the database itself: UPDATE and DELETE on
``governance_auditevent`` are refused by triggers, on PostgreSQL and on SQLite.

(TRUNCATE is a table owner's operation, used by test flushes and restores, never by
the application; the production database role should not own the tables.)
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER governance_auditevent_no_update BEFORE UPDATE ON governance_auditevent
       BEGIN SELECT RAISE(ABORT, 'governance_auditevent is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER governance_auditevent_no_delete BEFORE DELETE ON governance_auditevent
       BEGIN SELECT RAISE(ABORT, 'governance_auditevent is append-only: DELETE refused'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS governance_auditevent_no_update",
    "DROP TRIGGER IF EXISTS governance_auditevent_no_delete",
]
POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION governance_auditevent_append_only() RETURNS trigger AS $$
       BEGIN
         RAISE EXCEPTION USING
           MESSAGE = 'governance_auditevent is append-only: ' || TG_OP || ' refused',
           ERRCODE = 'insufficient_privilege';
       END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER governance_auditevent_append_only
       BEFORE UPDATE OR DELETE ON governance_auditevent
       FOR EACH ROW EXECUTE FUNCTION governance_auditevent_append_only()""",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS governance_auditevent_append_only ON governance_auditevent",
    "DROP FUNCTION IF EXISTS governance_auditevent_append_only()",
]
BY_VENDOR = {"sqlite": (SQLITE, SQLITE_DROP), "postgresql": (POSTGRESQL, POSTGRESQL_DROP)}


def _run(schema_editor, index: int) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in BY_VENDOR:
        raise RuntimeError(f"No append-only triggers written for {vendor}")
    for statement in BY_VENDOR[vendor][index]:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    _run(schema_editor, 0)


def backwards(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
