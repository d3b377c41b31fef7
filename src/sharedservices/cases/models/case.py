"""Business cases on HM Treasury's five-case model.

A case is private to the lead council until its users share it with the partner
councils (DESIGN.md, "Who uses it"). Every write goes through ``cases/services.py``,
which checks the record's ``revision`` (optimistic concurrency: a second saver is
told, not overwritten) and appends a ``CaseVersion`` snapshot.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from sharedservices.base.tenancy import CouncilOwnedQuerySet, OwnedThroughQuerySet


class CaseStage(models.TextChoices):
    SOC = "soc", "Strategic outline case"
    OBC = "obc", "Outline business case"
    FBC = "fbc", "Full business case"
    BJC = "bjc", "Business justification case"


class SectionPart(models.TextChoices):
    """The five cases of the Treasury model, in the order they are written."""

    STRATEGIC = "strategic", "Strategic case"
    ECONOMIC = "economic", "Economic case"
    COMMERCIAL = "commercial", "Commercial case"
    FINANCIAL = "financial", "Financial case"
    MANAGEMENT = "management", "Management case"


class Revisioned(models.Model):
    """A record edited by several people: ``revision`` goes up by one on each save."""

    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class BusinessCaseQuerySet(CouncilOwnedQuerySet):
    """The lead council's users always; partner councils' users once shared. Only the
    lead council writes the case itself (partners add their own evidence and baselines:
    ``cases/permissions.py``)."""

    def owned_by(self, council_codes):
        # governance's PartnerExit, by relation name: cases does not import governance.
        exits = BusinessCase._meta.get_field("exits").related_model
        return self.filter(
            models.Q(lead_council_id__in=council_codes)
            | models.Q(
                shared_with_partners=True,
                pk__in=BusinessCase.partner_councils.through.objects.filter(
                    council_id__in=council_codes
                ).values("businesscase_id"),
            )
            # A partner that rejected and left (governance's PartnerExit) still reads
            # the case it decided on; only the lead writes (``written_by``).
            | models.Q(pk__in=exits.objects.filter(council_id__in=council_codes).values("case_id"))
        )

    def written_by(self, council_codes):
        return self.filter(lead_council_id__in=council_codes)


class CaseOwnedQuerySet(OwnedThroughQuerySet):
    """Records that belong to one business case: its councils, through the case."""

    owner_path = "case"


class BusinessCase(Revisioned):
    title = models.CharField(max_length=200)
    lead_council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="led_cases"
    )
    partner_councils = models.ManyToManyField(
        "councils.Council", blank=True, related_name="partner_cases"
    )
    partner_organisations = models.ManyToManyField(
        "registry.Organisation", blank=True, related_name="business_cases"
    )
    service_areas = models.ManyToManyField(
        "registry.ServiceArea", blank=True, related_name="business_cases"
    )
    arrangement = models.ForeignKey(
        "registry.Arrangement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="business_cases",
    )
    opportunity = models.ForeignKey(
        "programme.Opportunity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="business_cases",
    )
    stage = models.CharField(max_length=3, choices=CaseStage.choices, default=CaseStage.SOC)
    summary = models.TextField(blank=True)
    shared_with_partners = models.BooleanField(default=False)
    shared_at = models.DateTimeField(null=True, blank=True)

    # The appraisal settings (docs/appraisal.md, "Top level").
    start_year = models.PositiveIntegerField(default=2026)
    price_base_year = models.PositiveIntegerField(default=2026)
    horizon_years = models.PositiveIntegerField(default=10)
    monte_carlo_iterations = models.PositiveIntegerField(default=10_000)
    monte_carlo_seed = models.PositiveIntegerField(default=1)
    # When partners leave, a remaining council whose own net present value falls by more
    # than this share of it (or turns negative) decides again (docs/governance.md).
    material_change_pct = models.PositiveSmallIntegerField(default=10)

    # The last appraisal, computed by the service layer whenever an option changes.
    appraisal = models.JSONField(null=True, blank=True, editable=False)
    appraisal_errors = models.JSONField(default=list, blank=True, editable=False)
    appraised_at = models.DateTimeField(null=True, blank=True, editable=False)

    # The preferred option and the reasons (seed 001, "Preferred Option").
    preferred_option = models.ForeignKey(
        "cases.Option", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    preferred_reasons = models.TextField(blank=True)

    # Staffing implications (seed 000's protocol: consult employees, job protection).
    posts_affected = models.PositiveIntegerField(null=True, blank=True)
    staffing_implications = models.TextField(blank=True)
    job_protection = models.TextField(blank=True)

    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BusinessCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", args=[self.pk])

    @property
    def end_year(self) -> int:
        return self.start_year + self.horizon_years - 1

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    @property
    def preferred_differs_from_appraisal(self) -> bool:
        """The officers preferred an option other than the one with the highest NPSV:
        allowed (the Green Book weighs more than NPSV), but the reasons must say why."""
        highest = (self.appraisal or {}).get("preferred_option")
        return bool(self.preferred_option and highest and self.preferred_option.name != highest)

    @property
    def councils(self):
        """The lead council first, then the partners: every council whose policy applies."""
        partners = sorted(
            (c for c in self.partner_councils.all() if c.pk != self.lead_council_id),
            key=lambda c: c.name,
        )
        return [self.lead_council, *partners]


class CaseSection(Revisioned):
    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="sections")
    part = models.CharField(max_length=20, choices=SectionPart.choices)
    body = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case", "part"]
        constraints = [models.UniqueConstraint(fields=["case", "part"], name="case_section_unique")]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_part_display()}"


class CaseVersion(models.Model):
    """Append-only: one snapshot of the whole case after every save."""

    # PROTECT: history is never removed by a cascade (a delete in the admin included).
    case = models.ForeignKey(BusinessCase, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    change = models.CharField(max_length=300)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    saved_by_name = models.CharField(
        max_length=200, blank=True, help_text="Kept if the user is later deleted."
    )
    saved_at = models.DateTimeField(auto_now_add=True)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["case", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="case_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.case}, version {self.number}"


class CaseComment(models.Model):
    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="comments")
    council = models.ForeignKey("councils.Council", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    part = models.CharField(max_length=20, choices=SectionPart.choices, blank=True)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author} on {self.case}"
