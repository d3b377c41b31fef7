"""Benchmark: the Benefits page of an arrangement with 10 partners, 20 monthly indicators
and five years of figures (12,000 actuals), and an import of 10,000 rows of figures.

Targets (issue 18): the page renders in under 300 ms; the import takes under 10 s on
SQLite and on PostgreSQL. Prints the median page time (wall and CPU) and query count for
the page as it opens (the latest financial year) and with every period, the dashboard,
the API, and the import's time (a dry run, then the real one).

Builds its own throw-away database (SQLite in a temporary folder, or a fresh PostgreSQL
test database when DATABASE_URL names one) with the real ``load_councils``.

    GEOGRAPHY_CACHE_DIR=... uv run python bench/bench_benefits.py [--runs 7]
    DATABASE_URL=postgres://postgres@127.0.0.1:55433/benefits_bench GEOGRAPHY_CACHE_DIR=... \\
        uv run python bench/bench_benefits.py
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservices.settings")
os.environ.setdefault("SHAREDSERVICES_DATA_DIR", tempfile.mkdtemp(prefix="bench-benefits-"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PARTNERS = [
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
]


def months(first: datetime.date, n: int) -> list[str]:
    out, y, m = [], first.year, first.month
    for _ in range(n):
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def build(name: str, indicators: int, periods: list[str], *, with_actuals: bool, starts_on=None):
    from sharedservices.accounts.roles import Role
    from sharedservices.accounts.services import user_create
    from sharedservices.analysis.benefits import parse_period
    from sharedservices.benefits.models import Actual, Indicator, IndicatorBaseline
    from sharedservices.councils.models import Council
    from sharedservices.registry.models import Arrangement, ArrangementPartner, PartnerRole

    arrangement = Arrangement.objects.create(name=name, status="live", start_year=2018)
    for i, code in enumerate(PARTNERS):
        ArrangementPartner.objects.create(
            arrangement=arrangement,
            council_id=code,
            role=PartnerRole.LEAD if i == 0 else PartnerRole.PARTNER,
        )
    user = user_create(
        email=f"officer-{arrangement.pk}@example.org",
        full_name="Bench Officer",
        password="bench-password-long-enough",  # noqa: S106 (a throw-away database)
        council=Council.objects.get(pk=PARTNERS[0]),
        roles=[Role.OFFICER],
    )
    made = []
    for k in range(indicators):
        ind = Indicator.objects.create(
            arrangement=arrangement,
            name=f"Indicator {k + 1}",
            kind="cost" if k % 4 == 0 else "quality",
            unit="gbp" if k % 4 == 0 else "days",
            direction="lower",
            target=Decimal(100),
            tolerance=Decimal(10),
            frequency="monthly",
            owner="Head of Service",
            starts_on=starts_on or datetime.date(2018, 1, 1),
            measures_savings=k % 4 == 0,
            is_public=True,
        )
        ind.councils.set(PARTNERS)
        IndicatorBaseline.objects.bulk_create(
            IndicatorBaseline(indicator=ind, council_id=c, value=1300, as_at="2017-03-31")
            for c in PARTNERS
        )
        made.append(ind)
        if with_actuals:
            Actual.objects.bulk_create(
                [
                    Actual(
                        indicator=ind,
                        council_id=c,
                        period=p,
                        period_ends_on=parse_period(p).ends_on,
                        value=Decimal(80 + (i * 7 + j * 3) % 50),
                    )
                    for i, c in enumerate(PARTNERS)
                    for j, p in enumerate(periods)
                ],
                batch_size=2000,
            )
    return arrangement, user, made


def measure(client, url: str, runs: int) -> tuple[float, float, int]:
    """Median wall time, median CPU time of this process (the page's own work: SQLite
    runs in the process; on a shared machine the wall time also counts waiting for a
    core), and the query count."""
    times, cpu = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), statistics.median(cpu), len(queries)


def main() -> None:
    from sharedservices.benefits.importing import import_actuals
    from sharedservices.benefits.models import Actual

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_councils", verbosity=0)
        print(f"database: {connection.vendor}")
        # The last 60 months whose returns are due: every return in, none overdue.
        from sharedservices.analysis.benefits import due_periods

        due = due_periods("monthly", datetime.date(2015, 1, 1), datetime.date.today(), 30)
        five_years = [str(p) for p in due[-60:]]
        arrangement, user, _ = build(
            "Bench page", 20, five_years, with_actuals=True, starts_on=due[-60].starts_on
        )
        shown = Actual.objects.filter(indicator__arrangement=arrangement).count()
        print(f"actuals on the page: {shown}")
        client = Client()
        client.force_login(user)
        print(f"load average: {os.getloadavg()[0]:.1f}")
        for label, url in [
            ("benefits page (latest year)", f"/register/{arrangement.pk}/benefits/"),
            ("benefits page, every period", f"/register/{arrangement.pk}/benefits/?year=all"),
            ("dashboard", "/dashboard/"),
            (
                "GET /api/v1/arrangements/{id}/benefits",
                f"/api/v1/arrangements/{arrangement.pk}/benefits",
            ),
        ]:
            ms, cpu, queries = measure(client, url, args.runs)
            flag = "ok" if ms < 300 else "SLOW"
            print(f"{label:<42} {ms:>8.1f} ms (CPU {cpu:>6.1f} ms) {queries:>4} queries  {flag}")

        target, _, indicators = build("Bench import", 10, [], with_actuals=False)
        periods = months(datetime.date(2018, 1, 1), 100)
        lines = ["arrangement,indicator,council,period,value,note"]
        for ind in indicators:
            for code in PARTNERS:
                for j, p in enumerate(periods):
                    lines.append(f"{target.pk},{ind.name},{code},{p},{90 + j % 20},")
        content = ("\n".join(lines) + "\n").encode()
        for dry_run in (True, False):
            start = time.perf_counter()
            result = import_actuals(content, dry_run=dry_run)
            seconds = time.perf_counter() - start
            assert result.ok, result.errors[:3]
            flag = "ok" if seconds < 10 else "SLOW"
            what = "dry run" if dry_run else "import"
            print(f"{what} of {result.rows} rows{'':<23} {seconds:>8.2f} s  {flag}")
        assert Actual.objects.filter(indicator__arrangement=target).count() == 10_000
        print("Targets: the page under 300 ms; 10,000 rows imported in under 10 s.")
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


if __name__ == "__main__":
    main()
