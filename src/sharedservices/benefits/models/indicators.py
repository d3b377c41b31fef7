"""Benefits realisation of a live arrangement: its indicators (KPIs and SLA terms), each
partner's baseline and actuals by period, reviews, and the annual cost-share review.

Wyre Forest District Council, Cabinet, 2007: collect accurate baselines of cost and
quality, measure benefits against them, run shared services through agreements with
cost and quality indicators, hold independent reviews.

Who sees what: an indicator marked public, on a live or ended arrangement, is open to
everyone with its actuals (the register is public); every other indicator, and every
review, is for the partner councils' users only. An actual is entered by a user acting
for its council, or for the arrangement's lead council (the host often reports for all).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sharedservices.analysis.benefits import DEFAULT_GRACE_DAYS, HIGHER, LOWER, parse_period
from sharedservices.base.tenancy import CouncilOwnedQuerySet, OwnedThroughQuerySet
from sharedservices.registry.models import (
    PUBLIC_STATUSES,
    Arrangement,
    ArrangementPartner,
    PartnerRole,
)


class IndicatorKind(models.TextChoices):
    COST = "cost", "Cost or price"
    QUALITY = "quality", "Quality"


class Unit(models.TextChoices):
    POUNDS = "gbp", "£"
    PERCENT = "percent", "%"
    DAYS = "days", "days"
    COUNT = "count", "count"


class Direction(models.TextChoices):
    HIGHER = HIGHER, "Higher is better"
    LOWER = LOWER, "Lower is better"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual (financial year)"


def _partner_arrangements(council_codes):
    return ArrangementPartner.objects.filter(council_id__in=council_codes).values("arrangement_id")


class IndicatorQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        return self.filter(arrangement_id__in=_partner_arrangements(council_codes))

    def public(self):
        return self.filter(is_public=True, arrangement__status__in=PUBLIC_STATUSES)


class IndicatorBaselineQuerySet(OwnedThroughQuerySet):
    owner_path = "indicator"


class ActualRevisionQuerySet(OwnedThroughQuerySet):
    owner_path = "actual__indicator"


class OverdueNoticeQuerySet(OwnedThroughQuerySet):
    owner_path = "indicator"


class Indicator(models.Model):
    arrangement = models.ForeignKey(
        Arrangement, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=IndicatorKind.choices)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    target = models.DecimalField(max_digits=16, decimal_places=4)
    tolerance = models.DecimalField(
        "amber tolerance",
        max_digits=16,
        decimal_places=4,
        help_text="How far beyond the target is still amber, in the indicator's unit.",
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    owner = models.CharField(max_length=200, help_text="Who answers for it, e.g. a post.")
    councils = models.ManyToManyField(
        "councils.Council", related_name="+", help_text="The partners it applies to."
    )
    starts_on = models.DateField(help_text="Returns are due from the period containing this day.")
    grace_days = models.PositiveSmallIntegerField(
        default=DEFAULT_GRACE_DAYS,
        help_text="Days after a period ends before its return is overdue.",
    )
    measures_savings = models.BooleanField(
        default=False,
        help_text="A cost in £ that is the partner's spend on the service: the saving is "
        "its baseline (a year's cost) pro rata, less the actual.",
    )
    is_public = models.BooleanField(
        default=False, help_text="Shown to everyone on the register, with its actuals."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["arrangement", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["arrangement", "name"], name="indicator_name_unique"),
            models.CheckConstraint(
                condition=models.Q(tolerance__gte=0), name="indicator_tolerance_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def unit_symbol(self) -> str:
        return self.get_unit_display()


class IndicatorBaseline(models.Model):
    """A partner's starting point, from the business case where it had one."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="baselines")
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=16, decimal_places=4)
    as_at = models.DateField()
    source = models.CharField(max_length=300, blank=True)
    # One more on every correction: a second corrector is told, never overwrites
    # (``base.revisions``).
    revision = models.PositiveIntegerField(default=1)

    objects = IndicatorBaselineQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "council__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "council"], name="one_baseline_per_partner"
            )
        ]

    def __str__(self) -> str:
        return f"{self.council} baseline of {self.indicator}"


class ActualQuerySet(OwnedThroughQuerySet):
    owner_path = "indicator"

    def written_by(self, council_codes):
        leads = ArrangementPartner.objects.filter(
            council_id__in=council_codes, role=PartnerRole.LEAD
        ).values("arrangement_id")
        return self.filter(
            models.Q(council_id__in=council_codes) | models.Q(indicator__arrangement_id__in=leads)
        )


class Actual(models.Model):
    """One partner's value of one indicator for one period; a correction replaces the
    value here and keeps the earlier one in ``ActualRevision`` (and the audit trail)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="actuals")
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=7, help_text="2027-Q1, 2027-03 or 2027")
    period_ends_on = models.DateField(editable=False)
    value = models.DecimalField(max_digits=16, decimal_places=4)
    note = models.TextField(blank=True)
    evidence_url = models.URLField(max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=1)

    objects = ActualQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period_ends_on", "council__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "council"], name="one_actual_per_period"
            )
        ]
        indexes = [models.Index(fields=["indicator", "period_ends_on"])]

    def __str__(self) -> str:
        return f"{self.indicator}, {self.council}, {self.period}"

    def save(self, *args, **kwargs):
        self.period_ends_on = parse_period(self.period).ends_on
        super().save(*args, **kwargs)


class ActualRevision(models.Model):
    """An earlier value of a corrected actual: what it was, who entered it, when."""

    actual = models.ForeignKey(Actual, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    value = models.DecimalField(max_digits=16, decimal_places=4)
    note = models.TextField(blank=True)
    evidence_url = models.URLField(max_length=500, blank=True)
    entered_by_name = models.CharField(max_length=200, blank=True)
    entered_at = models.DateTimeField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    objects = ActualRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["actual", "-revision"]

    def __str__(self) -> str:
        return f"{self.actual}, revision {self.revision}"


class OverdueNotice(models.Model):
    """An overdue return that has been e-mailed about: each is e-mailed once."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=7)
    sent_at = models.DateTimeField(auto_now_add=True)

    objects = OverdueNoticeQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "council", "period"], name="one_overdue_notice"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}, {self.council}, {self.period} overdue"
