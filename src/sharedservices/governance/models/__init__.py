"""Governance models: the audit trail and the workflow of each partner council's decision."""

from sharedservices.governance.models.audit import AuditEvent, AuditEventImmutable
from sharedservices.governance.models.forward_plan import ForwardPlanEntry
from sharedservices.governance.models.live import (
    Dispute,
    DisputeStep,
    ExitCostSharing,
    Milestone,
    Withdrawal,
)
from sharedservices.governance.models.regrouping import PartnerChange
from sharedservices.governance.models.workflow import (
    CallIn,
    CallInOutcome,
    CaseGovernance,
    CaseState,
    CouncilGovernance,
    Decision,
    DecisionBasis,
    DecisionKind,
    ExceptionRoute,
    ExitKind,
    PartnerExit,
    Recommendation,
    ScrutinyRecord,
)

__all__ = [
    "AuditEvent",
    "AuditEventImmutable",
    "CallIn",
    "CallInOutcome",
    "CaseGovernance",
    "CaseState",
    "CouncilGovernance",
    "Decision",
    "DecisionBasis",
    "DecisionKind",
    "Dispute",
    "DisputeStep",
    "ExceptionRoute",
    "ExitCostSharing",
    "ExitKind",
    "ForwardPlanEntry",
    "Milestone",
    "PartnerChange",
    "PartnerExit",
    "Recommendation",
    "ScrutinyRecord",
    "Withdrawal",
]
