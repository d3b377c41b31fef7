"""Opportunities: candidate services to share, moving through a pipeline.

The stages follow the Treasury's business case stages (strategic outline, outline,
full case) between an idea and a live service. An opportunity can go back a stage
with a reason (Carlisle's licensing "requires further work on the outline business
case") or be considered and not pursued with its reason (Wyre Forest's lists).

It belongs to the council that records it and is shared with the member councils
of its programme. Every change is appended to ``OpportunityEvent``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from sharedservices.base.tenancy import CouncilOwnedQuerySet
from sharedservices.programme.models.programmes import OnceOnly


class OpportunityStage(models.TextChoices):
    IDEA = "idea", "Idea"
    RESEARCH = "research", "Research"
    SOC = "soc", "Strategic outline case"
    OBC = "obc", "Outline case"
    FBC = "fbc", "Full case"
    DECISION = "decision", "Decision"
    LIVE = "live", "Live"
    NOT_PURSUED = "not-pursued", "Not pursued"


# The pipeline in order; "not pursued" stands outside it.
PIPELINE = [
    OpportunityStage.IDEA,
    OpportunityStage.RESEARCH,
    OpportunityStage.SOC,
    OpportunityStage.OBC,
    OpportunityStage.FBC,
    OpportunityStage.DECISION,
    OpportunityStage.LIVE,
]
# Wyre Forest's "services being explored": in the pipeline, not yet live.
EXPLORING = PIPELINE[:-1]


def stage_position(stage: str) -> int | None:
    try:
        return PIPELINE.index(stage)
    except ValueError:
        return None


class OpportunityQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        return self.filter(Q(council__in=council_codes) | Q(programme__members__in=council_codes))

    def being_explored(self):
        return self.filter(stage__in=EXPLORING)

    def not_pursued(self):
        return self.filter(stage=OpportunityStage.NOT_PURSUED)


class Opportunity(OnceOnly):
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="opportunities"
    )
    programme = models.ForeignKey(
        "programme.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    service_area = models.ForeignKey(
        "registry.ServiceArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities",
    )
    stage = models.CharField(
        max_length=20, choices=OpportunityStage.choices, default=OpportunityStage.IDEA
    )
    stage_reason = models.TextField(
        blank=True, help_text="Why it went back a stage or was not pursued (the latest move)."
    )
    proposed_partners = models.ManyToManyField("councils.Council", blank=True, related_name="+")
    partner_organisations = models.ManyToManyField(
        "registry.Organisation", blank=True, related_name="opportunities"
    )
    sponsor_name = models.CharField(max_length=200, blank=True)
    sponsor_role = models.CharField(max_length=200, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_opportunities",
    )
    next_step = models.CharField(max_length=300, blank=True)
    next_step_due = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    arrangement = models.ForeignKey(
        "registry.Arrangement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        help_text="The register record this opportunity came from or became.",
    )
    is_demo = models.BooleanField(default=False)
    revision = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name_plural = "opportunities"
        indexes = [models.Index(fields=["stage"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:opportunity", args=[self.pk])

    @property
    def stage_position(self) -> int | None:
        return stage_position(self.stage)


class EventKind(models.TextChoices):
    CREATED = "created", "Recorded"
    UPDATED = "updated", "Changed"
    FORWARD = "forward", "Moved on"
    BACK = "back", "Sent back"
    NOT_PURSUED = "not-pursued", "Not pursued"
    REVIVED = "revived", "Taken up again"
    SCORED = "scored", "Scored"


class OpportunityEventQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        return self.filter(opportunity__in=Opportunity.objects.owned_by(council_codes).values("pk"))


class OpportunityEvent(models.Model):
    """Append-only history of an opportunity."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user_name = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    from_stage = models.CharField(max_length=20, choices=OpportunityStage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=OpportunityStage.choices, blank=True)
    reason = models.TextField(blank=True)
    changes = models.JSONField(default=dict, help_text="Field label to [before, after].")

    objects = OpportunityEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.opportunity}"
