"""A report is published only when it is finished: no section still a draft, no field
on the front sheet to be completed, every implication signed off (the financial and
legal ones by the council's statutory officers), and a key-decision route that meets
the 28 clear days rule. There is no override: the list says what to finish."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from sharedservices.base.text import is_placeholder
from sharedservices.reports.content import Document, Draft, Para
from sharedservices.reports.header import TO_FILL
from sharedservices.reports.models import SIGNATORY, ImplicationKind, implication_heading
from sharedservices.reports.sources import Sources


@dataclass(frozen=True)
class Unfinished:
    part: str  # the section (or "Front sheet") it is in
    message: str

    def __str__(self) -> str:
        return f"{self.part}: {self.message}"


class ReportNotFinished(ValidationError):
    """Publishing refused; ``unfinished`` lists each thing to finish."""

    def __init__(self, unfinished: list[Unfinished]):
        self.unfinished = unfinished
        super().__init__([str(u) for u in unfinished])


def unfinished(document: Document, src: Sources) -> list[Unfinished]:
    """Everything that keeps the report from being published, in the report's order."""
    found = [
        Unfinished("Front sheet", f"{label} is to be completed")
        for label, value in document.header
        if value == TO_FILL or is_placeholder(value)
    ]
    if src.key_decision.problem:
        found.append(Unfinished("Front sheet", src.key_decision.problem))
    for section in document.sections:
        if section.key.startswith("implication-"):
            continue  # said once below, as a sign-off
        for block in section.blocks:
            if isinstance(block, Draft):
                found.append(Unfinished(section.title, f"draft: {block.text}"))
            elif isinstance(block, Para) and is_placeholder(block.text):
                found.append(Unfinished(section.title, "reads as a draft placeholder"))
    for kind in ImplicationKind.values:
        implication = src.implications.get(kind)
        who = SIGNATORY.get(kind, "responsible officer").lower()
        heading = implication_heading(kind)
        if implication is None:
            found.append(Unfinished(heading, f"not written or signed off by the {who}"))
        elif not implication.is_signed:
            found.append(Unfinished(heading, f"not signed off by the {who}"))
    return found


def sign_offs(src: Sources) -> list[dict]:
    """Who signed which implication off, in which capacity, when, and the words' digest."""
    return [
        {
            "implication": kind,
            "signed_off_by": i.signed_off_by,
            "capacity": i.signed_off_role,
            "signed_off_at": i.signed_off_at.isoformat(),
            "sha256": i.signed_sha256,
        }
        for kind, _ in ImplicationKind.choices
        if (i := src.implications.get(kind)) is not None and i.is_signed
    ]
