"""Money: one parser, one formatter, one rounding rule, one border.

Pounds are exact (``Decimal`` or whole-pound ``int``) in the database, forms and files,
and ``float`` inside the maths, where numpy needs them. They change type only at the
border of ``analysis/``: ``to_float`` as a document goes in, ``to_decimal`` if a result
is stored as money. Pure Python, no Django, so the maths and the pages share it.

Shown on screen, a negative amount takes the minus sign U+2212 (screen readers say
"minus"; a hyphen is read as "dash"), and an empty amount reads ``EMPTY``.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

MINUS = "\u2212"
EMPTY = "Not reported"
# Larger than any council budget, so "1e300" or a pasted row of nines is a typing
# error with a message, not an overflow further on.
LARGEST = Decimal("1e13")

_UNITS = {
    "": 1,
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
_AMOUNT = re.compile(
    r"""^(?P<sign>[-\u2212]?)\s*£?\s*(?P<sign2>[-\u2212]?)\s*
        (?P<number>\d[\d,_\s]*(?:\.\d*)?|\.\d+)\s*
        (?P<unit>k|thousand|m|million|bn|billion)?$""",
    re.IGNORECASE | re.VERBOSE,
)


class MoneyError(ValueError):
    """Text that is not an amount of money; the message says so in words."""


def parse_pounds(text: str) -> Decimal:
    """Pounds from what people type: "£1,234", "1234.50", "£1.2m", "90k", "−£5",
    "2 million". Raises ``MoneyError`` for anything else (including NaN and infinity)."""
    cleaned = str(text).strip()
    match = _AMOUNT.match(cleaned)
    if not match or (match["sign"] and match["sign2"]):
        raise MoneyError(f"'{text}' is not an amount in pounds")
    digits = re.sub(r"[,_\s]", "", match["number"])
    try:
        amount = Decimal(digits) * _UNITS[(match["unit"] or "").lower()]
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise MoneyError(f"'{text}' is not an amount in pounds") from None
    if amount > LARGEST:
        raise MoneyError(f"'{text}' is more than £{LARGEST:,.0f}")
    return -amount if (match["sign"] or match["sign2"]) else amount


def round_pounds(amount, places: int = 0) -> Decimal:
    """Round half up (what a reader expects of money: £0.50 rounds to £1). The
    precision is the amount's own, so a huge figure is rounded, never refused by
    ``decimal``'s 28-digit default."""
    value = Decimal(str(amount))
    with localcontext() as context:
        context.prec = max(28, value.adjusted() + places + 2)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def round_pence(x: float) -> float:
    """The maths' results to the penny, staying ``float``."""
    return round(float(x), 2)


def to_float(amount) -> float:
    """Into the maths: an exact amount (``Decimal``, ``int``, a numeric string) as float."""
    return float(amount)


def to_decimal(x: float, places: int = 2) -> Decimal:
    """Out of the maths: a float result as an exact amount, rounded half up."""
    return round_pounds(repr(float(x)), places)


def format_pounds(amount, *, pence: bool = False, short: bool = False) -> str:
    """£1,234 (or £1,234.56 with ``pence``; £1.20m or £90k with ``short``), −£1,234 for a
    negative amount, ``EMPTY`` for ``None`` or an empty string."""
    if amount is None or amount == "":
        return EMPTY
    value = Decimal(str(amount))
    sign = MINUS if value < 0 else ""
    value = abs(value)
    if short and value >= 1_000_000:
        text = f"{round_pounds(value / 1_000_000, 2)}m"
    elif short and value >= 1_000:
        text = f"{round_pounds(value / 1_000)}k"
    elif pence:
        text = f"{round_pounds(value, 2):,}"
    else:
        text = f"{round_pounds(value):,}"
    if text.startswith("0") and round_pounds(value, 2 if pence else 0) == 0:
        sign = ""  # no "−£0"
    return f"{sign}£{text}"


def format_pence(amount) -> str:
    """£1,234.56: the maths' explanations, which show pence."""
    return format_pounds(amount, pence=True)


def format_number(amount) -> str:
    """1,234 or 1,234.5: thousands separators and at most two decimals, no trailing
    zeros (a count, a number of days, a percentage's figure)."""
    d = Decimal(str(amount)).normalize()
    if d == d.to_integral():
        return f"{int(d):,}"
    return f"{d:,.2f}".rstrip("0").rstrip(".")


def format_figure(amount, unit: str) -> str:
    """A figure in its unit, as a reader writes it: money with the pound sign in front
    ("£410,000 a year" for 410000 in "£ a year"; pence only when there are any), a
    percentage with the sign after ("97.5%"), anything else after a space ("12 days").
    ``unit`` is free text ("£ a year", "%", "days") or a code ("gbp", "percent", "count")."""
    if amount is None or amount == "":
        return ""
    unit = (unit or "").strip()
    if unit == "gbp" or unit.startswith("£"):
        value = Decimal(str(amount))
        text = format_pounds(value, pence=value != value.to_integral())
        rest = "" if unit == "gbp" else unit[1:].strip()
        return f"{text} {rest}" if rest else text
    number = format_number(amount)
    if number.startswith("-"):
        number = MINUS + number[1:]
    if unit in ("%", "percent"):
        return f"{number}%"
    return f"{number} {unit}" if unit and unit != "count" else number
