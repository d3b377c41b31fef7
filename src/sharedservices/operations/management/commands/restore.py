"""``python manage.py restore FILE``: put a backup back and verify it against its manifest.

Exit status 1 (CommandError) when the file is damaged, is for another database
engine, or when any table's rows differ from the manifest after the restore.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sharedservices.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup`, replacing the database, and verify it."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file.")
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, file, database, **options):
        try:
            result = restore(file, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {result.tables} tables, {result.rows:,} rows; every table matches the"
            " backup's manifest."
        )
