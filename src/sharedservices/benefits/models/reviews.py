"""Reviews of a live arrangement: scheduled and independent reviews with their findings
and actions (Carlisle City Council's policy, 4.2.7 to 4.2.9: lead officers report
progress, members review it), and the annual review of the cost-sharing split."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sharedservices.base.tenancy import CouncilOwnedQuerySet, OwnedThroughQuerySet
from sharedservices.registry.models import Arrangement, ArrangementPartner


class ArrangementOwnedQuerySet(CouncilOwnedQuerySet):
    """Reviews are the partner councils' own: never public."""

    def owned_by(self, council_codes):
        return self.filter(
            arrangement_id__in=ArrangementPartner.objects.filter(
                council_id__in=council_codes
            ).values("arrangement_id")
        )


class ReviewKind(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled review"
    INDEPENDENT = "independent", "Independent review"


class Review(models.Model):
    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=12, choices=ReviewKind.choices)
    title = models.CharField(max_length=200)
    due_on = models.DateField(help_text="When it is to be held.")
    held_on = models.DateField(null=True, blank=True)
    reviewer = models.CharField(max_length=200, help_text="Who reviews: a body or a person.")
    findings = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ArrangementOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["arrangement", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ReviewActionQuerySet(OwnedThroughQuerySet):
    owner_path = "review"


class ReviewAction(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="actions")
    action = models.TextField()
    owner = models.CharField(max_length=200)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    objects = ReviewActionQuerySet.as_manager()

    class Meta:
        ordering = ["review", "due_on", "pk"]

    def __str__(self) -> str:
        return self.action[:80]


class CostShareReview(models.Model):
    """The annual review of the split: each partner's agreed percentage and actual usage,
    and the rebalancing payments worked out by ``analysis.benefits.cost_share_review``
    (positive: the partner pays; negative: it is paid)."""

    arrangement = models.ForeignKey(
        Arrangement, on_delete=models.CASCADE, related_name="cost_share_reviews"
    )
    year = models.PositiveSmallIntegerField(help_text="The financial year reviewed.")
    running_cost_gbp = models.PositiveBigIntegerField()
    tolerance_points = models.DecimalField(
        max_digits=5, decimal_places=2, default=3, help_text="Percentage points."
    )
    agreed = models.JSONField(help_text="GSS code → agreed percentage.")
    usage = models.JSONField(help_text="GSS code → actual usage (cases, hours, ...).")
    result = models.JSONField(editable=False)
    held_on = models.DateField()
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ArrangementOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["arrangement", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["arrangement", "year"], name="one_cost_share_review")
        ]

    def __str__(self) -> str:
        return f"Cost-share review {self.year} to {self.year + 1}"
