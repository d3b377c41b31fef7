"""Each council's own shared-services policy: roles and a versioned list of criteria.

Carlisle's policy (seed 003, 1.1) says an arrangement is entered into only when the
business case clearly demonstrates compliance with each criterion; a case is checked
against the version of every partner's policy that is in force (``Policy.version_in_force``).
A version, once adopted, is never edited: a change is a new version.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from sharedservices.base.tenancy import CouncilOwnedQuerySet


class PolicyQuerySet(CouncilOwnedQuerySet):
    """A council's policy is a public document; its council keeps it."""

    editing_roles = frozenset({"lead-officer", "director"})

    def owned_by(self, council_codes):
        return self.filter(council_id__in=council_codes)

    def public(self):
        return self.all()


class Policy(models.Model):
    council = models.OneToOneField(
        "councils.Council", on_delete=models.PROTECT, related_name="shared_services_policy"
    )
    title = models.CharField(max_length=200, default="Shared services policy")
    template = models.SlugField(
        max_length=40, blank=True, help_text="The template the policy was first adopted from."
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PolicyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "policies"
        ordering = ["council__name"]

    def __str__(self) -> str:
        return f"{self.council.name}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cases:policy", args=[self.council_id])

    def version_in_force(self, on: datetime.date | None = None) -> PolicyVersion | None:
        """The latest version in force on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return (
            self.versions.filter(in_force_from__lte=on)
            .order_by("-in_force_from", "-number")
            .first()
        )


class PolicyVersion(models.Model):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    in_force_from = models.DateField()
    # Roles (seed 003, 4.1): who owns the policy, who scrutinises and who decides.
    lead_officer = models.CharField(max_length=200, blank=True)
    lead_member = models.CharField(max_length=200, blank=True)
    scrutiny_committee = models.CharField(max_length=200, blank=True)
    decision_body = models.CharField(max_length=200, blank=True)
    change_note = models.CharField(max_length=300, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["policy", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="policy_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.policy}, version {self.number}"


class Criterion(models.Model):
    version = models.ForeignKey(PolicyVersion, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveIntegerField(default=0)
    key = models.SlugField(
        max_length=60,
        help_text="Stable across versions: evidence for an unchanged criterion carries forward.",
    )
    reference = models.CharField(max_length=30, blank=True, help_text="e.g. 4.2.7")
    title = models.CharField(max_length=200)
    text = models.TextField()
    guidance = models.TextField(blank=True, help_text="The evidence the council expects.")

    class Meta:
        ordering = ["version", "order", "pk"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="criterion_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()
