"""Opportunities: candidate services a council's programme may share (seed 000's
CLASB list, seed 001's Revenues and Benefits with Preston). Private to the
council that records them."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from sharedservices.base.tenancy import CouncilOwnedQuerySet


class OpportunityStage(models.TextChoices):
    IDEA = "idea", "Idea"
    ASSESSING = "assessing", "Assessing"
    BUSINESS_CASE = "business-case", "Business case"
    CLOSED = "closed", "Closed"


class OpportunityQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        return self.filter(council_id__in=council_codes)


class Opportunity(models.Model):
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="opportunities"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    stage = models.CharField(
        max_length=20, choices=OpportunityStage.choices, default=OpportunityStage.IDEA
    )
    proposed_partners = models.ManyToManyField("councils.Council", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name_plural = "opportunities"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:opportunity", args=[self.pk])
