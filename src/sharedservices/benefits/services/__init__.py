"""Writes of the benefits app: each a function ``<entity>_<action>(*, ...)`` in one
transaction, checked by the one rule set for its entity."""

from sharedservices.benefits.services.actuals import actual_record  # noqa: F401
from sharedservices.benefits.services.indicators import (  # noqa: F401
    IndicatorInput,
    baseline_set,
    indicator_check,
    indicator_create,
)
from sharedservices.benefits.services.reviews import cost_share_hold, review_record  # noqa: F401
