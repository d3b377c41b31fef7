"""The HTML renderings of a report: the preview fragment and the print page the PDF is made
from (one template, ``reports/_document.html``, for both)."""

from __future__ import annotations

import logging

from django.template.loader import render_to_string

from sharedservices.reports.content import Document, numbered


def _context(document: Document, uid: str) -> dict:
    return {"doc": document, "sections": numbered(document), "uid": uid}


def preview_html(document: Document, uid: str = "report") -> str:
    return render_to_string("reports/_document.html", _context(document, uid))


def print_html(document: Document) -> str:
    return render_to_string("reports/print.html", _context(document, "r"))


def render_pdf(document: Document) -> bytes:
    """A tagged PDF (PDF/UA-1) with the document language and a title in its metadata.
    Exempt content sits on pages of its own, each headed NOT FOR PUBLICATION."""
    import weasyprint  # imported here: a heavy import that only PDF rendering needs

    for noisy in ("weasyprint", "fontTools"):  # layout progress at INFO, per page
        logging.getLogger(noisy).setLevel(logging.WARNING)

    html = weasyprint.HTML(string=print_html(document), base_url=None)
    return html.write_pdf(pdf_variant="pdf/ua-1")
