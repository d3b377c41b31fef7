"""Small readers that collect problems instead of stopping at the first one."""

from __future__ import annotations

import math
import re
from typing import Any

from sharedservices.analysis.errors import Problem

GSS_CODE = re.compile(r"^[A-Z][0-9]{8}$")


def _finite(value: int | float) -> bool:
    """False for inf, nan and integers too large for a float (10**400 is valid JSON)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


class Reader:
    """Reads fields of a JSON document, noting each problem with its path."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def number(
        self,
        obj: dict,
        key: str,
        path: str,
        *,
        default: Any = ...,
        minimum: float | None = None,
        maximum: float | None = None,
        strict_minimum: bool = False,
    ) -> float | None:
        where = f"{path}.{key}"
        if key not in obj or obj[key] is None:
            if default is ...:
                self.fail(where, "is required")
            return None if default is ... else default
        value = obj[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or not _finite(value):
            self.fail(where, f"must be a number, not {value!r}")
            return None
        if minimum is not None and (value <= minimum if strict_minimum else value < minimum):
            word = "greater than" if strict_minimum else "at least"
            self.fail(where, f"must be {word} {minimum:g}, not {value:g}")
            return None
        if maximum is not None and value > maximum:
            self.fail(where, f"must be at most {maximum:g}, not {value:g}")
            return None
        return float(value)

    def boolean(self, obj: dict, key: str, path: str, default: bool) -> bool:
        value = obj.get(key, default)
        if not isinstance(value, bool):
            self.fail(f"{path}.{key}", f"must be true or false, not {value!r}")
            return default
        return value

    def mapping(self, obj: dict, key: str, path: str, required: bool = False) -> dict:
        value = obj.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}", "is required")
            return {}
        if not isinstance(value, dict):
            self.fail(f"{path}.{key}", "must be an object")
            return {}
        return value

    def listing(self, obj: dict, key: str, path: str, required: bool = False) -> list:
        value = obj.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}", "is required")
            return []
        if not isinstance(value, list):
            self.fail(f"{path}.{key}", "must be a list")
            return []
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
