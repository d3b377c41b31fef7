"""The one reader of the analysis engine's JSON inputs (appraisal, share, coalitions).

It collects problems instead of stopping at the first one: each is a JSON path and a
sentence a council officer can act on, raised together as one ``InputError`` so a
document is fixed in one pass. Each method returns the clean value, or None (or an
empty default) after noting why it could not.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from sharedservices.analysis.errors import Problem

# ONS's codes, and the provisional code of a council a reorganisation creates before ONS
# codes it (E06P00001: never equal to an ONS code; councils/models.py).
GSS_CODE = re.compile(r"^([A-Z][0-9]{8}|[A-Z][0-9]{2}P[0-9]{5})$")


def json_type(value: Any) -> str:
    """What a JSON value is, in words, for a message: "a string", "an array"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def is_number(value: Any) -> bool:
    """A JSON number (or a numpy one from a caller in Python), never true/false."""
    return type(value) in (int, float) or (
        isinstance(value, int | float | np.number) and not isinstance(value, bool)
    )


# No figure in a council's sharing, appraisal or partnership is near a thousand
# million million (a pound, a household, a kilometre or a unit of usage); above it a
# number is a typing error or a probe, and past about 10**28 ``decimal`` cannot round it.
LARGEST_NUMBER = 1e15


def finite(value: int | float) -> bool:
    """False for inf, nan and integers too large for a float (10**400 is valid JSON)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _what(what: str) -> str:
    return f" ({what})" if what else ""


class Reader:
    """Reads values of a JSON document, noting each problem with its path."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # -- one value ------------------------------------------------------------
    def obj(self, value: Any, path: str, what: str) -> dict | None:
        if not isinstance(value, dict):
            self.fail(path, f"must be an object{_what(what)}, not {json_type(value)}")
            return None
        return value

    def fields(self, value: dict, path: str, allowed: tuple, required: tuple = ()) -> None:
        """Unknown fields are errors: a misspelt "hgih" would otherwise be dropped."""
        for key in value:
            if key not in allowed:
                self.fail(
                    f"{path}.{key}",
                    f"unknown field '{key}'; the fields allowed here are: {', '.join(allowed)}",
                )
        for key in required:
            if key not in value:
                self.fail(f"{path}.{key}", f"is required: add '{key}'")

    def integer(self, value: Any, path: str, low: int, high: int, what: str) -> int | None:
        if isinstance(value, bool) or not (
            isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        ):
            self.fail(path, f"must be a whole number{_what(what)}, not {json_type(value)}")
            return None
        if not low <= value <= high:
            self.fail(path, f"must be between {low} and {high}{_what(what)}; got {value:g}")
            return None
        return int(value)

    def number(
        self,
        value: Any,
        path: str,
        *,
        low: float | None = None,
        high: float | None = None,
        low_open: bool = False,
        what: str = "",
    ) -> float | None:
        if not is_number(value) or not finite(value):
            shown = json_type(value) if not is_number(value) else repr(value)
            self.fail(path, f"must be a finite number{_what(what)}, not {shown}")
            return None
        value = float(value)
        if abs(value) > LARGEST_NUMBER:
            self.fail(path, f"is too large to be real{_what(what)}: at most {LARGEST_NUMBER:g}")
            return None
        if low is not None and (value < low or (low_open and value == low)):
            bound = f"more than {low:g}" if low_open else f"at least {low:g}"
            self.fail(path, f"must be {bound}{_what(what)}; got {value:g}")
            return None
        if high is not None and value > high:
            self.fail(path, f"must be at most {high:g}{_what(what)}; got {value:g}")
            return None
        return value

    def text(self, value: Any, path: str, what: str) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"must be a non-empty string{_what(what)}, not {json_type(value)}")
            return None
        return value

    def choice(self, value: Any, path: str, choices: tuple, what: str) -> str | None:
        if not isinstance(value, str) or value not in choices:
            shown = f"'{value}'" if isinstance(value, str) else json_type(value)
            self.fail(path, f"must be one of {', '.join(choices)}{_what(what)}; got {shown}")
            return None
        return value

    def code(self, value: Any, path: str, known: dict[str, int] | None = None) -> str | None:
        if not isinstance(value, str) or not GSS_CODE.match(value):
            self.fail(path, f"must be a GSS code such as E07000121, not {value!r}")
            return None
        if known is not None and value not in known:
            self.fail(path, f"{value} is not one of the councils given")
            return None
        return value

    def pair(self, value: Any, path: str, known: dict[str, int]) -> tuple[int, int] | None:
        if not isinstance(value, list) or len(value) != 2:
            self.fail(path, 'must be a pair of council codes like ["E07000117", "E07000120"]')
            return None
        a = self.code(value[0], f"{path}[0]", known)
        b = self.code(value[1], f"{path}[1]", known)
        if a is None or b is None:
            return None
        if a == b:
            self.fail(path, f"names {a} twice")
            return None
        return known[a], known[b]

    # -- one field of an object -----------------------------------------------
    def field_number(
        self,
        obj: dict,
        key: str,
        path: str,
        *,
        default: Any = ...,
        minimum: float | None = None,
        maximum: float | None = None,
        strict_minimum: bool = False,
        what: str = "",
    ) -> float | None:
        """``obj[key]`` as a number; a missing or null field is ``default``, or an error
        when there is none."""
        where = f"{path}.{key}"
        if key not in obj or obj[key] is None:
            if default is ...:
                self.fail(where, "is required")
            return None if default is ... else default
        return self.number(
            obj[key], where, low=minimum, high=maximum, low_open=strict_minimum, what=what
        )

    def boolean(self, obj: dict, key: str, path: str, default: bool) -> bool:
        value = obj.get(key, default)
        if not isinstance(value, bool):
            self.fail(f"{path}.{key}", f"must be true or false, not {json_type(value)}")
            return default
        return value

    def mapping(self, obj: dict, key: str, path: str, required: bool = False) -> dict:
        value = obj.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}", "is required")
            return {}
        return self.obj(value, f"{path}.{key}", "") or {}

    def listing(self, obj: dict, key: str, path: str, required: bool = False) -> list:
        value = obj.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}", "is required")
            return []
        if not isinstance(value, list):
            self.fail(f"{path}.{key}", f"must be an array, not {json_type(value)}")
            return []
        return value
