"""The one rule set for an actual, whichever door it comes through (the form, the CSV
upload, ``import_actuals``, the demo): ``actual_check`` names each problem by field."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sharedservices.analysis.benefits import PeriodError, parse_period
from sharedservices.base.text import unstorable
from sharedservices.registry.links import web_address_problem

MAX_VALUE = Decimal("1e12")
MAX_NOTE = 2000
FREQUENCY_EXAMPLE = {"monthly": "2027-03", "quarterly": "2027/28 Q1", "annual": "2027/28"}


@dataclass
class ActualInput:
    council: str
    period: str
    value: str | Decimal | float | None
    note: str = ""
    evidence_url: str = ""


def parse_value(raw) -> Decimal:
    """A number as councils write it: ``1,250.5``, ``£1250``, ``97.5%``."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise ValueError("enter a value")
    if isinstance(raw, float) and not math.isfinite(raw):
        raise ValueError("must be a number")
    text = str(raw).strip().replace(",", "").lstrip("£").rstrip("%").strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError("must be a number, such as 97.5 or 1250") from None
    if not value.is_finite():
        raise ValueError("must be a number")
    if value < 0:
        raise ValueError("cannot be negative")
    if value >= MAX_VALUE:
        raise ValueError("is too large to be real (at most 999,999,999,999)")
    return value.quantize(Decimal("0.0001"))


def actual_check(
    data: ActualInput, *, indicator, council_codes: set[str], today: datetime.date | None = None
) -> tuple[dict[str, str], dict]:
    """(problems by field, cleaned values). ``council_codes`` are the councils the
    indicator applies to."""
    problems: dict[str, str] = {}
    clean: dict = {}
    if data.council not in council_codes:
        problems["council"] = "is not a partner this indicator applies to"
    else:
        clean["council"] = data.council
    try:
        period = parse_period(data.period)
    except PeriodError as e:
        problems["period"] = str(e)
    else:
        if period.frequency != indicator.frequency:
            example = FREQUENCY_EXAMPLE[indicator.frequency]
            problems["period"] = (
                f"this indicator is {indicator.get_frequency_display().lower()}: "
                f"write the period like {example}"
            )
        elif period.starts_on > (today or datetime.date.today()):
            problems["period"] = "has not started yet"
        else:
            clean["period"] = str(period)
    try:
        clean["value"] = parse_value(data.value)
    except ValueError as e:
        problems["value"] = str(e)
    else:
        if indicator.unit == "percent" and clean["value"] > 100:
            problems["value"] = "a percentage cannot be over 100"
    note = (data.note or "").strip()
    if len(note) > MAX_NOTE:
        problems["note"] = f"must be at most {MAX_NOTE} characters"
    elif unstorable(note):
        problems["note"] = "must not contain NUL characters or invalid Unicode"
    clean["note"] = note
    url = (data.evidence_url or "").strip()
    if url and (unstorable(url) or web_address_problem(url)):
        problems["evidence_url"] = "must be a web address starting http:// or https://"
    clean["evidence_url"] = url
    return problems, clean
