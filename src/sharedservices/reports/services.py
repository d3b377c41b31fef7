"""Writes to reports: details, sign-off, exempt marks, publishing and templates. Each is one
transaction and lands in the audit trail."""

from __future__ import annotations

import hashlib
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sharedservices.accounts.models import StatutoryPost
from sharedservices.accounts.statutory import may_act_as
from sharedservices.base.audit import audit_record
from sharedservices.base.revisions import UNCHECKED, EditConflict
from sharedservices.base.text import is_placeholder
from sharedservices.cases.services.common import check_revision
from sharedservices.reports.content import edition
from sharedservices.reports.document import exemptable, report_document
from sharedservices.reports.models import (
    SIGNING_POST,
    CouncilTemplate,
    Implication,
    ImplicationKind,
    PublishedReport,
    Report,
    Schedule12A,
)
from sharedservices.reports.permissions import can_prepare
from sharedservices.reports.publication import ReportNotFinished, sign_offs, unfinished
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


def signing_capacity(user, report: Report, kind: str) -> str:
    """The capacity ``user`` signs ``kind`` off in, or "" when they may not: the
    financial and legal implications only by that council's chief finance officer or
    monitoring officer (or the named deputy); the others by the council's officers."""
    post = SIGNING_POST.get(kind)
    if post is None:
        if not can_prepare(user, report.council_id):
            return ""
        return ", ".join(getattr(user, "role_labels", [])) or "Officer"
    acting = may_act_as(user, report.council_id, post)
    label = StatutoryPost(post).label
    return {"holder": label, "deputy": f"Deputy to the {label[0].lower()}{label[1:]}"}.get(
        acting, ""
    )


@transaction.atomic
def implication_save(
    *,
    report: Report,
    user,
    kind: str,
    text: str,
    officer_comments: str = "",
    sign_off: bool = False,
    expected_revision=UNCHECKED,
) -> Implication:
    """Write an implication and, with ``sign_off``, sign it off under the user's own name
    in the capacity they hold (``signing_capacity``): no one types a role. Changing the words of
    a signed implication without signing again voids the sign-off; the report shows it
    unsigned and it must be signed again before publishing.

    ``expected_revision`` is the implication's revision the form started from (0: none
    yet). A stale or missing one raises ``EditConflict`` (``base.revisions``): the text
    can change what is published, so a second writer is told, never overwrites; the
    audit trail keeps the text before and after."""
    if kind not in ImplicationKind.values:
        raise ValidationError("Unknown implication")
    capacity = signing_capacity(user, report, kind)
    if not can_prepare(user, report.council_id) and not capacity:
        raise PermissionDenied
    text, comments = (text or "").strip(), (officer_comments or "").strip()
    if is_placeholder(text):
        raise ValidationError("Write the implications (a draft mark or a blank is not enough)")
    if sign_off and not capacity:
        post = StatutoryPost(SIGNING_POST[kind]).label.lower()
        raise ValidationError(
            f"Only {report.council.name}'s {post}, or their named deputy, signs off the"
            f" {ImplicationKind(kind).label.lower()} implications"
        )
    locked = Report.objects.select_for_update().get(pk=report.pk)
    current = Implication.objects.select_for_update().filter(report=report, kind=kind).first()
    if expected_revision is not UNCHECKED:
        saved_revision = current.revision if current else 0
        if expected_revision is None or expected_revision != saved_revision:
            raise EditConflict(current or Implication(report=report, kind=kind, revision=0))
    implication = current or Implication(report=report, kind=kind, revision=0)
    before, was_signed = None, bool(current and current.is_signed)
    if current is not None:
        before = {"text": current.text, "officer_comments": current.officer_comments}
        before["signed_off_by"] = current.signed_off_by if current.is_signed else None
    implication.text, implication.officer_comments = text, comments
    voided = was_signed and not sign_off and not implication.is_signed
    if sign_off:
        implication.signed_off_by = (user.get_full_name() or user.email)[:200]
        implication.signed_off_role = capacity[:200]
        implication.signed_off_at = timezone.now()
        implication.signed_off_user = user
        implication.signed_sha256 = implication.digest
    elif voided:
        implication.signed_off_by = implication.signed_off_role = implication.signed_sha256 = ""
        implication.signed_off_at, implication.signed_off_user = None, None
    if (
        current is not None
        and not sign_off
        and not voided
        and before["text"] == text
        and (before["officer_comments"] == comments)
    ):
        return current  # nothing changed (a double click)
    implication.revision += 1
    implication.save()
    Report.objects.filter(pk=report.pk).update(revision=locked.revision + 1)
    report.revision = locked.revision + 1
    after = {"text": text, "officer_comments": comments}
    if sign_off:
        after |= {"signed_off_by": implication.signed_off_by, "role": capacity}
    action = "report.implication_signed_off" if sign_off else "report.implication_saved"
    audit_record(
        user=user,
        action=action,
        obj=implication,
        case=report.case_id,
        council=report.council_id,
        before=before,
        after=after,
    )
    if voided:
        audit_record(
            user=user,
            action="report.implication_sign_off_voided",
            obj=implication,
            case=report.case_id,
            council=report.council_id,
            before={"signed_off_by": before["signed_off_by"]},
            after={"signed_off_by": None},
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
    """Freeze the report as it is now, once it is finished (``reports/publication.py``:
    refused with ``ReportNotFinished`` listing each draft section, field to complete and
    unsigned implication; no override). The version records who signed what and when, and
    the key-decision route stated. Publishing again with nothing changed (a double click)
    returns the version already published."""
    _require(user, report)
    report = Report.objects.select_for_update().select_related("case", "council").get(pk=report.pk)
    case_version = latest_case_version(report.case)
    latest = report.published.order_by("-number").first()
    if latest and (latest.report_revision, latest.case_version) == (report.revision, case_version):
        return latest
    src = load_sources(report)
    document = report_document(report, src)
    problems = unfinished(document, src)
    if problems:
        raise ReportNotFinished(problems)
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
        sign_offs=sign_offs(src),
        key_decision=src.key_decision.line[:500],
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
            "sign_offs": published.sign_offs,
            "key_decision": published.key_decision,
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
