"""Writes to reports: details, sign-off, exempt marks, publishing and templates. Each is one
transaction and lands in the audit trail."""

from __future__ import annotations

import hashlib
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sharedservices.base.audit import audit_record
from sharedservices.base.revisions import UNCHECKED, EditConflict
from sharedservices.cases.services.common import check_revision
from sharedservices.reports.content import edition
from sharedservices.reports.document import exemptable, report_document
from sharedservices.reports.models import (
    CouncilTemplate,
    Implication,
    ImplicationKind,
    PublishedReport,
    Report,
    Schedule12A,
)
from sharedservices.reports.permissions import can_prepare
from sharedservices.reports.render_docx import render_docx
from sharedservices.reports.render_html import render_pdf
from sharedservices.reports.sources import latest_case_version, load_sources
from sharedservices.reports.template_safety import template_problems

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


def _require(user, report: Report) -> None:
    if not can_prepare(user, report.council_id):
        raise PermissionDenied


def report_open(*, case, council, meeting: str) -> Report:
    """The council's report for the meeting, made the first time it is written to."""
    report, _ = Report.objects.get_or_create(case=case, council=council, meeting=meeting)
    return report


@transaction.atomic
def report_details_save(*, report: Report, user, expected_revision: int | None) -> Report:
    _require(user, report)
    check_revision(report, expected_revision)
    report.save()
    audit_record(
        user=user,
        action="report.details_saved",
        obj=report,
        case=report.case_id,
        council=report.council_id,
        after={"revision": report.revision},
    )
    return report


def _implication_text(implication: Implication | None) -> dict | None:
    """What the audit keeps of an implication: the words themselves, so an overwritten
    text can always be read again."""
    if implication is None or implication.pk is None:
        return None
    return {
        "kind": implication.kind,
        "text": implication.text,
        "officer_comments": implication.officer_comments,
        "signed_off_by": implication.signed_off_by,
        "role": implication.signed_off_role,
    }


@transaction.atomic
def implication_sign_off(
    *,
    report: Report,
    user,
    kind: str,
    text: str,
    officer_comments: str,
    role: str,
    expected_revision=UNCHECKED,
) -> Implication:
    """Record an implication as written and signed off by ``user`` in ``role``, now.

    ``expected_revision`` is the implication's revision the form started from (0: none
    yet). A stale or missing one raises ``EditConflict`` (``base.revisions``): the text
    can change what is published, so a second writer is told, never overwrites; the
    audit trail keeps the text before and after."""
    _require(user, report)
    if kind not in ImplicationKind.values:
        raise ValidationError("Unknown implication")
    if not text.strip() or not role.strip():
        raise ValidationError("Give the implication's text and the role it is signed off in")
    locked = Report.objects.select_for_update().get(pk=report.pk)
    current = Implication.objects.select_for_update().filter(report=locked, kind=kind).first()
    if expected_revision is not UNCHECKED:
        saved_revision = current.revision if current else 0
        if expected_revision is None or expected_revision != saved_revision:
            raise EditConflict(current or Implication(report=locked, kind=kind, revision=0))
    before = _implication_text(current)
    implication = current or Implication(report=locked, kind=kind, revision=0)
    implication.text = text.strip()
    implication.officer_comments = officer_comments.strip()
    implication.signed_off_by = (user.get_full_name() or user.email)[:200]
    implication.signed_off_role = role.strip()[:200]
    implication.signed_off_at = timezone.now()
    implication.signed_off_user = user
    implication.revision += 1
    implication.save()
    Report.objects.filter(pk=locked.pk).update(revision=locked.revision + 1)
    report.revision = locked.revision + 1
    audit_record(
        user=user,
        action="report.implication_signed_off",
        obj=implication,
        case=report.case_id,
        council=report.council_id,
        before=before,
        after=_implication_text(implication),
    )
    return implication


def _marks_text(report: Report, marks: dict | None) -> dict | None:
    """Exempt marks as a reader sees them: each marked part by its title, with the
    paragraph of Schedule 12A that keeps it from the public."""
    if not marks:
        return None
    titles = dict(exemptable(report_document(report).sections))
    return {titles.get(key, key): Schedule12A(value).label for key, value in marks.items()}


@transaction.atomic
def report_exempt_save(
    *, report: Report, user, marks: dict[str, int], expected_revision=UNCHECKED
) -> Report:
    """Save which parts of the report are exempt. A stale or missing
    ``expected_revision`` (the report's) raises ``EditConflict``: a stale save could
    publish text a colleague marked exempt. The audit keeps the marks before and after,
    each part by its title."""
    _require(user, report)
    clean = {k: int(v) for k, v in marks.items() if v}
    if any(v not in Schedule12A.values for v in clean.values()):
        raise ValidationError("Choose a paragraph of Schedule 12A")
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if expected_revision is not UNCHECKED and (
        expected_revision is None or expected_revision != locked.revision
    ):
        raise EditConflict(locked)
    before = dict(locked.exempt or {})
    locked.exempt, locked.revision = clean, locked.revision + 1
    locked.save(update_fields=["exempt", "revision", "updated_at"])
    audit_record(
        user=user,
        action="report.exempt_information_marked",
        obj=locked,
        case=report.case_id,
        council=report.council_id,
        before=_marks_text(locked, before),
        after=_marks_text(locked, clean),
    )
    report.exempt, report.revision = clean, locked.revision
    return locked


def council_template(council_code: str) -> bytes | None:
    """The council's template, unless it carries active content (one stored before the
    upload checked for it): then the default layout, never the active content."""
    found = CouncilTemplate.objects.filter(council_id=council_code).first()
    if found is None:
        return None
    data = bytes(found.docx)
    return None if template_problems(data) else data


def render_files(report: Report) -> dict[str, bytes]:
    """The four files of a report as it is now: public and private, DOCX and PDF."""
    document = report_document(report, load_sources(report))
    template = council_template(report.council_id)
    files = {}
    for name, public in (("public", True), ("private", False)):
        version = edition(document, public=public)
        files[f"{name}.docx"] = render_docx(version, template)
        files[f"{name}.pdf"] = render_pdf(version)
    return files


@transaction.atomic
def report_publish(*, report: Report, user) -> PublishedReport:
    """Freeze the report as it is now. Publishing again with nothing changed (a double
    click) returns the version already published."""
    _require(user, report)
    report = Report.objects.select_for_update().select_related("case", "council").get(pk=report.pk)
    case_version = latest_case_version(report.case)
    latest = report.published.order_by("-number").first()
    if latest and (latest.report_revision, latest.case_version) == (report.revision, case_version):
        return latest
    document = report_document(report)
    files = render_files(report)
    published = PublishedReport.objects.create(
        report=report,
        case=report.case,
        council=report.council,
        meeting=report.meeting,
        number=(report.published.aggregate(n=Max("number"))["n"] or 0) + 1,
        title=f"{document.title}: {document.meeting}",
        published_at=timezone.now(),
        published_by=user,
        case_version=case_version,
        report_revision=report.revision,
        has_exempt=document.has_exempt,
        public_docx=files["public.docx"],
        public_pdf=files["public.pdf"],
        private_docx=files["private.docx"],
        private_pdf=files["private.pdf"],
        sha256={name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
    )
    audit_record(
        user=user,
        action="report.published",
        obj=published,
        case=report.case_id,
        council=report.council_id,
        after={
            "version": published.number,
            "case_version": case_version,
            "sha256": published.sha256,
        },
    )
    return published


class TemplateRefused(ValidationError):
    """An uploaded template that cannot be used; the template in use is kept."""


def template_check(data: bytes) -> None:
    from docx import Document as open_docx

    if not data:
        raise TemplateRefused("The file is empty: choose a Word document (.docx)")
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateRefused("The template must be smaller than 5 MB")
    cannot_open = TemplateRefused(
        "The file is not a Word document that can be opened (.docx): it may be damaged"
        " or in another format. The template in use has been kept."
    )
    try:
        active = template_problems(data)  # the package itself, before Word's reader
    except Exception:  # not a zip, or one without the parts every .docx has
        raise cannot_open from None
    if active:
        raise TemplateRefused(
            "The template carries what a public report must not: "
            + "; ".join(active)
            + ". Remove them in Word (or copy the styles, headers and footers into a new"
            " document) and upload it again. The template in use has been kept."
        )
    try:
        styles = {s.name for s in open_docx(io.BytesIO(data)).styles}
    except Exception:  # python-docx raises many kinds for a broken package
        raise cannot_open from None
    missing = {"Heading 1", "Heading 2"} - styles
    if missing:
        raise TemplateRefused(
            "The template has no " + " or ".join(sorted(missing)) + " style: reports need"
            " real heading styles. The template in use has been kept."
        )


@transaction.atomic
def template_upload(*, council, user, name: str, data: bytes) -> CouncilTemplate:
    if not can_prepare(user, council.pk):
        raise PermissionDenied
    template_check(data)
    template, _ = CouncilTemplate.objects.update_or_create(
        council=council, defaults={"name": name[:200], "docx": data, "uploaded_by": user}
    )
    audit_record(
        user=user,
        action="report.template_uploaded",
        obj=template,
        council=council.pk,
        after={"name": template.name, "sha256": hashlib.sha256(data).hexdigest()},
    )
    return template
