"""``python manage.py apply_reorganisations``: on and after vesting day, move live
arrangements, benefits indicators and open cases to the successor councils (idempotent;
daily in the beat)."""

from django.core.management.base import BaseCommand

from sharedservices.vesting.services import apply_reorganisations


class Command(BaseCommand):
    help = "Move records of councils abolished by a reorganisation to their successors."

    def handle(self, *args, **options):
        report = apply_reorganisations()
        self.stdout.write(
            f"Reorganisations in force: {report.reorganisations}; moved: "
            f"{report.arrangements} arrangements, {report.indicators} indicators, "
            f"{report.cases} cases."
        )
