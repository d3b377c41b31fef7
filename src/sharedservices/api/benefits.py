"""``GET /api/v1/arrangements/{id}/benefits``: an arrangement's indicators with baselines,
actuals and status, its roll-up status, and savings expected and realised. The same
selectors as the Benefits page, so the API shows what the page shows to the same user
(the public: published indicators; partner councils: everything, and the savings)."""

from __future__ import annotations

from ninja import Field, Router, Schema

from sharedservices.api.errors import ERROR_CODES, ErrorsOut
from sharedservices.benefits.savings import arrangement_savings
from sharedservices.benefits.selectors import (
    arrangement_status,
    indicator_views,
    visible_indicators,
)
from sharedservices.benefits.views.common import arrangement_or_404
from sharedservices.registry.selectors import is_partner_user

router = Router(tags=["benefits"])


class BaselineOut(Schema):
    value: float
    as_at: str
    source: str


class IndicatorOut(Schema):
    id: int
    name: str
    kind: str = Field(description="cost or quality")
    unit: str = Field(description="gbp, percent, days or count")
    direction: str = Field(description="higher or lower (is better)")
    frequency: str
    target: float
    tolerance: float = Field(description="The amber tolerance, in the indicator's unit")
    baselines: dict[str, BaselineOut] = Field(description="By council (GSS code)")
    actuals: dict[str, dict[str, float]] = Field(
        description="By period as stored (2027-Q2 is the calendar quarter April to June"
        " 2027, which councils write 2027/28 Q1; 2027-03; 2027 is 2027/28), then council"
    )
    latest_period: str | None
    status: str = Field(description="green, amber, red, or empty: the latest period's worst")
    status_by_council: dict[str, str] = Field(description="In the latest period")


class SavingsOut(Schema):
    measured: bool = Field(description="True when realised savings come from actuals")
    expected: dict[str, dict[str, float]] = Field(
        description="Financial year (starting April) → council → £, from the business case"
    )
    realised: dict[str, dict[str, float]] = Field(description="Financial year → council → £")


class BenefitsOut(Schema):
    arrangement: int
    status: str = Field(description="The roll-up: the worst indicator")
    indicators: list[IndicatorOut]
    savings: SavingsOut | None = Field(description="Partner councils only")


@router.get(
    "/arrangements/{int:arrangement_id}/benefits",
    response={200: BenefitsOut, ERROR_CODES: ErrorsOut},
    auth=None,
    summary="Benefits realisation of an arrangement",
)
def arrangement_benefits(request, arrangement_id: int):
    arrangement = arrangement_or_404(request.user, arrangement_id)
    views = indicator_views(visible_indicators(request.user, arrangement))
    indicators = []
    for v in views:
        ind = v.indicator
        latest = v.latest_period
        indicators.append(
            {
                "id": ind.pk,
                "name": ind.name,
                "kind": ind.kind,
                "unit": ind.unit,
                "direction": ind.direction,
                "frequency": ind.frequency,
                "target": float(ind.target),
                "tolerance": float(ind.tolerance),
                "baselines": {
                    code: {
                        "value": float(b.value),
                        "as_at": b.as_at.isoformat(),
                        "source": b.source,
                    }
                    for code, b in v.baselines.items()
                },
                "actuals": {
                    row["period"]: {
                        c.pk: float(cell["value"])
                        for c, cell in zip(v.councils, row["cells"], strict=True)
                        if cell
                    }
                    for row in v.rows
                },
                "latest_period": latest,
                "status": v.status,
                "status_by_council": {
                    code: status for code, (p, _, status) in v.latest.items() if p == latest
                },
            }
        )
    savings = None
    if is_partner_user(request.user, arrangement):
        s = arrangement_savings(arrangement)
        savings = {
            "measured": s["measured"],
            "expected": {str(y): v for y, v in s["expected"].items()},
            "realised": {str(y): v for y, v in s["realised"]["by_year"].items()},
        }
    return {
        "arrangement": arrangement.pk,
        "status": arrangement_status(views),
        "indicators": indicators,
        "savings": savings,
    }
