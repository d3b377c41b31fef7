"""When partners leave a case: the figures of each council before and after, as
appraised afresh for the councils that remain (``services/regrouping.py``)."""

from __future__ import annotations

from django.db import models

from sharedservices.cases.models.case import CaseOwnedQuerySet
from sharedservices.governance.models.workflow import ExitKind


class PartnerChange(models.Model):
    case = models.ForeignKey(
        "cases.BusinessCase", on_delete=models.CASCADE, related_name="partner_changes"
    )
    kind = models.CharField(max_length=10, choices=ExitKind.choices)
    happened_on = models.DateField()
    left = models.JSONField(help_text="GSS codes of the councils that left.")
    remaining = models.JSONField(help_text="GSS codes of the councils that remain.")
    version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The case version appraised for those that remain."
    )
    tolerance_pct = models.PositiveSmallIntegerField()
    figures = models.JSONField(
        help_text='GSS code → {"before", "after"}: the council\'s own net present value.'
    )
    material = models.JSONField(
        default=dict,
        help_text="GSS code → why it must decide again (falls, negative, unknown).",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = CaseOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case}: {', '.join(self.left)} left on {self.happened_on:%d %B %Y}"
