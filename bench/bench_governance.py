"""Benchmark: a case with 10 partner councils and 500 audit events.

Target (issue 15): the case's governance page and its audit timeline render in under
300 ms, with a query count that does not grow with the number of partners. Prints the
median time and query count of each page, for 2 and for 10 partner councils.

Builds its own throw-away database (SQLite in a temporary folder, or a fresh PostgreSQL
test database when DATABASE_URL names one) with the real ``load_councils``.

    GEOGRAPHY_CACHE_DIR=... uv run python bench/bench_governance.py [--runs 7]
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservices.settings")
os.environ.setdefault("SHAREDSERVICES_DATA_DIR", tempfile.mkdtemp(prefix="bench-gov-"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

LANCASHIRE = [
    "E07000121",
    "E07000123",
    "E07000126",
    "E07000118",
    "E07000127",
    "E07000117",
    "E07000119",
    "E07000120",
    "E07000122",
    "E07000124",
    "E07000125",
    "E07000128",
]


def build(partners: int, events: int):
    from sharedservices.accounts.roles import Role
    from sharedservices.accounts.services import user_create
    from sharedservices.cases import services as case_services
    from sharedservices.councils.models import Council
    from sharedservices.governance.audit import audit_record
    from sharedservices.governance.models import (
        AuditEvent,
        CaseGovernance,
        CaseState,
        Decision,
        ScrutinyRecord,
    )

    councils = list(Council.objects.filter(pk__in=LANCASHIRE[: partners + 1]))
    lead = next(c for c in councils if c.pk == LANCASHIRE[0])
    director = user_create(
        email=f"director{partners}@bench.example.org",
        full_name="Bench director",
        password=None,
        council=lead,
        roles=[Role.DIRECTOR],
    )
    case = case_services.case_create(
        user=director,
        title=f"Bench case with {partners} partners",
        partner_councils=[c for c in councils if c.pk != lead.pk],
        monte_carlo_iterations=0,
    )
    CaseGovernance.objects.create(case=case, state=CaseState.CALL_IN)
    day = datetime.date.today() - datetime.timedelta(days=30)
    for c in councils:
        ScrutinyRecord.objects.create(
            case=case, council=c, recommendation="support", met_on=day, findings="Fine"
        )
        Decision.objects.create(
            case=case,
            council=c,
            decision="approve",
            decided_on=day,
            published_on=day,
            minute_reference="M/1",
            key_decision=True,
            call_in_ends_on=day,
        )
    already = AuditEvent.objects.filter(case=case).count()  # the case's own saves
    for i in range(events - already):
        audit_record(
            user=director,
            action="bench.write",
            obj=case,
            before={"i": i},
            after={"i": i + 1},
            case=case,
        )
    return case, director


def measure(client, url: str, runs: int) -> tuple[float, int]:
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_councils", verbosity=0)
        print(f"{'page':<38} {'partners':>8} {'median ms':>10} {'queries':>8}")
        for partners in (2, 10):
            case, director = build(partners, 500)
            client = Client()
            client.force_login(director)
            for name, url in [
                ("governance page", f"/cases/{case.pk}/governance/"),
                ("audit timeline page", f"/cases/{case.pk}/governance/timeline/"),
                ("GET /api/v1/cases/{id}", f"/api/v1/cases/{case.pk}"),
                ("GET /api/v1/cases/{id}/audit", f"/api/v1/cases/{case.pk}/audit"),
            ]:
                ms, queries = measure(client, url, args.runs)
                flag = "ok" if ms < 300 else "SLOW"
                print(f"{name:<38} {partners:>8} {ms:>10.1f} {queries:>8}  {flag}")
        print("Target: under 300 ms each, the same query count for 2 and 10 partners.")
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
