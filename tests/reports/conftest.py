"""The Lancaster–Preston demo case, with its reports: the reports' own fixtures.

The demo's reports take a while to build (a published report is rendered to PDF), so
they are built once for the whole run and loaded by each module, inside a transaction
rolled back at its end; each test still runs in its own savepoint, so what one test
changes the next never sees."""

from __future__ import annotations

import pytest
from django.db import transaction

from sharedservices.accounts.demo import load_demo_users
from sharedservices.cases.demo import load_demo_cases
from sharedservices.cases.models import BusinessCase
from sharedservices.reports.models import Meeting, Report
from tests.known import LANCASTER
from tests.shared_demo import shared_rows


@pytest.fixture
def demo_case(db):
    """The demo case alone, built for the one test (no reports yet)."""
    load_demo_users()
    load_demo_cases()
    return BusinessCase.objects.get(lead_council_id=LANCASTER, is_demo=True)


def _build_demo_reports() -> None:
    from sharedservices.reports.demo import load_demo_reports

    load_demo_users()
    load_demo_cases()
    load_demo_reports()


@pytest.fixture(scope="module")
def _demo_reports_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the whole run (``tests/shared_demo.py``: the first module to ask
    builds it and keeps its rows; every later module, in any worker, loads them)."""
    with django_db_blocker.unblock(), transaction.atomic():
        shared_rows(tmp_path_factory, "demo-reports", _build_demo_reports)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_reports(_demo_reports_world, db):
    """The demo's reports: Lancaster's cabinet report published, Preston's in draft."""
    return BusinessCase.objects.get(lead_council_id=LANCASTER, is_demo=True)


@pytest.fixture
def lancaster_report(demo_case):
    report, _ = Report.objects.get_or_create(
        case=demo_case, council_id=LANCASTER, meeting=Meeting.EXECUTIVE
    )
    return report
