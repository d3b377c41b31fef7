"""Business cases, the councils' policies they are checked against, and their parts."""

from sharedservices.cases.models.agreement import ShareBasis, SharingAgreement
from sharedservices.cases.models.case import (
    BusinessCase,
    BusinessCaseQuerySet,
    CaseComment,
    CaseSection,
    CaseStage,
    CaseVersion,
    SectionPart,
)
from sharedservices.cases.models.evidence import (
    Baseline,
    BaselineKind,
    CriterionEvidence,
    EvidenceSource,
    EvidenceStatus,
)
from sharedservices.cases.models.options import (
    CostCategory,
    Distribution,
    LineKind,
    Option,
    OptionLine,
    Scaling,
)
from sharedservices.cases.models.policy import Criterion, Policy, PolicyVersion
from sharedservices.cases.models.risks import (
    ConsultationEntry,
    ConsultationGroup,
    Risk,
    RiskStatus,
)

__all__ = [
    "Baseline",
    "BaselineKind",
    "BusinessCase",
    "BusinessCaseQuerySet",
    "CaseComment",
    "CaseSection",
    "CaseStage",
    "CaseVersion",
    "ConsultationEntry",
    "ConsultationGroup",
    "CostCategory",
    "Criterion",
    "CriterionEvidence",
    "Distribution",
    "EvidenceSource",
    "Scaling",
    "EvidenceStatus",
    "LineKind",
    "Option",
    "OptionLine",
    "Policy",
    "PolicyVersion",
    "Risk",
    "RiskStatus",
    "SectionPart",
    "ShareBasis",
    "SharingAgreement",
]
