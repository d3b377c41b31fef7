"""The "Known costs and households" lines of the Find partners form: one council a
line, ``name or code, baseline cost[, households]``, amounts read by the one money
parser. Every bad line is named; nothing is half-read."""

from __future__ import annotations

from sharedservices.analysis.money import MoneyError, parse_pounds, to_float
from sharedservices.base.text import lines
from sharedservices.councils.naming import UnknownCouncil, council_by_name_or_code


def parse(text: str) -> tuple[dict[str, tuple[float, float | None]], list[str]]:
    """``({code: (baseline cost, households or None)}, problems)``."""
    known, problems = {}, []
    for number, line in enumerate(lines(text), 1):
        parts = [p.strip() for p in line.split(",")]
        if len(parts) not in (2, 3):
            problems.append(
                f"Line {number}: give a council, its baseline cost and optionally its "
                "households, separated by commas"
            )
            continue
        try:
            council = council_by_name_or_code(parts[0])
        except UnknownCouncil as exc:
            problems.append(f"Line {number}: {exc.messages[0]}")
            continue
        numbers = []
        for label, amount in zip(
            ("baseline cost", "number of households"), parts[1:], strict=False
        ):
            try:
                value = to_float(parse_pounds(amount))
            except MoneyError:
                value = None
            if value is None or value <= 0:
                problems.append(f"Line {number}: the {label} must be a number more than 0")
            numbers.append(value)
        if all(v is not None and v > 0 for v in numbers):
            known[council.code] = (numbers[0], numbers[1] if len(numbers) > 1 else None)
    return known, problems
