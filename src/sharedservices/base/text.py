"""Reading lists people type into one box, and text a database can store."""

from __future__ import annotations


def lines(text: str | None) -> list[str]:
    """One item per line (or per semicolon), trimmed, blanks dropped. Commas are not
    separators here: council and organisation names contain them ("Bristol, City of")."""
    return [line.strip() for line in (text or "").replace(";", "\n").splitlines() if line.strip()]


def unstorable(text: str | None) -> bool:
    """NUL characters or lone surrogates: PostgreSQL refuses the first in any text
    column (a DataError, a 500) and no encoder writes the second. Refused at the edge
    with a named error, on SQLite too, so both databases hold the same text."""
    return bool(text) and ("\x00" in text or any("\ud800" <= ch <= "\udfff" for ch in text))


# What people type where the words are still to come. A section or an implication that
# is only one of these, or begins with the product's own draft mark, is not written.
DRAFT_MARK = "DRAFT, to be completed"
_PLACEHOLDERS = frozenset(
    {
        "draft",
        "tbc",
        "tbd",
        "todo",
        "to do",
        "to be completed",
        "to be confirmed",
        "to be written",
        "to follow",
        "not started",
        "xxx",
    }
)


def is_placeholder(text: str | None) -> bool:
    """True for blank text, the draft mark, a stock "to come" phrase or lorem ipsum."""
    body = (text or "").strip()
    if not body:
        return True
    if body.casefold().startswith(DRAFT_MARK.casefold()) or "lorem ipsum" in body.casefold():
        return True
    bare = " ".join("".join(ch if ch.isalnum() else " " for ch in body.casefold()).split())
    return not bare or bare in _PLACEHOLDERS
