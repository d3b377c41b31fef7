"""The Lancaster–Preston demo case, with its reports: the reports' own fixtures.

The demo's reports take seconds to build (a published report is rendered to PDF), so a
module builds them once, inside a transaction rolled back at its end; each test still
runs in its own savepoint, so what one test changes the next never sees."""

from __future__ import annotations

import pytest
from django.db import transaction

from sharedservices.accounts.demo import load_demo_users
from sharedservices.cases.demo import load_demo_cases
from sharedservices.cases.models import BusinessCase
from sharedservices.reports.models import Meeting, Report
from tests.known import LANCASTER


@pytest.fixture
def demo_case(db):
    """The demo case alone, built for the one test (no reports yet)."""
    load_demo_users()
    load_demo_cases()
    return BusinessCase.objects.get(lead_council_id=LANCASTER, is_demo=True)


@pytest.fixture(scope="module")
def _demo_reports_world(django_db_setup, django_db_blocker):
    from sharedservices.reports.demo import load_demo_reports

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_users()
        load_demo_cases()
        load_demo_reports()
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
