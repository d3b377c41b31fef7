"""Entries on a council's forward plan of key decisions."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from sharedservices.accounts.roles import Role
from sharedservices.cases.models import BusinessCase
from sharedservices.governance import limits
from sharedservices.governance.audit import audit_record
from sharedservices.governance.errors import BadFields, NotAllowedNow, NotYours
from sharedservices.governance.models import ForwardPlanEntry
from sharedservices.governance.services.common import lock
from sharedservices.governance.services.fields import read_date, read_text
from sharedservices.governance.tenancy import acting_council_ids

PLANNING_ROLES = frozenset({Role.OFFICER, Role.DIRECTOR, Role.LEAD_OFFICER})


def forward_plan_keeper_problem(user, council) -> str | None:
    """Why ``user`` may not put items on ``council``'s forward plan, or None if they may:
    the one rule for the service, the case page's link and the form page."""
    if council is None or council.pk not in acting_council_ids(user):
        return "Only a council's own officers put items on its forward plan"
    if not PLANNING_ROLES & set(getattr(user, "roles", ())):
        return "The forward plan is kept by officers, directors and lead officers"
    return None


@transaction.atomic
def forward_plan_entry_save(
    *,
    case: BusinessCase,
    user,
    council,
    what: str,
    decision_maker: str,
    expected_on,
    documents: str = "",
    private: bool = False,
    private_reason: str = "",
    published_on: datetime.date | None = None,
) -> ForwardPlanEntry:
    """Put a key decision on the council's forward plan, published today. Only the demo
    and the importer (``user=None``) may give an earlier publication date."""
    records = lock(case)
    if user is not None:
        if problem := forward_plan_keeper_problem(user, council):
            raise NotYours(problem)
        published_on = timezone.localdate()
    published_on = published_on or timezone.localdate()
    if not records.is_party(council.pk):
        raise NotAllowedNow(f"{council.name} is not a partner in this case", "council")
    what = read_text(what, "what", max_length=limits.FORWARD_PLAN_WHAT)
    decision_maker = read_text(decision_maker, "decision_maker", max_length=limits.NAME)
    expected_on = read_date(expected_on, "expected_on")
    if expected_on < published_on:
        raise BadFields("The decision is expected after the entry is published", "expected_on")
    documents = read_text(documents, "documents", required=False)
    private_reason = read_text(private_reason, "private_reason", required=False)
    if private and not private_reason:
        raise BadFields("Say why the decision will be taken in private", "private_reason")
    entry, created = ForwardPlanEntry.objects.get_or_create(
        council=council,
        case=records.case,
        what=what,
        expected_on=expected_on,
        defaults=dict(
            decision_maker=decision_maker,
            documents=documents,
            private=bool(private),
            private_reason=private_reason if private else "",
            published_on=published_on,
        ),
    )
    if created:
        audit_record(
            user=user,
            action="forward_plan.published",
            obj=entry,
            after={
                "what": what,
                "decision_maker": decision_maker,
                "expected_on": expected_on,
                "private": bool(private),
                "published_on": published_on,
            },
            case=records.case,
            council=council,
        )
    return entry
