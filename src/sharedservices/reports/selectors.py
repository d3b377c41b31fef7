"""Reads for the reports pages: each council's reports on a case and their state."""

from __future__ import annotations

from dataclasses import dataclass

from sharedservices.reports.models import ImplicationKind, Meeting, PublishedReport, Report
from sharedservices.reports.sources import latest_case_version


@dataclass
class ReportRow:
    council: object
    meeting: str
    meeting_label: str
    report: Report | None
    signed: int
    published: PublishedReport | None
    changed: bool  # the case or the report changed after the last publication

    @property
    def state(self) -> str:
        if self.published is not None:
            text = f"Published (version {self.published.number})"
            return text + ", changed since" if self.changed else text
        if self.signed == len(ImplicationKind.values):
            return "Implications signed off"
        return "Draft"


def changed_since(published: PublishedReport, report: Report, case_version: int) -> bool:
    return case_version > published.case_version or report.revision > published.report_revision


def report_rows(case) -> list[ReportRow]:
    reports = {
        (r.council_id, r.meeting): r
        for r in Report.objects.filter(case=case).prefetch_related("implications")
    }
    latest = {}
    for p in PublishedReport.objects.filter(case=case).defer(
        "public_docx", "public_pdf", "private_docx", "private_pdf"
    ):
        key = (p.council_id, p.meeting)
        if key not in latest or p.number > latest[key].number:
            latest[key] = p
    version = latest_case_version(case)
    rows = []
    for council in case.councils:
        for meeting, label in Meeting.choices:
            report = reports.get((council.pk, meeting))
            published = latest.get((council.pk, meeting))
            rows.append(
                ReportRow(
                    council=council,
                    meeting=meeting,
                    meeting_label=label,
                    report=report,
                    signed=len(report.implications.all()) if report else 0,
                    published=published,
                    changed=bool(published and changed_since(published, report, version)),
                )
            )
    return rows


def published_versions(report: Report | None):
    if report is None or report.pk is None:
        return PublishedReport.objects.none()
    return report.published.defer(
        "public_docx", "public_pdf", "private_docx", "private_pdf"
    ).order_by("-number")


def published_for_council(council):
    """A council's published reports, newest first, for its public forward plan page."""
    return (
        PublishedReport.objects.public()
        .filter(council=council)
        .defer("public_docx", "public_pdf", "private_docx", "private_pdf")
        .order_by("-published_at")
    )


def published_all():
    """Every published report, newest first: the public list of committee papers."""
    return (
        PublishedReport.objects.public()
        .select_related("council")
        .defer("public_docx", "public_pdf", "private_docx", "private_pdf")
        .order_by("-published_at", "-pk")
    )
