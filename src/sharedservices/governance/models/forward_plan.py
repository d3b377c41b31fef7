"""The forward plan: every key decision a council will take, published in advance.

Public by law (the 2012 Executive Arrangements regulations, reg 9): 28 clear days before
the decision, with what, who decides, when, the documents, and whether it is private.
"""

from __future__ import annotations

from django.db import models

from sharedservices.governance.models.workflow import OwnCouncilQuerySet


class ForwardPlanQuerySet(OwnCouncilQuerySet):
    def public(self):
        return self.all()


class ForwardPlanEntry(models.Model):
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        "cases.BusinessCase", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    what = models.CharField(max_length=300, help_text="The matter to be decided")
    decision_maker = models.CharField(max_length=200)
    expected_on = models.DateField()
    documents = models.TextField(blank=True, help_text="The documents to be considered")
    private = models.BooleanField(default=False)
    private_reason = models.TextField(
        blank=True, help_text="Why it will be taken in private (Schedule 12A paragraph)"
    )
    published_on = models.DateField()

    objects = ForwardPlanQuerySet.as_manager()

    class Meta:
        ordering = ["council", "expected_on", "pk"]
        verbose_name_plural = "forward plan entries"
        constraints = [
            models.UniqueConstraint(
                fields=["council", "case", "what", "expected_on"],
                name="forward_plan_natural_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.what} ({self.expected_on:%d %B %Y})"
