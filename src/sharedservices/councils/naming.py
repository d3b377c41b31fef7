"""Finding councils by what people type: a GSS code or the council's name.

The one resolver for every form, importer and API that takes councils as text. Current
councils come first; an abolished one is found (the register keeps its arrangements)
but where only a current council makes sense the message names its successors.
"""

from __future__ import annotations

from django.db.models import Q

from sharedservices.base.text import lines
from sharedservices.councils.models import Council


class UnknownCouncil(ValueError):
    """Text that names no council the caller accepts; ``messages`` say why, in words."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def council_by_name_or_code(text: str, *, current_only: bool = True) -> Council:
    """The council whose GSS code or name is ``text`` (any case)."""
    text = text.strip()
    matches = sorted(
        Council.objects.filter(Q(code__iexact=text) | Q(name__iexact=text)),
        key=lambda c: (not c.is_current, c.code),
    )
    if not matches:
        raise UnknownCouncil(
            [f"There is no council “{text}”: enter its name or GSS code, like E07000123"]
        )
    council = matches[0]
    if current_only and not council.is_current:
        successors = " or ".join(s.name for s in council.successors.all())
        choose = f"choose its successor, {successors}" if successors else "choose its successor"
        raise UnknownCouncil([f"{council.name} no longer exists: {choose}"])
    return council


def councils_by_names_or_codes(text: str, *, current_only: bool = True) -> list[Council]:
    """Councils one per line (or semicolon). A line that names no council but has commas
    is read as a comma-separated list ("Lancaster, Preston"), while a name with a comma
    in it ("Bristol, City of") still matches whole. Every unknown item is reported."""
    found: list[Council] = []
    problems: list[str] = []
    for line in lines(text):
        try:
            found.append(council_by_name_or_code(line, current_only=current_only))
            continue
        except UnknownCouncil as whole:
            parts = [p.strip() for p in line.split(",") if p.strip()]
            if len(parts) < 2:
                problems.extend(whole.messages)
                continue
        for part in parts:
            try:
                found.append(council_by_name_or_code(part, current_only=current_only))
            except UnknownCouncil as exc:
                problems.extend(exc.messages)
    if problems:
        raise UnknownCouncil(problems)
    return list(dict.fromkeys(found))
