"""Shared-service arrangements: who shares what, how, since when.

Live and ended arrangements are public (they are the national register);
exploring, business-case and not-pursued ones are seen only by the partner
councils' users (seed 002 keeps such lists internal).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse


class ArrangementStatus(models.TextChoices):
    EXPLORING = "exploring", "Exploring"
    BUSINESS_CASE = "business-case", "Business case"
    LIVE = "live", "Live"
    ENDED = "ended", "Ended"
    NOT_PURSUED = "not-pursued", "Not pursued"


PUBLIC_STATUSES = (ArrangementStatus.LIVE, ArrangementStatus.ENDED)


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


class ArrangementQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_STATUSES)

    def visible_to(self, user):
        """Public arrangements, plus every one the user's council is a partner in."""
        if getattr(user, "is_superuser", False):
            return self.all()
        council_id = getattr(user, "council_id", None) if user.is_authenticated else None
        if council_id is None:
            return self.public()
        return self.filter(
            models.Q(status__in=PUBLIC_STATUSES) | models.Q(partners__council_id=council_id)
        ).distinct()

    def of_council(self, council):
        return self.filter(partners__council=council).distinct()


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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArrangementQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


class ArrangementPartner(models.Model):
    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="partners")
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="arrangement_partnerships"
    )
    role = models.CharField(max_length=20, choices=PartnerRole.choices, default=PartnerRole.PARTNER)

    class Meta:
        ordering = ["arrangement", "role", "council__name"]
        constraints = [
            models.UniqueConstraint(fields=["arrangement", "council"], name="one_role_per_council")
        ]

    def __str__(self) -> str:
        return f"{self.council} ({self.get_role_display()}) in {self.arrangement}"
