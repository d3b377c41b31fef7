"""Writes of the governance workflow: one transaction each, the case row locked
(``select_for_update``), every refusal raised before anything is written, and every
write recorded in the audit trail. The pages and the API call these and nothing else."""

from sharedservices.governance.services.disputes import (
    dispute_close,
    dispute_open,
    dispute_step_add,
)
from sharedservices.governance.services.forward_plan import forward_plan_entry_save
from sharedservices.governance.services.live import (
    case_go_live,
    case_start_implementation,
    case_withdraw,
    milestone_save,
    withdrawals_apply_due,
)
from sharedservices.governance.services.workflow import (
    case_confirm,
    case_not_pursued,
    case_record_decision,
    case_record_scrutiny,
    case_request_call_in,
    case_resolve_call_in,
    case_submit,
)

__all__ = [
    "case_confirm",
    "case_go_live",
    "case_not_pursued",
    "case_record_decision",
    "case_record_scrutiny",
    "case_request_call_in",
    "case_resolve_call_in",
    "case_start_implementation",
    "case_submit",
    "case_withdraw",
    "dispute_close",
    "dispute_open",
    "dispute_step_add",
    "forward_plan_entry_save",
    "milestone_save",
    "withdrawals_apply_due",
]
