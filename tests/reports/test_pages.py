"""The Reports tab, the report page and its downloads: who may see what."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from sharedservices.accounts.models import User
from sharedservices.accounts.roles import Role
from sharedservices.reports.models import PublishedReport, Report
from tests.known import LANCASTER, PRESTON

pytestmark = pytest.mark.django_db
WYRE = "E07000128"


@pytest.fixture
def lancaster_client(demo_reports):
    client = Client()
    client.force_login(User.objects.get(email="officer@lancaster.demo.example.org"))
    return client


@pytest.fixture
def outsider(demo_reports, make_user):
    client = Client()
    client.force_login(make_user(WYRE, Role.OFFICER))
    return client


def _base(case, code=LANCASTER, meeting="executive"):
    return f"/cases/{case.pk}/reports/{code}/{meeting}/"


def test_the_tab_shows_each_council_and_meeting_with_its_state(lancaster_client, demo_reports):
    page = lancaster_client.get(f"/cases/{demo_reports.pk}/reports/").content.decode()
    assert page.count("data-report=") == 4  # two councils, scrutiny and executive
    assert "Published (version 1)" in page
    assert "Committee reports" in page
    preston = lancaster_client.get(_base(demo_reports, PRESTON)).content.decode()
    assert "draft section" in preston and "DRAFT, to be completed" in preston


def test_the_report_page_previews_and_shows_the_sha256(lancaster_client, demo_reports):
    published = PublishedReport.objects.get(council_id=LANCASTER)
    page = lancaster_client.get(_base(demo_reports)).content.decode()
    assert published.sha256["public.pdf"] in page and published.sha256["private.docx"] in page
    assert "Revenues Manager (RB-001)" in page  # private edition for the case's councils
    public = lancaster_client.get(_base(demo_reports) + "?edition=public").content.decode()
    assert "RB-001" not in public and "paragraph 4 of Part 1 of Schedule 12A" in public


def test_a_non_partner_gets_404_for_the_private_draft(outsider, demo_reports):
    for url in (
        _base(demo_reports, PRESTON),
        _base(demo_reports, PRESTON) + "download/?edition=private&format=pdf",
        _base(demo_reports, PRESTON) + "download/?edition=private&format=docx",
        f"/cases/{demo_reports.pk}/reports/",
    ):
        assert outsider.get(url).status_code == 404, url


def test_the_public_edition_of_a_published_report_is_public(demo_reports, outsider):
    published = PublishedReport.objects.get(council_id=LANCASTER)
    url = f"/reports/published/{published.pk}/"
    anonymous = Client()
    response = anonymous.get(url + "?edition=public&format=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert bytes(response.content) == bytes(published.public_pdf)
    assert anonymous.get(url + "?edition=private&format=pdf").status_code == 404
    assert outsider.get(url + "?edition=private&format=docx").status_code == 404
    assert anonymous.get(url + "?edition=public&format=exe").status_code == 404
    preston = Client()
    preston.force_login(User.objects.get(email="officer@preston.demo.example.org"))
    private = preston.get(url + "?edition=private&format=docx")
    assert private.status_code == 200 and bytes(private.content) == bytes(published.private_docx)


def test_listed_on_the_council_s_public_forward_plan(demo_reports):
    page = Client().get(f"/forward-plan/{LANCASTER}/").content.decode()
    published = PublishedReport.objects.get(council_id=LANCASTER)
    assert "Published committee reports" in page
    assert f"/reports/published/{published.pk}/?edition=public&amp;format=pdf" in page
    assert (
        "has published no committee reports"
        in Client().get(f"/forward-plan/{PRESTON}/").content.decode()
    )


def test_only_the_council_s_own_officers_prepare_its_report(lancaster_client, demo_reports):
    preston_report = _base(demo_reports, PRESTON)
    assert lancaster_client.get(preston_report + "details/").status_code == 403
    assert lancaster_client.post(preston_report + "publish/").status_code == 403
    assert lancaster_client.get(preston_report + "publish/").status_code == 405


def test_hostile_text_is_escaped_everywhere(lancaster_client, demo_reports, tmp_path):
    url = _base(demo_reports, LANCASTER, "scrutiny")
    payload = "<script>alert(1)</script>"
    form = lancaster_client.get(url + "details/").content.decode()
    revision = re.search(r'name="revision" value="(\d+)"', form).group(1)
    response = lancaster_client.post(
        url + "details/",
        {"report_of": payload, "wards": "All", "conclusions": payload, "revision": revision},
    )
    assert response.status_code == 302
    page = lancaster_client.get(url).content.decode()
    assert payload not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    pdf = lancaster_client.get(url + "download/?edition=public&format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    bad = lancaster_client.post(url + "details/", {"contact_email": "not an address"})
    assert bad.status_code == 200 and "govuk-error-summary" in bad.content.decode()
    assert lancaster_client.get(url + "implications/not-a-kind/").status_code == 404
    assert (
        lancaster_client.get(f"/cases/{demo_reports.pk}/reports/{LANCASTER}/cabinet/").status_code
        == 404
    )


def test_signing_off_records_who_in_which_post_and_when(demo_reports):
    url = _base(demo_reports, LANCASTER, "scrutiny")
    s151 = Client()
    s151.force_login(User.objects.get(email="s151-officer@lancaster.demo.example.org"))
    response = s151.post(
        url + "implications/financial/",
        {
            "text": "Costs are in section 5.",
            "officer_comments": "Agreed.",
            "sign_off": "on",
            "revision": "0",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get(case=demo_reports, council_id=LANCASTER, meeting="scrutiny")
    implication = report.implications.get(kind="financial")
    assert implication.signed_off_role == "Chief finance officer (section 151 officer)"
    assert implication.signed_off_by == "Demo chief finance officer, Lancaster"
    assert implication.is_signed and implication.signed_off_at
    page = s151.get(url).content.decode()
    assert "Signed off by" in page and "Comments of the section 151 officer: Agreed." in page
    missing = s151.post(
        url + "implications/legal/", {"text": "", "sign_off": "on", "revision": "0"}
    )
    assert missing.status_code == 200 and report.implications.count() == 1


def test_the_public_list_of_published_reports(client, demo_reports):
    # Anyone, signed in or not, finds the published papers from the footer.
    home = client.get("/").content.decode()
    assert 'href="/reports/published/">Published reports</a>' in home
    html = client.get("/reports/published/").content.decode()
    published = PublishedReport.objects.get()
    assert published.council_id == LANCASTER and published.title in html
    assert f"/reports/published/{published.pk}/?edition=public&amp;format=pdf" in html
    assert "edition=private" not in html
    assert "Preston" not in html  # its report is a draft
    for junk in ("abc", "<script>", "9" * 30):
        assert client.get("/reports/published/", {"page": junk}).status_code == 200
    pdf = client.get(f"/reports/published/{published.pk}/", {"edition": "public", "format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
