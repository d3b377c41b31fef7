"""Reading request bodies and query strings without letting absurd input through.

Fuzzing found input that parses as JSON but breaks something further in: a
document nested 1,000 deep (recursion in the readers), integers too large for a
float (``10**400`` overflows ``math.isfinite``; over 4,300 digits Python refuses
to convert them), lone surrogates (``"\\ud800"`` cannot be encoded as UTF-8) and
NUL characters (PostgreSQL rejects them in text). They are refused here, once,
with the JSON path of the offending value, before any endpoint sees them.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ninja.parser import Parser

from sharedservices.analysis.errors import InputError, Problem

MAX_DEPTH = 64
# Digits beyond which an integer is read as infinity, which every number check then
# refuses with its own path and message (a float holds at most about 1.8e308).
MAX_INTEGER_DIGITS = 308
_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")


def _integer(text: str) -> int | float:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        return float("-inf") if text.startswith("-") else float("inf")
    return int(text)


def _constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _text_problem(text: str) -> str | None:
    match = _BAD_TEXT.search(text)
    if match is None:
        return None
    if match.group() == "\x00":
        return "must not contain a NUL character"
    return "must not contain a lone surrogate (text must be valid Unicode)"


def problems_in(document: Any, root: str = "$") -> list[Problem]:
    """Depth, NUL and surrogate problems of a parsed document, walked without
    recursion (the document may be the 1,000-deep one)."""
    problems: list[Problem] = []
    stack: list[tuple[Any, str, int]] = [(document, root, 0)]
    while stack and len(problems) < 20:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            problems.append(Problem(path, f"is nested more than {MAX_DEPTH} levels deep"))
            continue
        if isinstance(value, str):
            if message := _text_problem(value):
                problems.append(Problem(path, message))
        elif isinstance(value, dict):
            for key, item in value.items():
                where = f"{path}.{key}"
                if message := _text_problem(key):
                    problems.append(Problem(path, f"has a key that {message}"))
                    continue
                stack.append((item, where, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value))
    return problems


class BodyRefused(ValueError):
    """A body that parsed but may not be read further; django-ninja wraps it in a
    400, and the error handler (``api/errors.py``) answers its problems as a 422."""

    def __init__(self, problems: list[Problem]):
        self.error = InputError(problems)
        super().__init__(str(self.error))


class SafeParser(Parser):
    def parse_body(self, request):
        try:
            document = json.loads(request.body, parse_int=_integer, parse_constant=_constant)
        except RecursionError:
            raise BodyRefused(
                [Problem("$", f"is nested more than {MAX_DEPTH} levels deep")]
            ) from None
        if problems := problems_in(document):
            raise BodyRefused(problems)
        return document

    def parse_querydict(self, data, list_fields, request):
        problems = [
            Problem(f"query.{key}", message)
            for key in data
            for value in [key, *data.getlist(key)]
            if (message := _text_problem(value))
        ]
        if problems:
            raise InputError(problems)
        return super().parse_querydict(data, list_fields, request)
