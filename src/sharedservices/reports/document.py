"""``report_document``: a report as the one content model, from its case and its own fields."""

from __future__ import annotations

from dataclasses import replace

from sharedservices.reports import appendices, body
from sharedservices.reports.content import Document, Draft, Section
from sharedservices.reports.header import front_sheet
from sharedservices.reports.models import Report
from sharedservices.reports.sources import Sources, load_sources


def _mark_exempt(sections: list[Section], marks: dict[str, int]) -> list[Section]:
    marked = []
    for s in sections:
        blocks = tuple(replace(b, exempt=marks[b.key]) if b.key in marks else b for b in s.blocks)
        marked.append(replace(s, blocks=blocks, exempt=marks.get(s.key)))
    return marked


def exemptable(sections) -> list[tuple[str, str]]:
    """(key, label) of every part that may be marked exempt: sections and their tables."""
    parts = []
    for s in sections:
        parts.append((s.key, s.title))
        parts.extend(
            (b.key, f"{s.title}: {b.caption}")
            for b in s.blocks
            if getattr(b, "caption", "") and b.key
        )
    return parts


def build_sections(src: Sources) -> list[Section]:
    return [
        body.purpose(src),
        body.recommendations(src),
        body.background(src),
        body.options(src),
        body.share(src),
        body.consultation(src),
        body.risks(src),
        *body.implications(src),
        *body.closing(src),
        appendices.criteria(src),
        appendices.appraisal(src),
    ]


def report_document(report: Report, src: Sources | None = None) -> Document:
    src = src or load_sources(report)
    marks = {k: int(v) for k, v in (report.exempt or {}).items()}
    sections = _mark_exempt(build_sections(src), marks)
    drafts = sum(isinstance(b, Draft) for s in sections for b in s.blocks)
    has_exempt = any(s.exempt or any(b.exempt for b in s.blocks) for s in sections)
    return Document(
        council=src.council.name,
        title=src.case.title,
        meeting=src.meeting_name,
        header=front_sheet(src, has_exempt=has_exempt),
        sections=tuple(sections),
        drafts=drafts,
    )
