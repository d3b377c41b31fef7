"""Background analysis jobs: a ``share`` or ``coalitions`` run too long for a
web request, queued on Celery and watched through its progress.

A job belongs to the council of the user who asked for it, and only that
council's users (and those of a council that succeeded it) see it
(``AnalysisJob.objects.visible_to(user)``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from sharedservices.base.tenancy import CouncilOwnedQuerySet


class JobKind(models.TextChoices):
    SHARE = "share", "Sharing agreement"
    COALITIONS = "coalitions", "Find partners"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Finished"
    FAILED = "failed", "Failed"


class AnalysisJobQuerySet(CouncilOwnedQuerySet):
    """The requesting council's users (and its successors'); administrators see all."""

    def owned_by(self, council_codes):
        return self.filter(council_id__in=council_codes)


class AnalysisJob(models.Model):
    kind = models.CharField(max_length=20, choices=JobKind.choices)
    title = models.CharField(
        max_length=200, blank=True, help_text="What was asked, in words, for lists and pages."
    )
    input = models.JSONField(help_text="The JSON document given to the analysis run function.")
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.FloatField(default=0.0, help_text="Fraction done, 0 to 1.")
    progress_message = models.CharField(max_length=200, blank=True)
    result = models.JSONField(null=True, blank=True)
    errors = models.JSONField(
        default=list, blank=True, help_text='Input problems as [{"path", "message"}].'
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="analysis_jobs",
    )
    council = models.ForeignKey(
        "councils.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="analysis_jobs",
        help_text="The requesting user's council; its users may see the job.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Last sign of life from the worker running the job (its progress writes).",
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = AnalysisJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["council", "-created_at"])]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} job {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * max(0.0, min(1.0, self.progress)))
