"""A report is published only when it is finished: no draft section or placeholder, no
unsigned implication, a key-decision route that meets the 28 clear days rule. No
override. The published version records who signed what and when, and the route."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from sharedservices.accounts.models import User
from sharedservices.base.revisions import UNCHECKED
from sharedservices.reports import services
from sharedservices.reports.models import PublishedReport, Report
from sharedservices.reports.publication import ReportNotFinished
from tests.known import LANCASTER, PRESTON

pytestmark = pytest.mark.django_db


def _user(email):
    return User.objects.get(email=email)


def _report(case, code):
    return Report.objects.get(case=case, council_id=code, meeting="executive")


def _refusal(report, user):
    with pytest.raises(ReportNotFinished) as refused:
        services.report_publish(report=report, user=user)
    return [str(u) for u in refused.value.unfinished]


def test_a_report_with_drafts_and_unsigned_implications_is_refused(demo_reports):
    report = _report(demo_reports, PRESTON)
    officer = _user("officer@preston.demo.example.org")
    listed = _refusal(report, officer)
    assert "Financial implications: not signed off by the section 151 officer" in listed
    assert "Legal implications: not written or signed off by the monitoring officer" in listed
    assert any(line.startswith("Conclusions: draft:") for line in listed), listed
    assert not PublishedReport.objects.filter(report=report).exists()


def test_a_section_reading_draft_to_be_completed_is_refused(demo_reports):
    report = _report(demo_reports, LANCASTER)
    officer = _user("officer@lancaster.demo.example.org")
    report.conclusions = "DRAFT, to be completed"
    services.report_details_save(report=report, user=officer, expected_revision=UNCHECKED)
    listed = _refusal(report, officer)
    assert listed == ["Conclusions: reads as a draft placeholder"]
    assert PublishedReport.objects.filter(report=report).count() == 1  # the earlier version


def test_the_page_refuses_and_lists_each_thing_to_finish(demo_reports):
    report = _report(demo_reports, PRESTON)
    client = Client()
    client.force_login(_user("officer@preston.demo.example.org"))
    url = f"/cases/{demo_reports.pk}/reports/{PRESTON}/executive/"
    page = client.post(url + "publish/", follow=True).content.decode()
    assert "Not published:" in page
    assert "Financial implications: not signed off by the section 151 officer" in page
    assert not PublishedReport.objects.filter(report=report).exists()


def test_a_voided_sign_off_stops_publishing_again(demo_reports):
    report = _report(demo_reports, LANCASTER)
    officer = _user("officer@lancaster.demo.example.org")
    financial = report.implications.get(kind="financial")
    services.implication_save(
        report=report,
        user=officer,
        kind="financial",
        text=financial.text + " Figures revised.",
        officer_comments=financial.officer_comments,
    )
    assert _refusal(report, officer) == [
        "Financial implications: not signed off by the section 151 officer"
    ]
    services.implication_save(
        report=report,
        user=_user("s151-officer@lancaster.demo.example.org"),
        kind="financial",
        text=financial.text + " Figures revised.",
        officer_comments=financial.officer_comments,
        sign_off=True,
    )
    assert services.report_publish(report=report, user=officer).number == 2


def test_the_published_version_records_who_signed_what_and_the_route(demo_reports):
    published = PublishedReport.objects.get(council_id=LANCASTER)
    by_kind = {s["implication"]: s for s in published.sign_offs}
    assert len(by_kind) == 12
    assert by_kind["financial"]["signed_off_by"] == "Demo chief finance officer, Lancaster"
    assert by_kind["financial"]["capacity"] == "Chief finance officer (section 151 officer)"
    assert by_kind["legal"]["capacity"] == "Monitoring officer"
    assert by_kind["legal"]["signed_off_at"] and len(by_kind["legal"]["sha256"]) == 64
    assert published.key_decision.startswith("Yes: forward plan entry published")
    assert published.key_decision.endswith("(28 clear days' notice)")


def test_short_notice_needs_an_exception_route_with_its_reason(demo_reports):
    report = _report(demo_reports, LANCASTER)
    officer = _user("officer@lancaster.demo.example.org")
    report.meeting_date = datetime.date.today() + datetime.timedelta(days=10)
    services.report_details_save(report=report, user=officer, expected_revision=UNCHECKED)
    (line,) = _refusal(report, officer)
    assert line.startswith("Front sheet: The forward plan entry gives less than 28 clear days")
    report.exception_route = "special-urgency"
    report.exception_reason = "The system supplier's price holds only until <b>March</b>."
    services.report_details_save(report=report, user=officer, expected_revision=UNCHECKED)
    published = services.report_publish(report=report, user=officer)
    assert published.key_decision == (
        "Yes: taken under special urgency (regulation 11) of the 2012 regulations:"
        " The system supplier's price holds only until <b>March</b>."
    )
    client = Client()
    client.force_login(officer)
    page = client.get(f"/cases/{demo_reports.pk}/reports/{LANCASTER}/executive/").content.decode()
    assert "<b>March</b>" not in page and "&lt;b&gt;March&lt;/b&gt;" in page


def test_a_route_without_its_reason_is_refused_by_the_form(demo_reports):
    client = Client()
    client.force_login(_user("officer@lancaster.demo.example.org"))
    url = f"/cases/{demo_reports.pk}/reports/{LANCASTER}/executive/details/"
    report = _report(demo_reports, LANCASTER)
    response = client.post(
        url,
        {"wards": "All", "exception_route": "general-exception", "revision": report.revision},
    )
    assert (
        response.status_code == 200 and "Give the reason for the route" in response.content.decode()
    )
    response = client.post(
        url, {"wards": "All", "exception_route": "by-decree", "revision": report.revision}
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
