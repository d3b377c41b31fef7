"""``python manage.py load_register [--check] [--file FILE]``: load the curated register
of real shared-service arrangements (``registry/data/arrangements.csv``), or with
``--check`` only say what is wrong with the file. Safe to run again: a second run with
the same file changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from sharedservices.registry.curated import (
    CURATED_FILE,
    CuratedFileError,
    check_curated,
    load_curated,
)


class Command(BaseCommand):
    help = "Load the curated register of real arrangements, each with its source."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Validate the file; write nothing."
        )
        parser.add_argument("--file", default=str(CURATED_FILE), help="The curated CSV file.")

    def handle(self, *args, check=False, file=None, **options):
        if check:
            result = check_curated(file)
            if result.errors:
                raise CommandError(
                    f"{len(result.errors)} problem(s) in {file}:\n"
                    + "\n".join(str(e) for e in result.errors)
                )
            self.stdout.write(f"{len(result.rows)} curated arrangements: all good.")
            return
        try:
            result = load_curated(file)
        except CuratedFileError as e:
            raise CommandError(f"Nothing loaded; the file has problems:\n{e}") from None
        self.stdout.write(
            f"Register: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.removed} removed (curated records)."
        )
