"""Reads for the signed-in dashboard: the user's council at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from sharedservices.cases.models import BusinessCase
from sharedservices.programme.models import Opportunity
from sharedservices.registry.models import Arrangement


@dataclass(frozen=True)
class CouncilCounts:
    arrangements: int
    opportunities: int
    business_cases: int


def council_counts(*, user) -> CouncilCounts:
    """Real counts for the user's council: arrangements it is a partner in,
    its opportunities, and the business cases it can see (its own and those
    shared with it)."""
    council = user.council
    return CouncilCounts(
        arrangements=Arrangement.objects.of_council(council).count(),
        opportunities=Opportunity.objects.visible_to(user).count(),
        business_cases=BusinessCase.objects.visible_to(user).count(),
    )
