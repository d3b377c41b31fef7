"""Writes to business cases and policies. One transaction each; every write to a case

* checks the writer may make it (``cases/permissions.py``);
* checks the record's ``revision`` against the one the writer started from, and raises
  ``EditConflict`` instead of overwriting someone else's save;
* re-runs the appraisal when options, lines or the appraisal period changed;
* appends a ``CaseVersion`` snapshot, so every save can be compared with earlier ones.
"""

from __future__ import annotations

from sharedservices.cases.services.agreement import sharing_agreement_save
from sharedservices.cases.services.appraisal import case_appraise
from sharedservices.cases.services.case import (
    case_comment_add,
    case_create,
    case_preferred_option_update,
    case_section_update,
    case_share,
    case_staffing_update,
    case_update,
)
from sharedservices.cases.services.common import EditConflict
from sharedservices.cases.services.evidence import criterion_evidence_save
from sharedservices.cases.services.options import (
    option_delete,
    option_line_delete,
    option_line_save,
    option_save,
)
from sharedservices.cases.services.policies import policy_adopt_template, policy_version_create
from sharedservices.cases.services.records import case_record_delete, case_record_save
from sharedservices.cases.services.risks import risks_add_suggested

__all__ = [
    "EditConflict",
    "case_appraise",
    "case_comment_add",
    "case_create",
    "case_preferred_option_update",
    "case_record_delete",
    "case_record_save",
    "case_section_update",
    "case_share",
    "case_staffing_update",
    "case_update",
    "criterion_evidence_save",
    "option_delete",
    "option_line_delete",
    "option_line_save",
    "option_save",
    "policy_adopt_template",
    "policy_version_create",
    "risks_add_suggested",
    "sharing_agreement_save",
]
