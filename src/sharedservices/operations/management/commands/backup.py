"""``python manage.py backup --output FILE``: the whole database and its manifest in one file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sharedservices.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump or SQLite's backup API) with a manifest per table."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="The backup file to write.")
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, output, database, **options):
        try:
            result = backup(output, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up {result.tables} tables, {result.rows:,} rows, to {result.path}"
        )
