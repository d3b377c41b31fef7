"""Limit/offset pagination with bounds: ``limit`` and ``offset`` of 2**63 and more
reached the database as an out-of-range integer (a 500). Beyond these bounds a
request is a 422 with the path of the parameter."""

from ninja import Field, Schema
from ninja.conf import settings
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000


class BoundedLimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(
            settings.PAGINATION_PER_PAGE, ge=1, le=MAX_LIMIT, description=f"1 to {MAX_LIMIT}"
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
