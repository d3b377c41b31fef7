"""Programmes and clusters, their funding pots, allocations and spend.

Team Lancashire works in three clusters; the Mid Lancashire cluster (Lancaster,
Preston, South Ribble, Chorley, West Lancashire) was awarded £100,000 and allocated
£50,000 of it to Lancaster and Preston (Lancaster City Council, Cabinet, 2009). A
cluster is a programme with a parent. Amounts are whole pounds, as in the register.

A programme's name, members and funding are public facts (they are in committee
papers): every signed-in user may read them. Its private notes, allocations in
detail and opportunities are for its member councils. Writes go through
``programme/services/``, which keep the pot arithmetic and the history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from sharedservices.analysis.money import format_pounds
from sharedservices.base.tenancy import CouncilOwnedQuerySet


class ProgrammeQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        return self.filter(members__in=council_codes)

    def public(self):
        return self.all()

    def of_member(self, council_codes):
        return self.filter(pk__in=self.owned_by(council_codes).values("pk"))


class OnceOnly(models.Model):
    """A form's one-time token: a second submission of the same form (a double click)
    finds the first record instead of storing another."""

    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        abstract = True


class Programme(OnceOnly):
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clusters",
        help_text="The programme this cluster belongs to (Mid Lancashire in Team Lancashire).",
    )
    members = models.ManyToManyField("councils.Council", related_name="programmes")
    project_manager = models.CharField(max_length=200, blank=True)
    method = models.CharField(
        max_length=200, blank=True, help_text="The project method used, e.g. Lancaster's LAMP."
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)
    private_notes = models.TextField(blank=True, help_text="Seen by member councils only.")
    is_demo = models.BooleanField(default=False)
    revision = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programme:programme", args=[self.pk])


class FundingPotQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        return self.filter(programme__members__in=council_codes)

    def public(self):
        return self.all()

    def with_totals(self):
        return self.annotate(
            allocated=models.functions.Coalesce(
                models.Sum("allocations__amount_gbp"), models.Value(0)
            )
        )


class FundingPot(OnceOnly):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="pots")
    source = models.CharField(max_length=200, help_text="Who gave the money, e.g. Team Lancashire")
    amount_gbp = models.PositiveBigIntegerField("amount (£)")
    conditions = models.TextField(blank=True)
    awarded_on = models.DateField(null=True, blank=True)

    objects = FundingPotQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "pk"]

    def __str__(self) -> str:
        return f"{self.source}: {format_pounds(self.amount_gbp)}"


class AllocationQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        return self.filter(pot__programme__members__in=council_codes)


class Allocation(OnceOnly):
    """Money from a pot to an opportunity or to councils (the £50,000 went to
    Lancaster and Preston together)."""

    pot = models.ForeignKey(FundingPot, on_delete=models.PROTECT, related_name="allocations")
    amount_gbp = models.PositiveBigIntegerField("amount (£)")
    purpose = models.CharField(max_length=300)
    opportunity = models.ForeignKey(
        "programme.Opportunity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocations",
    )
    councils = models.ManyToManyField("councils.Council", blank=True, related_name="+")
    made_on = models.DateField(null=True, blank=True)

    objects = AllocationQuerySet.as_manager()

    class Meta:
        ordering = ["pot", "pk"]

    def __str__(self) -> str:
        return f"{format_pounds(self.amount_gbp)} for {self.purpose}"


class SpendQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        return self.filter(allocation__pot__programme__members__in=council_codes)


class Spend(OnceOnly):
    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, related_name="spend")
    amount_gbp = models.PositiveBigIntegerField("amount (£)")
    description = models.CharField(max_length=300)
    spent_on = models.DateField(null=True, blank=True)

    objects = SpendQuerySet.as_manager()

    class Meta:
        ordering = ["allocation", "spent_on", "pk"]
        verbose_name_plural = "spend"

    def __str__(self) -> str:
        return f"{format_pounds(self.amount_gbp)}: {self.description}"


class ProgrammeEventQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        return self.filter(programme__members__in=council_codes)


class ProgrammeEvent(models.Model):
    """Append-only history of a programme: who changed what, when (the audit trail
    until Governance's ``AuditEvent`` is there to receive it too)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user_name = models.CharField(max_length=200, blank=True)
    summary = models.CharField(max_length=500)

    objects = ProgrammeEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.summary
