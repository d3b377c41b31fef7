"""The fields a governance write reads (dates, text, choices), checked the same way for
the pages and the API: a bad one is a ``BadFields`` naming its path, never a 500."""

from __future__ import annotations

import datetime

from sharedservices.governance import limits
from sharedservices.governance.errors import BadFields

EARLIEST = datetime.date(1990, 1, 1)


def read_date(value, path: str, *, not_after: datetime.date | None = None) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise BadFields("Give a date", path=path)
    if value < EARLIEST:
        raise BadFields(f"The date must be after {EARLIEST:%Y}", path=path)
    if not_after and value > not_after:
        raise BadFields(f"The date cannot be after {not_after:%d %B %Y}", path=path)
    return value


def read_text(value, path: str, *, max_length: int = limits.TEXT, required: bool = True) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None:
        raise BadFields("Give text", path=path)
    if required and not text:
        raise BadFields("This cannot be empty", path=path)
    if len(text) > max_length:
        raise BadFields(f"At most {max_length} characters", path=path)
    return text


def read_choice(value, choices, path: str) -> str:
    allowed = [v for v in choices.values if v]
    if value not in allowed:
        raise BadFields(f"Choose one of: {', '.join(allowed)}", path=path)
    return value
