"""The Reports tab of a case, each council's report page, its forms and its downloads.

Every read goes through ``visible_to(user)``: a case the user cannot see answers 404, and
so does a private edition for anyone outside the case's councils. The public edition of
a published report is public (it is a committee paper).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from sharedservices.base.access import council_owned, public
from sharedservices.cases.views.common import case_context, edit_page, get_case
from sharedservices.councils.models import Council
from sharedservices.reports import selectors, services
from sharedservices.reports.content import edition
from sharedservices.reports.document import exemptable, report_document
from sharedservices.reports.forms import DetailsForm, ExemptForm, ImplicationForm, TemplateForm
from sharedservices.reports.models import (
    SIGNATORY,
    CouncilTemplate,
    ImplicationKind,
    Meeting,
    PublishedReport,
    Report,
    implication_heading,
)
from sharedservices.reports.permissions import can_prepare, can_read_private
from sharedservices.reports.publication import ReportNotFinished
from sharedservices.reports.render_docx import render_docx
from sharedservices.reports.render_html import preview_html, render_pdf
from sharedservices.reports.sources import latest_case_version, load_sources

PAGE = "reports:case"
TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _report(request, pk: int, code: str, meeting: str) -> tuple[object, Report]:
    """The case (visible to the user) and its council's report, unsaved if never written."""
    case = get_case(request, pk)
    if meeting not in Meeting.values or code not in {c.pk for c in case.councils}:
        raise Http404
    report = Report.objects.filter(case=case, council_id=code, meeting=meeting).first()
    return case, report or Report(case=case, council_id=code, meeting=meeting)


def _opened(case, report: Report) -> Report:
    if report.pk is None:
        return services.report_open(case=case, council=report.council, meeting=report.meeting)
    return report


def _report_url(report: Report) -> str:
    return reverse("reports:report", args=[report.case_id, report.council_id, report.meeting])


@council_owned
def case_reports(request, pk):
    case = get_case(request, pk)
    return render(
        request,
        "reports/case.html",
        case_context(request, case, PAGE, rows=selectors.report_rows(case)),
    )


@council_owned
def report_page(request, pk, code, meeting):
    case, report = _report(request, pk, code, meeting)
    want_public = request.GET.get("edition") == "public"
    document = report_document(report)
    implications = {i.kind: i for i in report.implications.all()} if report.pk else {}
    published = list(selectors.published_versions(report))
    for p in published:
        p.files = [
            (
                f"{fmt.upper() if fmt == 'pdf' else 'Word'}, {ed} edition",
                f"edition={ed}&format={fmt}",
                p.sha256.get(f"{ed}.{fmt}", ""),
            )
            for ed in ("public", "private")
            for fmt in ("docx", "pdf")
        ]
    return render(
        request,
        "reports/report.html",
        case_context(
            request,
            case,
            PAGE,
            report=report,
            meeting_label=report.get_meeting_display(),
            preview=preview_html(edition(document, public=want_public)),
            public_preview=want_public,
            drafts=document.drafts,
            has_exempt=document.has_exempt,
            implications=[
                (kind, implication_heading(kind), implications.get(kind), SIGNATORY.get(kind, ""))
                for kind in ImplicationKind.values
            ],
            published=published,
            changed=bool(published)
            and selectors.changed_since(published[0], report, latest_case_version(case)),
            can_prepare=can_prepare(request.user, code),
        ),
    )


@council_owned
def details(request, pk, code, meeting):
    case, report = _report(request, pk, code, meeting)
    if not can_prepare(request.user, code):
        raise PermissionDenied
    form = DetailsForm(request.POST or None, instance=report)

    def save(form):
        saved = form.save(commit=False)
        saved.pk = _opened(case, report).pk
        saved._state.adding = False
        services.report_details_save(
            report=saved, user=request.user, expected_revision=form.cleaned_data.get("revision")
        )

    return edit_page(
        request,
        case,
        form=form,
        save=save,
        page=PAGE,
        title=f"{report.council.name}: {report.get_meeting_display().lower()} report details",
        success="The report's details are saved",
        next_url=_report_url(report),
    )


@council_owned
def implication(request, pk, code, meeting, kind):
    case, report = _report(request, pk, code, meeting)
    if kind not in ImplicationKind.values:
        raise Http404
    if not can_prepare(request.user, code) and not services.signing_capacity(
        request.user, report, kind
    ):
        raise PermissionDenied
    current = report.implications.filter(kind=kind).first() if report.pk else None
    initial = {"revision": current.revision if current else 0}
    if current:
        initial |= {"text": current.text, "officer_comments": current.officer_comments}
    capacity = services.signing_capacity(request.user, report, kind)
    form = ImplicationForm(request.POST or None, initial=initial, capacity=capacity)

    def save(form):
        d = form.cleaned_data
        services.implication_save(
            report=_opened(case, report),
            user=request.user,
            kind=kind,
            text=d["text"],
            officer_comments=d["officer_comments"],
            sign_off=d["sign_off"],
            expected_revision=d["revision"],
        )

    return edit_page(
        request,
        case,
        form=form,
        save=save,
        page=PAGE,
        title=implication_heading(kind),
        intro=f"For {report.council.name}'s report. A sign-off is under your own name, in"
        " the capacity you hold; the financial and legal implications are signed off only by"
        f" {report.council.name}'s chief finance officer or monitoring officer, or their"
        " named deputy.",
        success="The implications are saved",
        next_url=_report_url(report),
    )


@council_owned
def exempt(request, pk, code, meeting):
    case, report = _report(request, pk, code, meeting)
    if not can_prepare(request.user, code):
        raise PermissionDenied
    parts = exemptable(report_document(report).sections)
    form = ExemptForm(
        request.POST or None, parts=parts, marks=report.exempt or {}, revision=report.revision
    )

    def save(form):
        services.report_exempt_save(
            report=_opened(case, report),
            user=request.user,
            marks=form.marks(),
            expected_revision=form.cleaned_data["revision"],
        )

    return edit_page(
        request,
        case,
        form=form,
        save=save,
        page=PAGE,
        title="Exempt information",
        intro="Mark any part that holds exempt information, under its paragraph of Schedule"
        " 12A to the Local Government Act 1972. The public edition leaves it out and names"
        " the paragraph; the private edition keeps it, marked NOT FOR PUBLICATION.",
        success="The exempt marks are saved",
        next_url=_report_url(report),
    )


@council_owned
@require_POST
def publish(request, pk, code, meeting):
    case, report = _report(request, pk, code, meeting)
    if not can_prepare(request.user, code):
        raise PermissionDenied
    try:
        published = services.report_publish(report=_opened(case, report), user=request.user)
    except ReportNotFinished as refusal:
        messages.error(
            request,
            f"Not published: {len(refusal.unfinished)} thing"
            f"{'s' if len(refusal.unfinished) != 1 else ''} to finish first",
        )
        for item in refusal.unfinished:
            messages.error(request, str(item))
        return redirect(_report_url(report))
    messages.success(request, f"Version {published.number} is published")
    return redirect(_report_url(report))


def _file(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(bytes(data), content_type=TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _choice(request) -> tuple[bool, str]:
    fmt, ed = request.GET.get("format", "pdf"), request.GET.get("edition", "public")
    if fmt not in TYPES or ed not in ("public", "private"):
        raise Http404
    return ed == "public", fmt


@council_owned
def download(request, pk, code, meeting):
    """The report as it is now (a draft), rendered on request."""
    case, report = _report(request, pk, code, meeting)
    is_public, fmt = _choice(request)
    document = edition(report_document(report, load_sources(report)), public=is_public)
    if fmt == "docx":
        data = render_docx(document, services.council_template(code))
    else:
        data = render_pdf(document)
    name = slugify(
        f"{report.council.name} {meeting} report draft {'public' if is_public else 'private'}"
    )
    return _file(data, fmt, name)


@public
def published_list(request):
    """Every council's published committee reports on shared services: public papers
    (Local Government Act 1972, s.100D), so anyone may read the public editions."""
    page = Paginator(selectors.published_all(), 50).get_page(request.GET.get("page"))
    return render(request, "reports/published_list.html", {"page": page})


@public
def published_file(request, published_id):
    """A published version's frozen bytes; the private edition for the case's councils only."""
    published = get_object_or_404(
        PublishedReport.objects.visible_to(request.user).select_related("council", "case"),
        pk=published_id,
    )
    is_public, fmt = _choice(request)
    if not is_public and not can_read_private(request.user, published.case):
        raise Http404
    field = f"{'public' if is_public else 'private'}_{fmt}"
    name = slugify(f"{published.council.name} {published.meeting} report v{published.number}")
    return _file(getattr(published, field), fmt, f"{name}-{'public' if is_public else 'private'}")


@council_owned
def template_upload(request, code):
    council = get_object_or_404(Council, pk=code)
    if not can_prepare(request.user, code):
        raise Http404
    current = CouncilTemplate.objects.visible_to(request.user).filter(council=council).first()
    form = TemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.template_upload(
                council=council,
                user=request.user,
                name=upload.name,
                data=upload.read(services.MAX_TEMPLATE_BYTES + 1),
            )
        except ValidationError as error:
            form.add_error("file", error.messages[0])
        else:
            messages.success(request, "The template is uploaded: reports now use it")
            return redirect("reports:template", code=code)
    return render(
        request, "reports/template.html", {"council": council, "current": current, "form": form}
    )
