"""The tenancy door (``sharedservices.base.tenancy``), re-exported for the governance app."""

from sharedservices.base.tenancy import (
    CouncilOwnedQuerySet,
    OwnedThroughQuerySet,
    acting_council_ids,
)

__all__ = ["CouncilOwnedQuerySet", "OwnedThroughQuerySet", "acting_council_ids"]
