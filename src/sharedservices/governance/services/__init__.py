"""Writes of the governance workflow: one transaction each, the case row locked
(``select_for_update``), every refusal raised before anything is written, and every
write recorded in the audit trail. The pages and the API call these and nothing else.

``MOVES`` is the table of the case's moves, each declared beside its service
(``transitions.move``), in the order of the case's life."""

from sharedservices.governance.services.confirming import case_confirm
from sharedservices.governance.services.deciding import (
    case_record_decision,
    case_request_call_in,
    case_resolve_call_in,
)
from sharedservices.governance.services.disputes import (
    dispute_close,
    dispute_open,
    dispute_step_add,
)
from sharedservices.governance.services.forward_plan import (
    forward_plan_entry_save,
    forward_plan_keeper_problem,
)
from sharedservices.governance.services.live import (
    case_go_live,
    case_start_implementation,
    case_withdraw,
    milestone_save,
    withdrawals_apply_due,
)
from sharedservices.governance.services.workflow import (
    case_not_pursued,
    case_record_scrutiny,
    case_submit,
)
from sharedservices.governance.transitions import in_order

MOVES = in_order()

__all__ = [
    "MOVES",
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
    "forward_plan_keeper_problem",
    "milestone_save",
    "withdrawals_apply_due",
]
