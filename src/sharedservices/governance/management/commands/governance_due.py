"""``python manage.py governance_due``: apply what falls due today (councils whose notice
of withdrawal has run out leave their arrangements). Run daily (cron or Celery beat)."""

from django.core.management.base import BaseCommand

from sharedservices.governance.services import withdrawals_apply_due


class Command(BaseCommand):
    help = "Apply withdrawals whose leaving date has come."

    def handle(self, *args, **options):
        applied = withdrawals_apply_due()
        self.stdout.write(f"{applied} withdrawal{'s' if applied != 1 else ''} applied.")
