"""Prioritisation: a programme's criteria, its weight sets, and officers' scores.

Each programme sets its own criteria (savings potential, readiness and capacity,
risk, strategic fit, impact on customers, staff impact, ease of exit...) and one or
more weight sets, so rankings can be compared side by side. Officers score each
opportunity on each criterion from 0 to 5, higher always better (so a low risk
scores high), with a short justification. The maths is ``analysis/ranking.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sharedservices.base.tenancy import CouncilOwnedQuerySet

MAX_SCORE = 5
MAX_WEIGHT = 1000


class CriterionQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        return self.filter(programme__members__in=council_codes)


class Criterion(models.Model):
    programme = models.ForeignKey(
        "programme.Programme", on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = CriterionQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "order", "pk"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="criterion_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class WeightSetQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        return self.filter(programme__members__in=council_codes)


class WeightSet(models.Model):
    programme = models.ForeignKey(
        "programme.Programme", on_delete=models.CASCADE, related_name="weight_sets"
    )
    name = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    # One more on every change: a second editor is told, never overwrites (base.revisions).
    revision = models.PositiveIntegerField(default=1, editable=False)

    objects = WeightSetQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="weight_set_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Weight(models.Model):
    weight_set = models.ForeignKey(WeightSet, on_delete=models.CASCADE, related_name="weights")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="weights")
    value = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_WEIGHT)],
    )

    class Meta:
        ordering = ["weight_set", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["weight_set", "criterion"], name="one_weight_each")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class ScoreQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        from sharedservices.programme.models.opportunities import Opportunity

        return self.filter(opportunity__in=Opportunity.objects.owned_by(council_codes).values("pk"))


class Score(models.Model):
    opportunity = models.ForeignKey(
        "programme.Opportunity", on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(validators=[MaxValueValidator(MAX_SCORE)])
    justification = models.CharField(max_length=500, blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scored_at = models.DateTimeField(auto_now=True)

    objects = ScoreQuerySet.as_manager()

    class Meta:
        ordering = ["opportunity", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "criterion"], name="one_score_each"),
            models.CheckConstraint(
                condition=models.Q(value__lte=MAX_SCORE), name="score_at_most_five"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
