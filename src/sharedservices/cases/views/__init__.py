"""Business case pages, one module per part of the case."""

from sharedservices.cases.views.agreement import agreement
from sharedservices.cases.views.cases import create, detail, edit, index, share, sharing
from sharedservices.cases.views.evidence import (
    baseline_delete,
    baseline_edit,
    baselines,
    criteria,
    evidence_edit,
)
from sharedservices.cases.views.options import (
    appraisal,
    line_delete,
    line_edit,
    option_delete,
    option_edit,
    options,
    preferred,
)
from sharedservices.cases.views.policies import (
    policies,
    policy,
    policy_adopt,
    policy_new_version,
)
from sharedservices.cases.views.risks import (
    consultation,
    consultation_delete,
    consultation_edit,
    risk_delete,
    risk_edit,
    risks,
    risks_suggested,
    staffing,
)
from sharedservices.cases.views.sections import section_edit, sections
from sharedservices.cases.views.versions import compare, versions

__all__ = [
    "agreement",
    "appraisal",
    "baseline_delete",
    "baseline_edit",
    "baselines",
    "compare",
    "consultation",
    "consultation_delete",
    "consultation_edit",
    "create",
    "criteria",
    "detail",
    "edit",
    "evidence_edit",
    "index",
    "line_delete",
    "line_edit",
    "option_delete",
    "option_edit",
    "options",
    "policies",
    "policy",
    "policy_adopt",
    "policy_new_version",
    "preferred",
    "risk_delete",
    "risk_edit",
    "risks",
    "risks_suggested",
    "section_edit",
    "sections",
    "share",
    "sharing",
    "staffing",
    "versions",
]
