"""Reviews: scheduled and independent reviews with their actions, and the annual review
of the cost-sharing split, whose payments ``analysis.benefits.cost_share_review`` works
out (it calls ``analysis.sharing``, the maths the sharing agreement uses)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sharedservices.analysis.benefits import cost_share_review
from sharedservices.base.audit import audit_record
from sharedservices.benefits.models import CostShareReview, Review, ReviewAction
from sharedservices.benefits.permissions import can_manage


@transaction.atomic
def review_record(*, user, arrangement, data: dict, system: bool = False) -> Review:
    if not (system or can_manage(user, arrangement)):
        raise PermissionDenied("Only a partner council's officers record reviews")
    review, created = Review.objects.get_or_create(
        arrangement=arrangement,
        kind=data["kind"],
        title=data["title"].strip(),
        due_on=data["due_on"],
        defaults={
            "held_on": data.get("held_on"),
            "reviewer": data["reviewer"].strip(),
            "findings": (data.get("findings") or "").strip(),
            "recorded_by": None if system else user,
        },
    )
    if created and data.get("action"):
        if not data.get("action_owner") or not data.get("action_due_on"):
            raise ValidationError({"action_owner": "Give the action an owner and a due date"})
        ReviewAction.objects.create(
            review=review,
            action=data["action"].strip(),
            owner=data["action_owner"].strip(),
            due_on=data["action_due_on"],
        )
    if created:
        audit_record(
            user=None if system else user,
            action="benefits.review.recorded",
            obj=review,
            after={"kind": review.kind, "title": review.title},
            arrangement=arrangement,
        )
    return review


def cost_share_hold(
    *,
    user,
    arrangement,
    year: int,
    running_cost_gbp: int,
    agreed: dict[str, float],
    usage: dict[str, float],
    tolerance_points: float = 3.0,
    held_on: datetime.date | None = None,
    system: bool = False,
) -> CostShareReview:
    """Hold (once a year) the cost-share review: payments beyond the tolerance."""
    if not (system or can_manage(user, arrangement)):
        raise PermissionDenied("Only a partner council's officers hold the review")
    partners = set(
        arrangement.partners.filter(council__isnull=False).values_list("council_id", flat=True)
    )
    if set(agreed) != partners or set(usage) != partners:
        raise ValidationError({"agreed": "Give every partner council's share and usage"})
    result = cost_share_review(
        {c: float(v) for c, v in agreed.items()},
        {c: float(v) for c, v in usage.items()},
        float(running_cost_gbp),
        tolerance=float(tolerance_points) / 100,
    )
    try:
        with transaction.atomic():
            review = CostShareReview.objects.create(
                arrangement=arrangement,
                year=year,
                running_cost_gbp=running_cost_gbp,
                tolerance_points=tolerance_points,
                agreed={c: float(v) for c, v in agreed.items()},
                usage={c: float(v) for c, v in usage.items()},
                result=result,
                held_on=held_on or datetime.date.today(),
                held_by=None if system else user,
            )
            audit_record(
                user=None if system else user,
                action="benefits.cost_share_review.held",
                obj=review,
                after={"triggered": result["triggered"], "year": year},
                arrangement=arrangement,
            )
    except IntegrityError:
        raise ValidationError(
            {"year": f"The review of {year} to {year + 1} has been held already"}
        ) from None
    return review
