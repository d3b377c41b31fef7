"""The one table the shared foundations keep: submissions already acted on
(``base/once.py``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OneTimeSubmission(models.Model):
    """A create form's one-time token or an API client's ``Idempotency-Key``, claimed in
    the transaction that acted on it. The unique key is the lock: a second submission
    with the same key waits for the first to commit, then replays its result."""

    key = models.CharField(max_length=300, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    fingerprint = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the request: a reused key must match."
    )
    result = models.JSONField(null=True, blank=True, help_text="What the first one answered.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.key
