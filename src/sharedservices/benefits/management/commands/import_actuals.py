"""``python manage.py import_actuals FILE [--dry-run]``: actuals from CSV, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sharedservices.benefits.importing import import_actuals


class Command(BaseCommand):
    help = (
        "Import actuals of indicators from a CSV file with columns arrangement, indicator, "
        "council, period, value, note; all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")

    def handle(self, *args, file: Path, dry_run=False, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        result = import_actuals(file, dry_run=dry_run)
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(result.errors)} error(s) in {result.rows} row(s); nothing was written."
            )
        if dry_run:
            self.stdout.write(f"{result.rows} row(s) are good; nothing written (dry run).")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Wrote {result.created + result.corrected} row(s): {result.created} new, "
                    f"{result.corrected} corrected."
                )
            )
