from sharedservices.benefits.models.indicators import (  # noqa: F401
    Actual,
    ActualRevision,
    Direction,
    Frequency,
    Indicator,
    IndicatorBaseline,
    IndicatorKind,
    OverdueNotice,
    Unit,
)
from sharedservices.benefits.models.reviews import (  # noqa: F401
    CostShareReview,
    Review,
    ReviewAction,
    ReviewKind,
)
