"""One error type for every bad input to the analysis package.

Users fix their JSON by path, so each problem carries the JSON path of the field
at fault (``$.options[1].lines[0].values.2027``) and a sentence saying what is
wrong. All problems are collected before raising, so one run lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InputError(ValueError):
    """Raised with every problem found in one input document."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems) or "invalid input")

    def as_dict(self) -> dict[str, list[dict[str, str]]]:
        return {"errors": [p.as_dict() for p in self.problems]}
