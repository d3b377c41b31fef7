"""The sharing agreement of a business case: how each cost and benefit of the
chosen option is split among the partner councils (DESIGN.md, "Sharing agreement")."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sharedservices.cases.models.case import BusinessCase, Revisioned


class ShareBasis(models.TextChoices):
    """The bases councils use today (issue 7) that a case has the data for."""

    EQUAL = "equal", "Equal shares"
    HOUSEHOLDS = "households", "Households (postcodes, a proxy)"
    BASELINE_COST = "baseline_cost", "Baseline cost of the service"
    CUSTOM = "custom", "Agreed percentages"


class SharingAgreement(Revisioned):
    case = models.OneToOneField(BusinessCase, on_delete=models.CASCADE, related_name="agreement")
    option = models.ForeignKey(
        "cases.Option", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    bases = models.JSONField(default=dict, help_text="Line name → basis.")
    custom_pct = models.JSONField(
        default=dict, help_text="GSS code → percentage, adding up to 100."
    )
    result = models.JSONField(null=True, blank=True, editable=False)
    errors = models.JSONField(default=list, blank=True, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Sharing agreement for {self.case}"
