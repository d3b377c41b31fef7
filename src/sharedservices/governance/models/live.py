"""After approval: implementation milestones, withdrawal notices and disputes."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sharedservices.cases.models.case import CaseOwnedQuerySet
from sharedservices.governance.models.workflow import OwnCouncilQuerySet
from sharedservices.governance.tenancy import OwnedThroughQuerySet


class DisputeStepQuerySet(OwnedThroughQuerySet):
    owner_path = "dispute__case"


class Milestone(models.Model):
    case = models.ForeignKey(
        "cases.BusinessCase", on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(max_length=200)
    owner = models.CharField(max_length=200, help_text="Who is responsible")
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    objects = CaseOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "title", "due_on"], name="milestone_natural_key"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ExitCostSharing(models.TextChoices):
    WITHDRAWING = "withdrawing-council", "Paid by the withdrawing council"
    EQUAL = "equal", "Shared equally by all partners"
    AGREEMENT = "agreement", "Shared as in the sharing agreement"


class Withdrawal(models.Model):
    case = models.ForeignKey("cases.BusinessCase", on_delete=models.CASCADE, related_name="+")
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    notice_given_on = models.DateField()
    leaves_on = models.DateField()
    notice_months = models.PositiveSmallIntegerField()
    reasons = models.TextField()
    exit_costs_gbp = models.PositiveBigIntegerField(default=0)
    exit_cost_sharing = models.CharField(
        max_length=30, choices=ExitCostSharing.choices, default=ExitCostSharing.WITHDRAWING
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(
        null=True, blank=True, help_text="When the council was taken off the arrangement."
    )

    objects = OwnCouncilQuerySet.as_manager()

    class Meta:
        ordering = ["case", "leaves_on"]
        constraints = [
            models.UniqueConstraint(fields=["case", "council"], name="one_withdrawal_per_council")
        ]

    def __str__(self) -> str:
        return f"{self.council} leaves on {self.leaves_on:%d %B %Y}"


class Dispute(models.Model):
    case = models.ForeignKey("cases.BusinessCase", on_delete=models.CASCADE, related_name="+")
    raised_by = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    opened_on = models.DateField()
    issue = models.TextField()
    resolution_steps = models.TextField(
        help_text="The agreed resolution steps, as written in the partners' agreement."
    )
    outcome = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)

    objects = CaseOwnedQuerySet.as_manager()

    class Meta:
        # A repeat of the same dispute is caught under the case lock by the service
        # (long text makes a poor database key: btree entries are limited in size).
        ordering = ["case", "opened_on", "pk"]

    def __str__(self) -> str:
        return f"Dispute raised by {self.raised_by} on {self.opened_on:%d %B %Y}"


class DisputeStep(models.Model):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="steps")
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    taken_on = models.DateField()
    step = models.TextField()

    objects = DisputeStepQuerySet.as_manager()

    class Meta:
        ordering = ["dispute", "taken_on", "pk"]

    def __str__(self) -> str:
        return f"{self.council}, {self.taken_on:%d %B %Y}"
