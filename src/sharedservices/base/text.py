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
