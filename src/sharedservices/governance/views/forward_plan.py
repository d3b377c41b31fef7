"""A council's forward plan of key decisions: public, printable, and as a calendar feed."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from sharedservices.base.access import public
from sharedservices.councils.models import Council
from sharedservices.governance.forward_plan_outcomes import Outcome, outcomes
from sharedservices.governance.forward_plan_rules import NOTICE_CLEAR_DAYS
from sharedservices.governance.ical import forward_plan_calendar
from sharedservices.governance.models import Decision, ForwardPlanEntry
from sharedservices.governance.notifications import site_url


def _entries(council) -> list:
    """The council's entries, each with its ``outcome`` (``forward_plan_outcomes.py``)."""
    entries = list(
        ForwardPlanEntry.objects.public()
        .filter(council=council)
        .select_related("council")
        .order_by("expected_on", "pk")
    )
    found = outcomes(entries)
    for entry in entries:
        entry.outcome = found.get(entry.pk, Outcome("planned"))
    return entries


@public
def forward_plan(request, code):
    council = get_object_or_404(Council, pk=code)
    today = timezone.localdate()
    entries = _entries(council)
    planned = [e for e in entries if e.outcome.status == "planned"]
    exceptions = (
        Decision.objects.filter(council=council, key_decision=True)
        .exclude(exception_route="")
        .select_related("case")
        .order_by("-decided_on")
    )
    return render(
        request,
        "governance/forward_plan.html",
        {
            "council": council,
            "coming": [e for e in planned if e.expected_on >= today],
            "taken": [e for e in entries if e.outcome.status == "taken"],
            "past": [
                e
                for e in entries
                if e.outcome.status == "withdrawn" or e in planned and e.expected_on < today
            ],
            "exceptions": exceptions,
            "notice_days": NOTICE_CLEAR_DAYS,
        },
    )


@public
def forward_plan_ics(request, code):
    council = get_object_or_404(Council, pk=code)
    body = forward_plan_calendar(
        council=council,
        entries=_entries(council),
        site_url=site_url(),
        host=request.get_host().split(":")[0] or "localhost",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="forward-plan-{council.pk}.ics"'
    return response
