"""``python manage.py benefits_due``: e-mail overdue returns, each once. Run daily (cron
or Celery beat), beside ``governance_due``."""

from django.core.management.base import BaseCommand

from sharedservices.benefits.overdue import overdue_notify


class Command(BaseCommand):
    help = "E-mail the councils whose benefits returns are overdue (each return once)."

    def handle(self, *args, **options):
        sent = overdue_notify()
        self.stdout.write(f"{sent} e-mail{'s' if sent != 1 else ''} sent about overdue returns.")
