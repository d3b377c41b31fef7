"""The 28 clear days rule (the Local Authorities (Executive Arrangements) (Meetings and
Access to Information) (England) Regulations 2012, reg 9): a key decision must be on the
forward plan at least 28 clear days before it is taken, unless the general exception
(reg 10) or special urgency (reg 11) route is used, with its reason."""

from __future__ import annotations

import datetime

from sharedservices.governance.models import ForwardPlanEntry
from sharedservices.governance.workingdays import clear_days_between

NOTICE_CLEAR_DAYS = 28


def latest_publication_for(decided_on: datetime.date) -> datetime.date:
    """The last day an entry can be published and still give 28 clear days' notice."""
    return decided_on - datetime.timedelta(days=NOTICE_CLEAR_DAYS + 1)


def notice_given(council, case, decided_on: datetime.date) -> bool:
    """Was the case on the council's forward plan 28 clear days before ``decided_on``?"""
    return any(
        clear_days_between(published, decided_on) >= NOTICE_CLEAR_DAYS
        for published in ForwardPlanEntry.objects.filter(council=council, case=case).values_list(
            "published_on", flat=True
        )
    )
