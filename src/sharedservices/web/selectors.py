"""Reads for the signed-in dashboard: the user's council at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from sharedservices.base.tenancy import acting_council_ids
from sharedservices.cases.models import BusinessCase
from sharedservices.programme.models import Opportunity
from sharedservices.registry.models import Arrangement


@dataclass(frozen=True)
class CouncilCounts:
    arrangements: int
    opportunities: int
    business_cases: int


def council_counts(*, user) -> CouncilCounts:
    """Real counts for the user's council (and those it succeeded): arrangements it is a partner in,
    its opportunities, and the business cases it can see (its own and those
    shared with it)."""
    return CouncilCounts(
        arrangements=Arrangement.objects.owned_by(acting_council_ids(user)).count(),
        opportunities=Opportunity.objects.visible_to(user).count(),
        business_cases=BusinessCase.objects.visible_to(user).count(),
    )
