"""A report as Word (python-docx), from the same content model as the HTML and PDF.

Real heading styles (so Word's navigation pane and contents work), tables with a
repeating header row, the council's name in the page header, page numbers and a
contents field that Word fills in when the file is opened. Each chart is a picture
with alt text, followed by its table. Exempt content in the private edition goes in
sections of its own whose page header says NOT FOR PUBLICATION.
"""

from __future__ import annotations

import io

from docx import Document as open_docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor

from sharedservices.reports.content import NOT_FOR_PUBLICATION, Document, Section, Table, numbered

RED = RGBColor(0xD4, 0x35, 0x1C)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, TOC): begin, instruction, separate, shown text, end."""

    def char(kind: str):
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            el.set(qn("w:dirty"), "true")
        run._r.append(el)

    char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def _update_fields_on_open(doc) -> None:
    settings = doc.settings.element
    el = settings.find(qn("w:updateFields"))
    if el is None:
        el = OxmlElement("w:updateFields")
        settings.append(el)
    el.set(qn("w:val"), "true")


def _header(section, council: str, exempt: bool) -> None:
    section.header.is_linked_to_previous = False
    p = section.header.paragraphs[0]
    p.text = ""
    p.add_run(council)
    if exempt:
        run = p.add_run(f"\t{NOT_FOR_PUBLICATION}")
        run.bold, run.font.color.rgb = True, RED


def _footer(section) -> None:
    p = section.footer.paragraphs[0]
    p.text = ""
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run("Page ")
    _field(p, "PAGE", "1")


def _style(doc, name: str, fallback: str = "Normal") -> str:
    return name if name in [s.name for s in doc.styles] else fallback


def _blank(template: bytes | None):
    """The default document, or the council's template with its body emptied (its
    styles, page set-up and letterhead kept)."""
    if not template:
        return open_docx()
    doc = open_docx(io.BytesIO(template))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def _table(doc, block) -> None:
    doc.add_paragraph(block.caption, style=_style(doc, "Caption"))
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
    if "Table Grid" in [s.name for s in doc.styles]:
        table.style = "Table Grid"
    head = table.rows[0]
    tr_pr = head._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)
    for cell, text in zip(head.cells, block.header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for r, row in enumerate(block.rows, start=1):
        for c, text in enumerate(row):
            cell = table.rows[r].cells[c]
            cell.text = text
            if c in block.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _picture(doc, block) -> None:
    doc.add_picture(io.BytesIO(block.png), width=Cm(15))
    inline = doc.paragraphs[-1].runs[-1]._r.find(".//" + qn("wp:docPr"))
    inline.set("descr", block.alt)
    inline.set("title", block.title)
    doc.add_paragraph(
        f"{block.title}: its figures are in the table below.", style=_style(doc, "Caption")
    )


def _block(doc, block) -> None:
    kind = block.kind
    if kind == "para":
        doc.add_paragraph(block.text)
    elif kind == "draft":
        p = doc.add_paragraph()
        run = p.add_run("DRAFT, to be completed: ")
        run.bold, run.font.color.rgb = True, RED
        p.add_run(block.text)
    elif kind == "exempt":
        p = doc.add_paragraph()
        p.add_run(block.text).italic = True
    elif kind == "items":
        style = _style(doc, "List Number" if block.numbered else "List Bullet")
        for n, item in enumerate(block.items, start=1):
            prefix = f"{n}. " if style == "Normal" and block.numbered else ""
            doc.add_paragraph(prefix + item, style=style)
    elif kind == "table":
        _table(doc, block)
    elif kind == "chart":
        _picture(doc, block)


class _Writer:
    """Keeps track of whether the current Word section is an exempt one."""

    def __init__(self, doc, council: str):
        self.doc, self.council, self.exempt = doc, council, False

    def mark(self, exempt: bool) -> None:
        if exempt != self.exempt:
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
            _header(section, self.council, exempt)
            self.exempt = exempt
            if exempt:
                run = self.doc.add_paragraph().add_run(NOT_FOR_PUBLICATION)
                run.bold, run.font.color.rgb = True, RED

    def section(self, number: str, s: Section) -> None:
        self.mark(bool(s.exempt))
        if s.appendix and not self.exempt:
            self.doc.add_page_break()
        title = f"{number}. {s.title}" if number and s.level == 1 else f"{number} {s.title}".strip()
        self.doc.add_heading(title, level=2 if s.level == 2 else 1)
        for block in s.blocks:
            if not s.exempt:
                self.mark(bool(block.exempt))
            _block(self.doc, block)


def render_docx(document: Document, template: bytes | None = None) -> bytes:
    doc = _blank(template)
    props = doc.core_properties
    props.title, props.author, props.language = document.title, document.council, document.lang
    props.subject = f"{document.meeting} report"
    first = doc.sections[0]
    _header(first, document.council, False)
    _footer(first)
    doc.add_paragraph(document.council, style=_style(doc, "Subtitle"))
    doc.add_paragraph(document.title, style=_style(doc, "Title", "Heading 1"))
    _table(doc, Table(caption="Report details", header=("Item", "Detail"), rows=document.header))
    doc.add_heading("Contents", level=1)
    _field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', "Right-click to update the contents.")
    _update_fields_on_open(doc)
    doc.add_page_break()
    writer = _Writer(doc, document.council)
    for number, s in numbered(document):
        writer.section(number, s)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
