"""``python manage.py import_arrangements FILE [--dry-run]``: CSV or JSON, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sharedservices.registry.importing import import_arrangements


class Command(BaseCommand):
    help = (
        "Import arrangements from a CSV, JSON or Excel file (see docs/register.md); all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--format", choices=["csv", "json", "xlsx"], help="Default: from the name."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")

    def handle(self, *args, file: Path, format=None, dry_run=False, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        result = import_arrangements(file, fmt=format, dry_run=dry_run)
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(result.errors)} error(s) in {result.rows} row(s); nothing was imported."
            )
        if dry_run:
            self.stdout.write(f"{result.rows} row(s) are good; nothing written (dry run).")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported {result.created} arrangement(s); "
                    f"{result.organisations_created} new organisation(s)."
                )
            )
