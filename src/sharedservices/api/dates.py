"""``?on=YYYY-MM-DD`` and ``?scenario=<reorganisation id>`` for the API (councils/dates.py)."""

from __future__ import annotations

import datetime as dt

from ninja.errors import HttpError

from sharedservices.councils.dates import DateError, parse_on, parse_scenario
from sharedservices.councils.models import Reorganisation


def on_and_scenario(
    on: str | None, scenario: str | None
) -> tuple[dt.date, tuple[Reorganisation, ...]]:
    """The date and the proposed reorganisations asked for, or a 400 in the error shape."""
    try:
        return parse_on(on), parse_scenario([scenario or ""])
    except DateError as exc:
        raise HttpError(400, str(exc)) from None
