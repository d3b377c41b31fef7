"""Kept so branches written before the move still import; use ``sharedservices.base.access``."""

from sharedservices.base.access import (
    COUNCIL_OWNED,
    PUBLIC,
    SIGNED_IN,
    access_of,
    council_owned,
    public,
    signed_in,
)

__all__ = [
    "COUNCIL_OWNED",
    "PUBLIC",
    "SIGNED_IN",
    "access_of",
    "council_owned",
    "public",
    "signed_in",
]
