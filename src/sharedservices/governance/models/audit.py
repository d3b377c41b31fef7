"""The audit trail: one row per write, never changed or removed.

The database itself refuses UPDATE and DELETE on this table (triggers made by migration
0002, on SQLite and on PostgreSQL), so not even a bug in the app can rewrite history.
Foreign keys are kept without database constraints and with ``DO_NOTHING``: deleting a
user or a case must never try to null or cascade into the trail. ``user_name`` and
``object_label`` keep what a reader needs if the row they name is later gone.
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from sharedservices.governance.tenancy import CouncilOwnedQuerySet


class AuditEventQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        """Events by the council's users, on cases it leads or that are shared with it,
        and on arrangements it is a partner in."""
        from sharedservices.cases.models import BusinessCase
        from sharedservices.registry.models import ArrangementPartner

        cases = BusinessCase.objects.owned_by(council_codes).values("pk")
        arrangements = ArrangementPartner.objects.filter(council__in=council_codes).values(
            "arrangement_id"
        )
        return self.filter(
            models.Q(council__in=council_codes)
            | models.Q(case__in=cases)
            | models.Q(arrangement__in=arrangements)
        )

    def of_case(self, case):
        return self.filter(case=case).order_by("at", "pk")

    def of_arrangement(self, arrangement):
        return self.filter(arrangement=arrangement).order_by("at", "pk")


class AuditEvent(models.Model):
    at = models.DateTimeField(db_index=True, help_text="When, in UTC.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    user_name = models.CharField(max_length=200, blank=True)
    council = models.ForeignKey(
        "councils.Council",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        help_text="The council the user acted for.",
    )
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80, help_text="app_label.model of the object")
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(max_length=300, blank=True)
    case = models.ForeignKey(
        "cases.BusinessCase",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    arrangement = models.ForeignKey(
        "registry.Arrangement",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    before = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    request_id = models.CharField(max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        indexes = [
            models.Index(fields=["case", "at"]),
            models.Index(fields=["arrangement", "at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name or 'system'}: {self.action}"

    def save(self, *args, **kwargs):
        """A row is written once: saving an existing event is refused here as well as
        by the database, so the mistake is reported where it is made."""
        if self.pk is not None and not self._state.adding:
            raise AuditEventImmutable("Audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditEventImmutable("Audit events cannot be deleted")


class AuditEventImmutable(Exception):
    """Raised when code tries to change or delete an audit event."""
