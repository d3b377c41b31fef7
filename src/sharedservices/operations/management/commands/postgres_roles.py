"""``manage.py postgres_roles --owner OWNER --app APP``: the production roles on
PostgreSQL (``operations/dbroles.py``). Run as a superuser (``DATABASE_URL``), after
``migrate``; passwords from ``DB_OWNER_PASSWORD`` and ``DB_APP_PASSWORD`` if set."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from sharedservices.operations.dbroles import apply_roles


class Command(BaseCommand):
    help = "Create the table-owner and application roles on PostgreSQL and grant them."

    def add_arguments(self, parser):
        parser.add_argument("--owner", required=True, help="The role that owns the tables.")
        parser.add_argument("--app", required=True, help="The role the application uses.")

    def handle(self, *args, owner: str, app: str, **options):
        if connection.vendor != "postgresql":
            raise CommandError("postgres_roles is for PostgreSQL (DATABASE_URL names SQLite)")
        if owner == app:
            raise CommandError("The owner and the application must be two roles")
        passwords = {
            owner: os.environ.get("DB_OWNER_PASSWORD", ""),
            app: os.environ.get("DB_APP_PASSWORD", ""),
        }
        with transaction.atomic(), connection.cursor() as cursor:
            apply_roles(cursor.cursor, owner=owner, app=app, passwords=passwords)
        self.stdout.write(
            f"{owner} owns the tables; {app} may read and write rows and nothing more"
            " (on the audit trail: read and add)."
        )
