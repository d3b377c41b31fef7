"""A report of a case with nothing written yet: every part the officer has still to
write is marked as a draft, never filled with invented prose. (Its own module: it needs
the demo case without the demo's reports, which the other report modules share.)"""

from __future__ import annotations

import pytest

from sharedservices.reports.content import edition
from sharedservices.reports.document import report_document
from sharedservices.reports.render_docx import render_docx
from tests.reports.readback import docx_text

pytestmark = pytest.mark.django_db


def test_a_report_of_a_bare_case_is_drafts_not_invented_prose(lancaster_report):
    lancaster_report.case.sections.all().delete()
    document = report_document(lancaster_report)
    body = docx_text(render_docx(edition(document, public=True)))["body"]
    assert "DRAFT, to be completed: Not signed off yet" in body
    assert "DRAFT, to be completed: The strategic case" in body
    assert document.drafts >= 12 + 4  # every implication, background, conclusions, ...
