"""SQLite's ``INSERT OR REPLACE`` (and ``REPLACE``) deletes a row with the same id and
inserts its own, without firing the DELETE trigger (SQLite runs no delete triggers for
a REPLACE unless recursive triggers are on): an existing audit event could be
rewritten. A trigger before every INSERT refuses one that names an id already there.

On PostgreSQL there is no REPLACE (``INSERT ... ON CONFLICT DO UPDATE`` is an UPDATE,
which the append-only trigger refuses); the application's role owning nothing keeps it
from disabling the triggers (README: production set-up).
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER governance_auditevent_no_replace BEFORE INSERT ON governance_auditevent
       WHEN EXISTS (SELECT 1 FROM governance_auditevent WHERE id = NEW.id)
       BEGIN SELECT RAISE(ABORT, 'governance_auditevent is append-only: REPLACE refused'); END"""
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS governance_auditevent_no_replace"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("governance", "0005_partner_changes")]
    operations = [migrations.RunPython(forwards, backwards)]
