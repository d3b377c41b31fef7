"""A council's "considered and not pursued" entries that come from governance: its own
rejection of a business case (with the minute), and every case not pursued that it was
party to. Registered with the programme's lists (``programme/lists.py``)."""

from __future__ import annotations

from django.urls import reverse

from sharedservices.cases.selectors import cases_visible_to
from sharedservices.governance.models import CaseGovernance, CaseState, ExitKind, PartnerExit
from sharedservices.programme.lists import not_pursued_source


def _item(case, reason: str) -> dict:
    return {
        "title": case.title,
        "get_absolute_url": reverse("governance:case", args=[case.pk]),
        "stage_reason": reason,
    }


@not_pursued_source("governance")
def rejected_and_stopped(user, council) -> list[dict]:
    visible = cases_visible_to(user)
    items = []
    rejected = PartnerExit.objects.filter(
        council=council, kind=ExitKind.REJECTED, case__in=visible
    ).select_related("case")
    for exit in rejected:
        items.append(
            _item(
                exit.case, f"{council.name} rejected it on {exit.left_on:%-d %B %Y}: {exit.reason}"
            )
        )
    stopped = CaseGovernance.objects.filter(
        state=CaseState.NOT_PURSUED, case__in=visible
    ).select_related("case")
    done = {exit.case_id for exit in rejected}
    for governance in stopped:
        case = governance.case
        party = (
            case.lead_council_id == council.pk
            or case.partner_councils.filter(pk=council.pk).exists()
        )
        own_opportunity = case.opportunity_id and case.opportunity.council_id == council.pk
        if party and case.pk not in done and not own_opportunity:
            items.append(_item(case, governance.reason or "Not pursued"))
    return items
