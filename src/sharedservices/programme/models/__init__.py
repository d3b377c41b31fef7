"""Programmes, clusters and the opportunity pipeline (one module per domain word)."""

from sharedservices.programme.models.opportunities import (
    EXPLORING,
    PIPELINE,
    EventKind,
    Opportunity,
    OpportunityEvent,
    OpportunityStage,
    stage_position,
)
from sharedservices.programme.models.programmes import (
    Allocation,
    FundingPot,
    Programme,
    ProgrammeEvent,
    Spend,
)
from sharedservices.programme.models.scoring import (
    MAX_SCORE,
    MAX_WEIGHT,
    Criterion,
    Score,
    Weight,
    WeightSet,
)

__all__ = [
    "EXPLORING",
    "MAX_SCORE",
    "MAX_WEIGHT",
    "PIPELINE",
    "Allocation",
    "Criterion",
    "EventKind",
    "FundingPot",
    "Opportunity",
    "OpportunityEvent",
    "OpportunityStage",
    "Programme",
    "ProgrammeEvent",
    "Score",
    "Spend",
    "Weight",
    "WeightSet",
    "stage_position",
]
