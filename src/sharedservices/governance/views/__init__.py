from sharedservices.governance.views.case import act, case
from sharedservices.governance.views.forward_plan import forward_plan, forward_plan_ics
from sharedservices.governance.views.records import (
    dispute_add,
    dispute_close,
    dispute_step,
    forward_plan_add,
    milestone_add,
)
from sharedservices.governance.views.timeline import arrangement_timeline, case_timeline

__all__ = [
    "act",
    "arrangement_timeline",
    "case",
    "case_timeline",
    "dispute_add",
    "dispute_close",
    "dispute_step",
    "forward_plan",
    "forward_plan_add",
    "forward_plan_ics",
    "milestone_add",
]
