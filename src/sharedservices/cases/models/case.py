"""Business cases. Private to the lead council until its users share the case with
the partner councils (DESIGN.md, "Who uses it")."""

from __future__ import annotations

from django.db import models
from django.urls import reverse


class CaseStage(models.TextChoices):
    SOC = "soc", "Strategic outline case"
    OBC = "obc", "Outline business case"
    FBC = "fbc", "Full business case"
    BJC = "bjc", "Business justification case"


class BusinessCaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The lead council's users always; partner councils' users once shared."""
        if getattr(user, "is_superuser", False):
            return self.all()
        if not user.is_authenticated or user.council_id is None:
            return self.none()
        return self.filter(
            models.Q(lead_council_id=user.council_id)
            | models.Q(shared_with_partners=True, partner_councils=user.council_id)
        ).distinct()


class BusinessCase(models.Model):
    title = models.CharField(max_length=200)
    lead_council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="led_cases"
    )
    partner_councils = models.ManyToManyField(
        "councils.Council", blank=True, related_name="partner_cases"
    )
    stage = models.CharField(max_length=3, choices=CaseStage.choices, default=CaseStage.SOC)
    summary = models.TextField(blank=True)
    shared_with_partners = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BusinessCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", args=[self.pk])
