"""A council's own Word template (a corrupt one is refused, the one in use kept), and the
``render_report`` command."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from docx import Document

from sharedservices.accounts.models import User
from sharedservices.reports.models import CouncilTemplate
from tests.known import LANCASTER, PRESTON
from tests.reports.readback import docx_text

pytestmark = pytest.mark.django_db


def _template(letterhead: str) -> bytes:
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = letterhead
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_council_template_is_used_and_a_corrupt_one_refused(demo_reports, client):
    client.force_login(User.objects.get(email="officer@lancaster.demo.example.org"))
    url = f"/reports/templates/{LANCASTER}/"
    good = SimpleUploadedFile("lancaster.docx", _template("Lancaster City Council letterhead"))
    assert client.post(url, {"file": good}).status_code == 302
    kept = bytes(CouncilTemplate.objects.get(council_id=LANCASTER).docx)
    for bad in (b"PK\x03\x04 not really a zip", b"%PDF-1.7 a pdf", b""):
        response = client.post(url, {"file": SimpleUploadedFile("bad.docx", bad)})
        page = response.content.decode()
        assert response.status_code == 200 and "govuk-error-summary" in page or "error" in page
        assert bytes(CouncilTemplate.objects.get(council_id=LANCASTER).docx) == kept
    corrupt = client.post(url, {"file": SimpleUploadedFile("bad.docx", b"PK\x03\x04 junk")})
    assert "not a Word document that can be opened" in corrupt.content.decode()
    draft = client.get(
        f"/cases/{demo_reports.pk}/reports/{LANCASTER}/executive/download/?edition=public&format=docx"
    )
    read = docx_text(draft.content)
    assert read["doc"].styles["Heading 1"] is not None
    assert any(p.style.name == "Heading 1" for p in read["doc"].paragraphs)
    # Another council's template page is not there for Lancaster's officer.
    assert client.get(f"/reports/templates/{PRESTON}/").status_code == 404


def test_render_report_command(demo_reports, tmp_path):
    out = tmp_path / "report.docx"
    call_command(
        "render_report",
        str(demo_reports.pk),
        "--council",
        LANCASTER,
        "--meeting",
        "executive",
        "--format",
        "docx",
        "--public",
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    body = docx_text(out.read_bytes())["body"]
    assert "RB-001" not in body and "paragraph 4 of Part 1 of Schedule 12A" in body
    pdf = tmp_path / "report.pdf"
    call_command(
        "render_report",
        str(demo_reports.pk),
        "--council",
        LANCASTER,
        "--meeting",
        "executive",
        "--format",
        "pdf",
        "--output",
        str(pdf),
        stdout=io.StringIO(),
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="not one of the case's councils"):
        call_command(
            "render_report",
            str(demo_reports.pk),
            "--council",
            "E07000128",
            "--meeting",
            "executive",
            "--format",
            "pdf",
            "--output",
            str(pdf),
        )
