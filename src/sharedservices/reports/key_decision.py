"""The front sheet's key-decision line: the route the decision actually takes to meet the
28 clear days rule (the Local Authorities (Executive Arrangements) (Meetings and Access to
Information) (England) Regulations 2012: reg 9, the forward plan; reg 10, general
exception; reg 11, special urgency, each with its reason)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sharedservices.governance.forward_plan_rules import notice_given
from sharedservices.governance.models import Decision, ExceptionRoute

TO_FILL = "To be completed"


@dataclass(frozen=True)
class KeyDecisionRoute:
    line: str  # the words on the front sheet
    problem: str = ""  # why the report cannot be published with it ("" when it can)


def _date(value: datetime.date | None) -> str:
    return f"{value:%-d %B %Y}" if value else TO_FILL


def key_decision_route(*, report, case, council, plan, meeting_date, executive) -> KeyDecisionRoute:
    """The route recorded with the council's decision if it was taken under an exception,
    else the one the report records, else the forward plan entry (checked for 28 clear
    days before the meeting on a cabinet report)."""
    decision = (
        Decision.objects.filter(case=case, council=council)
        .exclude(exception_route="")
        .order_by("-decided_on", "-pk")
        .first()
        if case.pk and getattr(council, "pk", None)
        else None
    )
    route, reason = (
        (decision.exception_route, decision.exception_reason)
        if decision
        else (report.exception_route, report.exception_reason)
    )
    if route in (ExceptionRoute.GENERAL_EXCEPTION, ExceptionRoute.SPECIAL_URGENCY):
        label = ExceptionRoute(route).label
        reason = (reason or "").strip()
        line = f"Yes: taken under {label[0].lower()}{label[1:]} of the 2012 regulations"
        if not reason:
            return KeyDecisionRoute(
                line, f"The reason for using {label[0].lower()}{label[1:]} is not given"
            )
        return KeyDecisionRoute(f"{line}: {reason}")
    if plan is None:
        return KeyDecisionRoute("Not in the forward plan")
    entry = (
        f"forward plan entry published {_date(plan.published_on)},"
        f" for decision on {_date(plan.expected_on)}"
    )
    if executive and meeting_date and not notice_given(council, case, meeting_date):
        return KeyDecisionRoute(
            f"Yes: {entry}, less than 28 clear days before the meeting",
            "The forward plan entry gives less than 28 clear days' notice of the meeting on"
            f" {_date(meeting_date)}: record the general exception or special urgency route,"
            " with its reason, in the report's details",
        )
    return KeyDecisionRoute(f"Yes: {entry} (28 clear days' notice)")
