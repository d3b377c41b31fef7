"""``python manage.py load_councils``: build councils from ONS data; idempotent."""

from django.core.management.base import BaseCommand, CommandError

from sharedservices.councils.loading import CouncilDataError, load_councils


class Command(BaseCommand):
    help = "Build councils, successors, neighbours and boundaries from ONS open data (idempotent)."

    def handle(self, *args, **options):
        try:
            report = load_councils()
        except CouncilDataError as exc:
            raise CommandError(
                "Council data is inconsistent; nothing was written:\n" + str(exc)
            ) from exc
        self.stdout.write(
            f"Councils: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged; {report.links_changed} links changed."
        )
