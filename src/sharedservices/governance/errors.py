"""Why a move was refused. Each carries the HTTP status the API answers with and a list
of ``{"path", "message"}`` problems (the API's error shape); the pages show the messages.
Every refusal is raised before anything is written, so a refused move changes nothing."""

from __future__ import annotations


class MoveRefused(Exception):
    status = 400

    def __init__(self, problems: str | list[tuple[str, str]], path: str = "action"):
        if isinstance(problems, str):
            problems = [(path, problems)]
        self.problems = [{"path": p, "message": m} for p, m in problems]
        super().__init__("; ".join(m for _, m in problems))

    @property
    def messages(self) -> list[str]:
        return [p["message"] for p in self.problems]


class NotAllowedNow(MoveRefused):
    """The case's state (or its records) does not allow the move: 409. When it waits
    only on a date (a call-in period running), ``possible_on`` says which."""

    status = 409

    def __init__(self, problems, path: str = "action", *, possible_on=None):
        super().__init__(problems, path)
        self.possible_on = possible_on


class NotYours(MoveRefused):
    """The user's role or council may not make the move: 403."""

    status = 403


class BadFields(MoveRefused):
    """A field is missing or wrong: 422."""

    status = 422
