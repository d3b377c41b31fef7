"""The risk register and the consultation log of a case."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sharedservices.cases.models.case import BusinessCase, Revisioned

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    MITIGATED = "mitigated", "Mitigated"
    CLOSED = "closed", "Closed"


class Risk(Revisioned):
    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField()
    cause = models.TextField(blank=True)
    likelihood = models.PositiveSmallIntegerField(validators=SCORE)
    impact = models.PositiveSmallIntegerField(validators=SCORE)
    owner = models.CharField(max_length=200, blank=True)
    mitigation = models.TextField(blank=True)
    residual_likelihood = models.PositiveSmallIntegerField(validators=SCORE)
    residual_impact = models.PositiveSmallIntegerField(validators=SCORE)
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    suggestion = models.SlugField(
        max_length=60, blank=True, help_text="The suggested risk it was started from."
    )

    class Meta:
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return self.description

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def residual_score(self) -> int:
        return self.residual_likelihood * self.residual_impact


class ConsultationGroup(models.TextChoices):
    STAFF = "staff", "Staff"
    UNIONS = "unions", "Trade unions"
    MEMBERS = "members", "Members"
    PARTNERS = "partners", "Partners"
    PUBLIC = "public", "Service users and the public"


class ConsultationEntry(Revisioned):
    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="consultation")
    date = models.DateField()
    group = models.CharField(max_length=10, choices=ConsultationGroup.choices)
    who = models.CharField(max_length=200)
    what_was_said = models.TextField()
    response = models.TextField(blank=True)

    class Meta:
        ordering = ["case", "date", "pk"]
        verbose_name_plural = "consultation entries"

    def __str__(self) -> str:
        return f"{self.date}: {self.who}"
