"""The programme's opportunity follows its business case: when the case moves, the
opportunity it came from moves to the matching stage of the pipeline (business case,
decision, live, not pursued), so the stage board counts what is really happening."""

from __future__ import annotations

from sharedservices.governance.models import CaseState
from sharedservices.programme.models import Opportunity, OpportunityStage
from sharedservices.programme.services.opportunities import opportunity_move

DECIDING = (CaseState.DECISIONS, CaseState.CALL_IN, CaseState.APPROVED, CaseState.IMPLEMENTATION)
STATE_LABELS = dict(CaseState.choices)


def stage_for(case, state: str) -> str | None:
    """The pipeline stage of a case in ``state``; None when the case says nothing new
    (an arrangement that ended was live: the pipeline leaves it there)."""
    if state in (CaseState.DRAFT, CaseState.SUBMITTED, CaseState.SCRUTINY):
        return case.stage if case.stage in OpportunityStage.values else OpportunityStage.FBC
    if state in DECIDING:
        return OpportunityStage.DECISION
    if state == CaseState.LIVE:
        return OpportunityStage.LIVE
    if state == CaseState.NOT_PURSUED:
        return OpportunityStage.NOT_PURSUED
    return None


def opportunity_follow(case, state: str, reason: str = "") -> None:
    if not case.opportunity_id:
        return
    opportunity = Opportunity.objects.get(pk=case.opportunity_id)
    stage = stage_for(case, state)
    if stage is None or opportunity.stage == stage:
        return
    why = f"The business case is {STATE_LABELS[state].lower()}"
    # A system move (user None): the governance move that caused it was checked already.
    opportunity_move(
        user=None,
        opportunity=opportunity,
        to_stage=stage,
        reason=f"{why}: {reason}" if reason else why,
    )
