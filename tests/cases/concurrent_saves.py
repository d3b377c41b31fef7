"""Run by ``test_concurrent_saves_on_sqlite.py`` in a process of its own, on a SQLite file
named by ``DATABASE_URL``: 8 officers save one case section at the same moment through
the whole web stack. Prints one JSON line: the status of every save, and the section's
revision after them."""

from __future__ import annotations

import json
import os
import sys
import threading

import django

SAVERS = 8


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservices.settings")
    django.setup()
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's hosts, and no real e-mail
    # Tables straight from the models: the migrations' history is not under test here.
    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0)

    from sharedservices.accounts.roles import Role
    from sharedservices.accounts.services import user_create
    from sharedservices.cases import services
    from sharedservices.cases.models import CaseSection
    from sharedservices.councils.models import Council, CouncilKind, Nation

    # One council is all a case needs; the whole country would only slow the set-up.
    lancaster = Council.objects.create(
        code="E07000121",
        name="Lancaster",
        kind=CouncilKind.DISTRICT,
        nation=Nation.ENGLAND,
        source="test",
    )
    officers = [
        user_create(
            email=f"officer{n}@lancaster.example.org",
            password=None,
            full_name=f"Officer {n}",
            council=lancaster,
            roles=[Role.OFFICER],
        )
        for n in range(SAVERS)
    ]
    case = services.case_create(user=officers[0], title="Shared ICT", stage="obc", start_year=2026)
    section = CaseSection.objects.get(case=case, part="strategic")
    url = f"/cases/{case.pk}/sections/strategic/"
    clients = []
    for officer in officers:
        client = Client(raise_request_exception=False)
        client.force_login(officer)
        clients.append(client)
    connections.close_all()
    start = threading.Barrier(SAVERS)
    statuses: list[int] = []

    def save(n: int) -> None:
        start.wait(timeout=30)
        body = {"body": f"The case for change, by officer {n}.", "revision": section.revision}
        statuses.append(clients[n].post(url, body).status_code)
        connections.close_all()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(SAVERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    section.refresh_from_db()
    print(json.dumps({"statuses": sorted(statuses), "revision": section.revision}))


if __name__ == "__main__":
    sys.exit(main())
