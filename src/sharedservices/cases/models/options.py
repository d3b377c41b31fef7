"""Options and their cost and benefit lines by year (docs/appraisal.md, "Options", "Lines")."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sharedservices.base.tenancy import OwnedThroughQuerySet
from sharedservices.cases.models.case import BusinessCase, Revisioned


class LineKind(models.TextChoices):
    COST = "cost", "Cost"
    BENEFIT = "benefit", "Benefit"


class CostCategory(models.TextChoices):
    CAPITAL = "capital", "Capital cost"
    TRANSITION = "transition", "Transition (one-off) cost"
    RUNNING = "running", "Running cost"
    CASHABLE = "cashable-saving", "Cashable saving"
    NON_CASHABLE = "non-cashable-benefit", "Non-cashable benefit"


COST_CATEGORIES = (CostCategory.CAPITAL, CostCategory.TRANSITION, CostCategory.RUNNING)
BENEFIT_CATEGORIES = (CostCategory.CASHABLE, CostCategory.NON_CASHABLE)


class Scaling(models.TextChoices):
    """How a shared line's amount depends on the group of councils taking part
    (``analysis/regrouping.py``); a line belonging to one council does not scale."""

    PER_COUNCIL = "per-council", "Equal amount for each council"
    FIXED = "fixed", "Fixed: the same whoever takes part"
    BASELINE = "baseline", "In proportion to each council's baseline cost"
    WORKLOAD = "workload", "In proportion to each council's workload (households)"
    COST_MODEL = "cost-model", "The partner finder's cost model (economies of scale, exponent b)"


class Distribution(models.TextChoices):
    NONE = "", "No uncertainty entered"
    TRIANGULAR = "triangular", "Triangular (low, most likely, high)"
    PERT = "pert", "PERT (low, most likely, high)"
    UNIFORM = "uniform", "Uniform (low, high)"
    NORMAL = "normal", "Normal (standard deviation)"


class Option(Revisioned):
    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    is_do_nothing = models.BooleanField(default=False)
    delivery_model = models.CharField(max_length=30, blank=True)
    # Green Book optimism bias on costs, as fractions (0.24 = +24%).
    optimism_bias_capital = models.DecimalField(
        max_digits=5, decimal_places=3, default=Decimal("0")
    )
    optimism_bias_transition = models.DecimalField(
        max_digits=5, decimal_places=3, default=Decimal("0")
    )
    optimism_bias_running = models.DecimalField(
        max_digits=5, decimal_places=3, default=Decimal("0")
    )

    class Meta:
        ordering = ["case", "-is_do_nothing", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "name"], name="option_name_unique"),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(is_do_nothing=True),
                name="one_do_nothing_per_case",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def result(self) -> dict | None:
        """This option's figures from the case's last appraisal."""
        for figures in (self.case.appraisal or {}).get("options", []):
            if figures["name"] == self.name:
                return figures
        return None


class OptionLineQuerySet(OwnedThroughQuerySet):
    owner_path = "option__case"


class OptionLine(Revisioned):
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="lines")
    order = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=LineKind.choices)
    category = models.CharField(max_length=30, choices=CostCategory.choices)
    partner = models.ForeignKey(
        "councils.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The council the line belongs to, if only one.",
    )
    values = models.JSONField(default=dict, help_text='Year → pounds, e.g. {"2027": 180000}.')
    scaling = models.CharField(
        max_length=12,
        choices=Scaling.choices,
        default=Scaling.PER_COUNCIL,
        help_text="How a shared line scales when councils join or leave.",
    )
    scale_exponent = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.85"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(1)],
        help_text="The cost model's exponent b (economies of scale): 1 is none.",
    )
    distribution = models.CharField(
        max_length=12, choices=Distribution.choices, blank=True, default=Distribution.NONE
    )
    low = models.DecimalField(
        max_digits=6, decimal_places=3, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    mode = models.DecimalField(
        max_digits=6, decimal_places=3, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    high = models.DecimalField(
        max_digits=6, decimal_places=3, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    sd = models.DecimalField(
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    notes = models.TextField(blank=True)

    objects = OptionLineQuerySet.as_manager()

    class Meta:
        ordering = ["option", "kind", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["option", "name"], name="line_name_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def total(self) -> float:
        return sum(float(v) for v in self.values.values())
