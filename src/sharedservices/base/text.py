"""Reading lists people type into one box."""

from __future__ import annotations


def lines(text: str | None) -> list[str]:
    """One item per line (or per semicolon), trimmed, blanks dropped. Commas are not
    separators here: council and organisation names contain them ("Bristol, City of")."""
    return [line.strip() for line in (text or "").replace(";", "\n").splitlines() if line.strip()]
