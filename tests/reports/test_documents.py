"""The report as Word and as PDF, read back: the header fields, the headings, the options
table with every option's NPSV, the council's own share, and the exempt paragraph in the
private edition only."""

from __future__ import annotations

import re

import pytest

from sharedservices.analysis.money import format_pounds
from sharedservices.reports.content import edition
from sharedservices.reports.document import report_document
from sharedservices.reports.models import Report
from sharedservices.reports.render_docx import render_docx
from sharedservices.reports.render_html import render_pdf
from tests.known import LANCASTER
from tests.reports.readback import docx_text, pdf_images, pdf_info, pdf_pages

pytestmark = pytest.mark.django_db
NAMED_POST = "Revenues Manager (RB-001)"


@pytest.fixture
def report(demo_reports):
    return Report.objects.get(case=demo_reports, council_id=LANCASTER, meeting="executive")


def _npsvs(case):
    return {o["name"]: format_pounds(o["npsv"]) for o in case.appraisal["options"]}


def _share(case):
    net = next(p for p in case.agreement.result["partners"] if p["code"] == LANCASTER)["net"]
    return format_pounds(net)


def test_docx_holds_the_header_headings_options_share_and_structure(report):
    case = report.case
    private = docx_text(render_docx(edition(report_document(report), public=False)))
    public = docx_text(render_docx(edition(report_document(report), public=True)))
    front = dict((row[0], row[1]) for row in private["tables"][0][1:])
    assert front["Council"] == "Lancaster"
    assert front["Report title"] == case.title
    assert front["Wards affected"] == "All"
    assert front["Key decision"].startswith("Yes: forward plan entry published")
    assert "paragraph 4 of Schedule 12A" in front["Public or exempt"]
    assert private["tables"][0][0] == ["Item", "Detail"]
    titles = [text for style, text in private["headings"] if style == "Heading 1"]
    for wanted in ("Recommendations", "Background", "Consultation", "Main risks", "Implications"):
        assert any(wanted in t for t in titles), wanted
    assert any(s == "Heading 2" and "Financial implications" in t for s, t in private["headings"])
    options = next(t for t in private["tables"] if t[0][-1] == "Net present social value")
    assert {row[1]: row[-1] for row in options[1:]} == _npsvs(case)
    assert "£2,440,444" in {row[-1] for row in options[1:]}
    # Header rows repeat on each page: w:tblHeader on the first row of every table.
    xml = private["doc"].element.xml
    assert xml.count("<w:tblHeader") == len(private["tables"])
    assert _share(case) in private["body"] + str(private["tables"])
    # The council's name in the page header, page numbers and a contents field.
    assert all(h.startswith("Lancaster") for h in private["headers"])
    assert "PAGE" in private["doc"].sections[0].footer._element.xml
    assert 'TOC \\o "1-2"' in xml
    # The chart is a picture with alt text, followed by its table.
    assert re.search(r'<wp:docPr [^>]*descr="Bar chart of the net present social value', xml)
    # Exempt: the named posts only in the private edition, in a NOT FOR PUBLICATION section.
    assert NAMED_POST in private["body"]
    assert any("NOT FOR PUBLICATION" in h for h in private["headers"])
    assert NAMED_POST not in public["body"]
    assert "paragraph 4 of Part 1 of Schedule 12A" in public["body"]
    assert not any("NOT FOR PUBLICATION" in h for h in public["headers"])
    assert private["doc"].core_properties.title == case.title
    assert private["doc"].core_properties.language == "en-GB"


def test_pdf_text_metadata_and_not_for_publication_pages(report, tmp_path):
    case = report.case
    private_pdf = render_pdf(edition(report_document(report), public=False))
    public_pdf = render_pdf(edition(report_document(report), public=True))
    pages = pdf_pages(private_pdf, tmp_path)
    text = "\n".join(pages)
    flat = re.sub(r"\s+", " ", text)
    for value in _npsvs(case).values():
        assert value in flat
    assert _share(case) in flat
    assert "Key decision" in flat and "Wards affected" in flat and "Recommendations" in flat
    exempt_pages = [p for p in pages if NAMED_POST.split(" (")[0] in p]
    assert exempt_pages and all("NOT FOR PUBLICATION" in p for p in exempt_pages)
    others = [p for p in pages if p not in exempt_pages]
    assert others and not any("NOT FOR PUBLICATION" in p.split("\n")[0] for p in others)
    public_text = re.sub(r"\s+", " ", "\n".join(pdf_pages(public_pdf, tmp_path)))
    assert "RB-001" not in public_text and "NOT FOR PUBLICATION" not in public_text
    assert "paragraph 4 of Part 1 of Schedule 12A" in public_text
    info = pdf_info(private_pdf, tmp_path)
    assert info["Title"].startswith(case.title) and info["Tagged"] == "yes"
    images = pdf_images(public_pdf, tmp_path)
    assert len(images) == len(pdf_pages(public_pdf, tmp_path)) and images[0].stat().st_size > 1000
