"""Kept so branches written before the move still import; use ``sharedservices.base.access``."""

from sharedservices.base.access import PUBLIC, SIGNED_IN, access_of, public, signed_in

__all__ = ["PUBLIC", "SIGNED_IN", "access_of", "public", "signed_in"]
