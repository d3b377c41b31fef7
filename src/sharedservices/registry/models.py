"""Shared-service arrangements: who shares what, how, since when, saving how much.

Live and ended arrangements are public (they are the national register);
exploring, business-case and not-pursued ones are seen only by the partner
councils' users (seed 002 keeps such lists internal). A council abolished in a
reorganisation stays a partner of its old arrangements; its successors' users
act for it (Carlisle's arrangements are Cumberland's to keep up to date).

Every change to an arrangement is appended to ``ArrangementChange`` by the
services in ``registry/services.py`` and the importer: who, when, what.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from sharedservices.analysis.money import format_pounds
from sharedservices.base.tenancy import CouncilOwnedQuerySet, OwnedThroughQuerySet
from sharedservices.catalogue.models import ServiceArea, ServiceCategory  # noqa: F401


class ArrangementStatus(models.TextChoices):
    EXPLORING = "exploring", "Exploring"
    BUSINESS_CASE = "business-case", "Business case"
    LIVE = "live", "Live"
    ENDED = "ended", "Ended"
    NOT_PURSUED = "not-pursued", "Not pursued"


PUBLIC_STATUSES = (ArrangementStatus.LIVE, ArrangementStatus.ENDED)
# A reason is required for these (seed 002 records why a service was not pursued).
STATUSES_NEEDING_REASON = (ArrangementStatus.ENDED, ArrangementStatus.NOT_PURSUED)
# Before a decision to share, the delivery model may still be open.
STATUSES_WITHOUT_MODEL = (ArrangementStatus.EXPLORING, ArrangementStatus.NOT_PURSUED)


class Provenance(models.TextChoices):
    """Where a record comes from (``Arrangement.provenance``). ``all`` is only a filter."""

    REAL = "real", "Real"
    DEMO = "demo", "Demo"


PROVENANCE_FILTERS = ("real", "demo", "all")


class DeliveryModel(models.TextChoices):
    LEAD_AUTHORITY = "lead-authority", "Lead authority (sovereign)"
    JOINT_COMMITTEE = "joint-committee", "Joint committee (federal)"
    COMPANY = "company", "Arm's-length company"
    PRIVATE_SECTOR = "private-sector", "Private sector provider"
    JOINT_PROCUREMENT = "joint-procurement", "Joint procurement / framework"
    JOINT_POST = "joint-post", "Joint post"
    INFORMAL = "informal", "Informal"


class PartnerRole(models.TextChoices):
    LEAD = "lead", "Lead / host"
    PARTNER = "partner", "Partner"
    PROVIDER = "provider", "Provider"


class SavingsBasis(models.TextChoices):
    ESTIMATED = "estimated", "Estimated"
    ACTUAL = "actual", "Actual"


class OrganisationKind(models.TextChoices):
    POLICE = "police", "Police"
    FIRE = "fire", "Fire and rescue"
    NHS = "nhs", "NHS"
    CENTRAL_GOVERNMENT = "central-government", "Central government"
    HOUSING_ASSOCIATION = "housing-association", "Housing association"
    PRIVATE = "private", "Private provider"
    CENTRE_OF_EXCELLENCE = "centre-of-excellence", "Centre of excellence"
    VOLUNTARY = "voluntary", "Voluntary or community body"
    OTHER = "other", "Other"


class Organisation(models.Model):
    """A partner that is not a council: police, fire, NHS, DWP, a housing
    association, a private provider, a centre of excellence."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(
        max_length=30, choices=OrganisationKind.choices, default=OrganisationKind.OTHER
    )
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ArrangementQuerySet(CouncilOwnedQuerySet):
    """Live and ended arrangements are public; every arrangement is its partner
    councils' (and their successors') to read and, for drafting roles, to change."""

    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def of_provenance(self, provenance: str):
        """``real`` (curated from a cited source, or recorded by a council), ``demo``
        (generated to illustrate), or anything else for both."""
        if provenance == Provenance.REAL:
            return self.filter(is_demo=False)
        if provenance == Provenance.DEMO:
            return self.filter(is_demo=True)
        return self

    def owned_by(self, council_codes):
        return self.filter(
            pk__in=ArrangementPartner.objects.filter(council_id__in=council_codes).values(
                "arrangement_id"
            )
        )

    def delete_with_history(self):
        """Delete these arrangements and, deliberately, their history (a demo reset,
        tests). History rows are PROTECTed so that no other delete can take them."""
        ArrangementChange.objects.filter(arrangement__in=self.values("pk")).delete()
        return self.delete()

    def of_council(self, council):
        """Arrangements of a council and of the councils it took over (Cornwall's include
        Caradon's, under its legacy code 15UB)."""
        from sharedservices.base.tenancy import council_and_predecessors

        codes = council_and_predecessors(council.pk)
        return self.filter(
            pk__in=ArrangementPartner.objects.filter(council_id__in=codes).values("arrangement_id")
        )


class Arrangement(models.Model):
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=ArrangementStatus.choices)
    status_reason = models.TextField(
        blank=True, help_text="Why it ended or was not pursued (required for those statuses)."
    )
    delivery_model = models.CharField(max_length=30, choices=DeliveryModel.choices, blank=True)
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    service_areas = models.ManyToManyField(ServiceArea, blank=True, related_name="arrangements")
    annual_savings_gbp = models.PositiveBigIntegerField(
        "annual savings (£)",
        null=True,
        blank=True,
        help_text="Savings a year across all partners, in whole pounds. Empty if none reported.",
    )
    savings_basis = models.CharField(
        max_length=10, choices=SavingsBasis.choices, default=SavingsBasis.ESTIMATED
    )
    is_demo = models.BooleanField(
        default=False, help_text="Demonstration data, not a real arrangement."
    )
    # A partner's baseline is that partner's own figure: only its officers set it, unless
    # the partners' agreement lets the lead council enter every partner's (as a lead
    # authority reporting for all often does).
    lead_sets_baselines = models.BooleanField(
        "the lead council sets every partner's baselines",
        default=False,
        help_text="Only if the partners' agreement says the lead council may.",
    )
    curated_ref = models.CharField(
        max_length=80,
        blank=True,
        help_text="The row's reference in the curated file (registry/data/arrangements.csv); "
        "empty for records entered by councils or generated for the demo.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # One more on every save: an edit states the revision it started from, and a stale
    # one is refused (``base/revisions.py``), so a second officer cannot silently revert
    # the first.
    revision = models.PositiveIntegerField(default=1, editable=False)

    objects = ArrangementQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["start_year"]),
            models.Index(fields=["delivery_model"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["curated_ref"],
                condition=~models.Q(curated_ref=""),
                name="one_arrangement_per_curated_ref",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def provenance(self) -> str:
        return Provenance.DEMO if self.is_demo else Provenance.REAL

    @property
    def main_source(self):
        """The first source with an address (else the first source), from the prefetched
        ``sources``; ``None`` when none is recorded."""
        sources = list(self.sources.all())
        return next((s for s in sources if s.url), sources[0] if sources else None)


class ArrangementPartnerQuerySet(OwnedThroughQuerySet):
    owner_path = "arrangement"


class ArrangementPartner(models.Model):
    """A party to an arrangement: a council or an organisation, with its role."""

    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="partners")
    council = models.ForeignKey(
        "councils.Council",
        on_delete=models.PROTECT,
        related_name="arrangement_partnerships",
        null=True,
        blank=True,
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="arrangement_partnerships",
        null=True,
        blank=True,
    )
    role = models.CharField(max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER)

    objects = ArrangementPartnerQuerySet.as_manager()

    class Meta:
        ordering = ["arrangement", "role", "council__name", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["arrangement", "council"], name="one_role_per_council"),
            models.UniqueConstraint(
                fields=["arrangement", "organisation"], name="one_role_per_organisation"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(council__isnull=False, organisation__isnull=True)
                    | models.Q(council__isnull=True, organisation__isnull=False)
                ),
                name="partner_is_council_or_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} ({self.get_role_display()}) in {self.arrangement}"

    @property
    def party(self):
        return self.council or self.organisation


class ArrangementSaving(models.Model):
    """Savings for one financial year (starting in ``year``), estimated or actual."""

    arrangement = models.ForeignKey(
        Arrangement, on_delete=models.CASCADE, related_name="yearly_savings"
    )
    year = models.PositiveSmallIntegerField(help_text="The financial year starting in April.")
    basis = models.CharField(max_length=10, choices=SavingsBasis.choices)
    amount_gbp = models.PositiveBigIntegerField(validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["arrangement", "year", "basis"]
        constraints = [
            models.UniqueConstraint(
                fields=["arrangement", "year", "basis"], name="one_saving_per_year_and_basis"
            )
        ]

    def __str__(self) -> str:
        amount = format_pounds(self.amount_gbp)
        return f"{self.year}/{(self.year + 1) % 100:02d} {self.basis}: {amount}"


class ArrangementSource(models.Model):
    """Where a record's facts come from: a committee paper, a web page."""

    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(max_length=500, blank=True)
    title = models.CharField(max_length=300, blank=True)
    published = models.CharField(
        max_length=10,
        blank=True,
        help_text="The source's date as it gives it: 2019, 2019-05 or 2019-05-14.",
    )
    checked_on = models.DateField(
        null=True, blank=True, help_text="When someone last read the source and found it says this."
    )

    class Meta:
        ordering = ["arrangement", "pk"]

    def __str__(self) -> str:
        return self.title or self.url


class ChangeAction(models.TextChoices):
    CREATED = "created", "Created"
    UPDATED = "updated", "Updated"
    IMPORTED = "imported", "Imported"
    REORGANISED = "reorganised", "Reorganised"


CHANGE_LABELS = {
    "name": "Name",
    "description": "Description",
    "status": "Status",
    "status_reason": "Reason",
    "delivery_model": "Delivery model",
    "start_year": "Start year",
    "end_year": "End year",
    "service_areas": "Service areas",
    "councils": "Partner councils",
    "lead_council": "Lead council",
    "organisations": "Other partners",
    "annual_savings_gbp": "Annual savings",
    "sources": "Sources",
    "lead_sets_baselines": "Baselines",
}


class ArrangementChange(models.Model):
    """Append-only history of an arrangement: who changed what, and when."""

    # PROTECT: history is never removed by a cascade (a delete in the admin included);
    # only ``delete_with_history`` removes it, on purpose.
    arrangement = models.ForeignKey(Arrangement, on_delete=models.PROTECT, related_name="changes")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    user_name = models.CharField(
        max_length=200, blank=True, help_text="Kept if the user is later deleted."
    )
    action = models.CharField(max_length=20, choices=ChangeAction.choices)
    changes = models.JSONField(
        default=dict, help_text="Field name to [before, after], as shown to people."
    )

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M} by {self.user_name or '-'}"

    @property
    def rows(self) -> list[tuple[str, str, str]]:
        """(label, before, after) for each changed field."""
        return [(CHANGE_LABELS.get(k, k), v[0], v[1]) for k, v in self.changes.items()]
