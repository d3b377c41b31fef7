"""The fields each governance move takes, as typed schemas (django-ninja's ``Schema``,
which is pydantic). The API reads an action's body into these through its hardened
parser; the pages read the same values through their forms. Limits come from
``limits.py``; the domain rules (dates not in the future, the forward plan's notice)
stay in the services, which every door calls."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field, StrictBool, StrictInt

from sharedservices.governance import limits
from sharedservices.governance.models import (
    CallInOutcome,
    DecisionKind,
    ExceptionRoute,
    ExitCostSharing,
    Recommendation,
)


def _choices(choices) -> object:
    """A ``Literal`` of a ``TextChoices``' stored values (the empty "none" left out)."""
    return Literal[tuple(v for v in choices.values if v)]


def _iso_date(value):
    if not isinstance(value, str):
        raise ValueError("Give a date as YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError("Give a date as YYYY-MM-DD") from None


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]
CouncilCode = Annotated[
    str, Field(pattern=r"^[A-Z][0-9]{8}$", description="GSS code of the council acting")
]
Text = Annotated[str, Field(max_length=limits.TEXT)]


class MoveFields(Schema):
    """No fields beyond the action; anything else sent is refused, not ignored."""

    model_config = ConfigDict(extra="forbid")


class CouncilFields(MoveFields):
    council: CouncilCode


class ScrutinyFields(CouncilFields):
    recommendation: _choices(Recommendation)  # type: ignore[valid-type]
    met_on: IsoDate
    findings: Text


class DecisionFields(CouncilFields):
    decision: _choices(DecisionKind)  # type: ignore[valid-type]
    decided_on: IsoDate
    published_on: IsoDate
    minute_reference: Annotated[str, Field(max_length=limits.MINUTE_REFERENCE)]
    key_decision: StrictBool
    exception_route: _choices(ExceptionRoute) | None = None  # type: ignore[valid-type]
    exception_reason: Text | None = None


class CallInFields(CouncilFields):
    reasons: Text


class ResolveCallInFields(CouncilFields):
    outcome: _choices(CallInOutcome)  # type: ignore[valid-type]
    met_on: IsoDate
    minute_reference: Annotated[str, Field(max_length=limits.MINUTE_REFERENCE)]


class WithdrawFields(CouncilFields):
    notice_given_on: IsoDate
    leaves_on: IsoDate
    reasons: Text
    exit_costs_gbp: Annotated[StrictInt, Field(ge=0, lt=limits.MAX_GBP)] | None = None
    exit_cost_sharing: _choices(ExitCostSharing) | None = None  # type: ignore[valid-type]


class NotPursuedFields(MoveFields):
    reason: Annotated[str, Field(max_length=limits.REASON)]
