"""``manage.py render_report CASE_ID --council CODE --meeting scrutiny|executive
--format docx|pdf [--public] --output FILE``: a council's report as it is now."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sharedservices.cases.models import BusinessCase
from sharedservices.reports.content import edition
from sharedservices.reports.document import report_document
from sharedservices.reports.models import Meeting, Report
from sharedservices.reports.render_docx import render_docx
from sharedservices.reports.render_html import render_pdf
from sharedservices.reports.services import council_template


class Command(BaseCommand):
    help = "Render a council's committee report on a case as Word or PDF."
    # Django's system checks would load every URL configuration and so every view and
    # the whole API (1.5-2.5 s) before a report that needs none of them; `manage.py
    # check` and the test run keep checking them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("case_id", type=int)
        parser.add_argument("--council", required=True, help="The council's GSS code")
        parser.add_argument("--meeting", required=True, choices=Meeting.values)
        parser.add_argument("--format", required=True, choices=["docx", "pdf"], dest="fmt")
        parser.add_argument(
            "--public", action="store_true", help="The public edition (exempt parts left out)"
        )
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, case_id, council, meeting, fmt, public, output, **options):
        case = BusinessCase.objects.filter(pk=case_id).first()
        if case is None:
            raise CommandError(f"No business case {case_id}")
        if council not in {c.pk for c in case.councils}:
            names = ", ".join(f"{c.pk} ({c.name})" for c in case.councils)
            raise CommandError(f"{council} is not one of the case's councils: {names}")
        report = Report.objects.filter(case=case, council_id=council, meeting=meeting).first()
        report = report or Report(case=case, council_id=council, meeting=meeting)
        document = edition(report_document(report), public=public)
        data = (
            render_docx(document, council_template(council))
            if fmt == "docx"
            else render_pdf(document)
        )
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}") from None
        kind = "public" if public else "private"
        self.stdout.write(f"Wrote the {kind} edition ({fmt}, {len(data):,} bytes) to {output}")
