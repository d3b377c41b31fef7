"""The Lancaster–Preston demo case, with its reports: the reports' own fixtures."""

from __future__ import annotations

import pytest

from sharedservices.accounts.demo import load_demo_users
from sharedservices.cases.demo import load_demo_cases
from sharedservices.cases.models import BusinessCase
from sharedservices.reports.models import Meeting, Report
from tests.known import LANCASTER, PRESTON


@pytest.fixture
def demo_case(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo_users()
    load_demo_cases()
    return BusinessCase.objects.get(lead_council_id=LANCASTER, is_demo=True)


@pytest.fixture
def demo_reports(demo_case):
    """The demo's reports: Lancaster's cabinet report published, Preston's in draft."""
    from sharedservices.reports.demo import load_demo_reports

    load_demo_reports()
    return demo_case


@pytest.fixture
def lancaster_report(demo_case):
    report, _ = Report.objects.get_or_create(
        case=demo_case, council_id=LANCASTER, meeting=Meeting.EXECUTIVE
    )
    return report


@pytest.fixture
def preston_report(demo_case):
    report, _ = Report.objects.get_or_create(
        case=demo_case, council_id=PRESTON, meeting=Meeting.EXECUTIVE
    )
    return report
