"""What each partner council contributes: evidence against its policy's criteria, and
its baselines of cost and quality (seed 002: "accurate baseline measures for cost and
service quality must be collected as part of the business case development")."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sharedservices.cases.models.case import (
    BusinessCase,
    CaseOwnedQuerySet,
    Revisioned,
    SectionPart,
)


class EvidenceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    COMPLETE = "complete", "Complete"


class EvidenceSource(models.TextChoices):
    """What evidence may point at: one of the five cases, or a record the case holds.
    (Values of the five cases are ``SectionPart``'s.)"""

    STRATEGIC = SectionPart.STRATEGIC.value, SectionPart.STRATEGIC.label
    ECONOMIC = SectionPart.ECONOMIC.value, SectionPart.ECONOMIC.label
    COMMERCIAL = SectionPart.COMMERCIAL.value, SectionPart.COMMERCIAL.label
    FINANCIAL = SectionPart.FINANCIAL.value, SectionPart.FINANCIAL.label
    MANAGEMENT = SectionPart.MANAGEMENT.value, SectionPart.MANAGEMENT.label
    APPRAISAL = "appraisal", "Appraisal result"
    RISKS = "risks", "Risk register"
    CONSULTATION = "consultation", "Consultation record"
    AGREEMENT = "agreement", "Sharing agreement"
    BASELINES = "baselines", "Baselines"


class CriterionEvidence(Revisioned):
    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey("cases.Criterion", on_delete=models.PROTECT, related_name="+")
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    evidence = models.TextField(blank=True)
    where_shown = models.CharField(
        max_length=20, choices=EvidenceSource.choices, blank=True, help_text="Where in the case"
    )
    where_detail = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=EvidenceStatus.choices, default=EvidenceStatus.DRAFT
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "council", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["case", "criterion"], name="evidence_unique")
        ]
        verbose_name_plural = "criteria evidence"

    def __str__(self) -> str:
        return f"{self.council} evidence: {self.criterion}"

    @property
    def counts(self) -> bool:
        """Complete and not blank: what the readiness check accepts."""
        return self.status == EvidenceStatus.COMPLETE and bool(self.evidence.strip())


class BaselineKind(models.TextChoices):
    COST = "cost", "Cost"
    QUALITY = "quality", "Quality"


class Baseline(Revisioned):
    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="baselines")
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=BaselineKind.choices)
    measure = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    unit = models.CharField(max_length=40, help_text="e.g. £ a year, days, %")
    as_at = models.DateField()
    source = models.CharField(max_length=300)

    objects = CaseOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "council", "kind", "measure"]

    def __str__(self) -> str:
        return self.measure
