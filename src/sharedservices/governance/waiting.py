"""What waits for me: the dashboard's list of what this user must act on, read from the
same transition table and records as the pages, so it offers only moves they may make."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from sharedservices.accounts.roles import Role
from sharedservices.cases.readiness import cases_readiness
from sharedservices.cases.selectors import cases_visible_to
from sharedservices.councils.dates import reorganisations_in_view, successor_map
from sharedservices.governance.forward_plan_outcomes import outcomes
from sharedservices.governance.models import CaseGovernance, CaseState, ForwardPlanEntry, Withdrawal
from sharedservices.governance.records import load_records_many
from sharedservices.governance.selectors import allowed_actions
from sharedservices.governance.tenancy import acting_council_ids
from sharedservices.registry.models import Arrangement, ArrangementStatus
from sharedservices.registry.reorganisation import arrangement_effects

HEADINGS = {
    "submit": "Cases to submit",
    "record_scrutiny": "Cases to scrutinise",
    "record_decision": "Cases to decide",
    "resolve_call_in": "Call-ins to resolve",
    "request_call_in": "Decisions you may call in",
    "confirm": "Decisions to confirm",
    "start_implementation": "Cases to implement",
    "go_live": "Cases ready to go live",
}
ACTIVE = [
    CaseState.DRAFT,
    CaseState.SUBMITTED,
    CaseState.SCRUTINY,
    CaseState.DECISIONS,
    CaseState.CALL_IN,
    CaseState.APPROVED,
    CaseState.IMPLEMENTATION,
]


@dataclass(frozen=True)
class Waiting:
    heading: str
    items: list  # (text, url)


def waiting_for(user, *, today: datetime.date | None = None) -> list[Waiting]:
    today = today or timezone.localdate()
    codes = acting_council_ids(user)
    if not codes:
        return []
    cases = list(cases_visible_to(user))
    states = dict(CaseGovernance.objects.filter(case__in=cases).values_list("case_id", "state"))
    groups: dict[str, list] = {key: [] for key in HEADINGS}
    active = [case for case in cases if states.get(case.pk, CaseState.DRAFT) in ACTIVE]
    loaded = load_records_many(active)  # a fixed number of queries for all of them
    moves = {case.pk: allowed_actions(user, loaded[case.pk], today) for case in active}
    # A draft is offered to submit only when ready: checked for all of them at once.
    drafts = [
        case
        for case in active
        if "submit" in moves[case.pk] and loaded[case.pk].state == CaseState.DRAFT
    ]
    ready = cases_readiness(drafts) if drafts else {}
    for case in active:
        url = reverse("governance:case", args=[case.pk])
        for action in moves[case.pk]:
            if action == "submit" and case.pk in ready and not ready[case.pk].ready:
                continue
            if action in groups:
                groups[action].append((case.title, url))
    result = [Waiting(HEADINGS[k], v) for k, v in groups.items() if v]
    month_end = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    due = list(
        ForwardPlanEntry.objects.filter(
            council__in=codes, expected_on__gte=today.replace(day=1), expected_on__lt=month_end
        ).select_related("council")
    )
    found = outcomes(due)  # a decision taken (or withdrawn) is no longer due
    due = [e for e in due if e.pk not in found or found[e.pk].status == "planned"]
    if due:
        result.append(
            Waiting(
                "Decisions due this month",
                [
                    (
                        f"{e.what} ({e.council.name}, {e.expected_on:%d %B %Y})",
                        reverse("governance:forward-plan", args=[e.council_id]),
                    )
                    for e in due
                ],
            )
        )
    visible = [c.pk for c in cases]
    notices = Withdrawal.objects.filter(case__in=visible, applied_at__isnull=True).select_related(
        "council", "case"
    )
    if notices:
        result.append(
            Waiting(
                "Withdrawals and notices",
                [
                    (
                        f"{w.council.name} leaves {w.case.title} on {w.leaves_on:%d %B %Y}",
                        reverse("governance:case", args=[w.case_id]),
                    )
                    for w in notices
                ],
            )
        )
    result += _reorganisation_tasks(user, codes)
    return result


def _reorganisation_tasks(user, codes) -> list[Waiting]:
    """A lead officer's task: each live arrangement of their council that a reorganisation
    ahead changes, with what happens and the date (registry/reorganisation.py)."""
    if not user.has_role(Role.LEAD_OFFICER):
        return []
    chosen = reorganisations_in_view()
    if not any(set(successor_map(r)) & codes for r in chosen):
        return []
    live = (
        Arrangement.objects.visible_to(user)
        .filter(status=ArrangementStatus.LIVE, partners__council__in=codes)
        .distinct()
    )
    items = [
        (
            f"{a.name}: {e.label.split(':')[0].lower()} from {e.on:%-d %B %Y} "
            f"({e.reorganisation.name} vesting day)",
            a.get_absolute_url(),
        )
        for a in live.prefetch_related("partners")
        for e in arrangement_effects(a, chosen)
        if set(successor_map(e.reorganisation)) & codes
    ]
    return [Waiting("Reorganisation ahead", items)] if items else []
