"""Publishing freezes a version: stored bytes and their SHA-256, an audit trail entry; an
edit afterwards makes a new version and never changes the published one."""

from __future__ import annotations

import hashlib

import pytest

from sharedservices.accounts.models import User
from sharedservices.base.revisions import UNCHECKED
from sharedservices.cases import services as case_services
from sharedservices.governance.models import AuditEvent
from sharedservices.reports import services
from sharedservices.reports.models import PublishedReport, Report
from sharedservices.reports.selectors import report_rows
from tests.known import LANCASTER

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(demo_reports):
    return User.objects.get(email="officer@lancaster.demo.example.org")


def test_a_published_version_is_unchanged_byte_for_byte_after_the_case_is_edited(
    demo_reports, officer, client
):
    first = PublishedReport.objects.get(council_id=LANCASTER)
    frozen = {
        f: bytes(getattr(first, f))
        for f in ("public_docx", "public_pdf", "private_docx", "private_pdf")
    }
    for field, data in frozen.items():
        name = field.replace("_", ".")
        assert first.sha256[name] == hashlib.sha256(data).hexdigest()
    case = demo_reports
    case.title = "Shared Revenues and Benefits service, retitled (demo)"
    case_services.case_update(case=case, user=officer, expected_revision=case.revision)
    case.refresh_from_db()
    first.refresh_from_db()
    assert {f: bytes(getattr(first, f)) for f in frozen} == frozen
    row = next(
        r for r in report_rows(case) if r.council.pk == LANCASTER and r.meeting == "executive"
    )
    assert row.changed and row.state == "Published (version 1), changed since"
    client.force_login(officer)
    page = client.get(f"/cases/{case.pk}/reports/{LANCASTER}/executive/").content.decode()
    assert "has changed since version 1 was published" in page
    second = services.report_publish(report=first.report, user=officer)
    assert second.number == 2 and second.title.startswith(
        "Shared Revenues and Benefits service, retitled"
    )
    assert second.sha256["public.pdf"] != first.sha256["public.pdf"]
    first.refresh_from_db()
    assert {f: bytes(getattr(first, f)) for f in frozen} == frozen
    event = AuditEvent.objects.filter(action="report.published", object_id=str(second.pk)).get()
    assert event.case_id == case.pk and event.after["sha256"] == second.sha256


def test_publishing_twice_with_nothing_changed_stores_one_version(demo_reports, officer, client):
    client.force_login(officer)
    report = Report.objects.get(case=demo_reports, council_id=LANCASTER, meeting="executive")
    report.wards = "All wards"  # a change, so the next publication is a new version
    services.report_details_save(report=report, user=officer, expected_revision=UNCHECKED)
    url = f"/cases/{demo_reports.pk}/reports/{LANCASTER}/executive/publish/"
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # a double click
    assert report.published.count() == 2  # the demo's version 1 and this one
    assert AuditEvent.objects.filter(action="report.published", case=demo_reports).count() == 2
