"""What every write to a case does: lock it, check the revision the writer started from,
check the writer may, and append a version."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Max
from django.utils import timezone

from sharedservices.base.audit import audit_record
from sharedservices.base.revisions import UNCHECKED, EditConflict
from sharedservices.cases.models import (
    BusinessCase,
    CaseVersion,
)
from sharedservices.cases.versions import case_snapshot

__all__ = ["UNCHECKED", "EditConflict", "check_revision", "lock_case", "record_version", "require"]


def lock_case(case: BusinessCase) -> BusinessCase:
    """Lock the case row: versions are numbered one writer at a time."""
    return BusinessCase.objects.select_for_update().get(pk=case.pk)


def check_revision(record: models.Model, expected: int | None) -> None:
    """Optimistic concurrency: refuse a save made from an out-of-date copy.

    A missing revision (``None``: a form or client that did not say what it read) is a
    conflict too, as in the register (``base.revisions.lock_at_revision``): it cannot
    prove it is not stale. Only the server's own writes pass ``UNCHECKED``."""
    if record.pk is None:
        return
    current = type(record).objects.select_for_update().get(pk=record.pk)
    if expected is not UNCHECKED and (expected is None or current.revision != expected):
        raise EditConflict(current)
    record.revision = current.revision + 1


def record_version(case: BusinessCase, user, change: str) -> CaseVersion:
    number = (case.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    BusinessCase.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    case.refresh_from_db()
    version = CaseVersion.objects.create(
        case=case,
        number=number,
        change=change[:300],
        saved_by=user if getattr(user, "is_authenticated", False) else None,
        saved_by_name=(user.get_full_name() or user.email)
        if getattr(user, "is_authenticated", False)
        else "",
        snapshot=case_snapshot(case),
    )
    # Every write to a case lands in the audit trail (governance.AuditEvent); the
    # version's snapshot holds the values before and after.

    audit_record(
        user=user,
        action="case.saved",
        obj=case,
        before={"version": number - 1} if number > 1 else None,
        after={"version": number, "change": change[:300]},
        case=case,
    )
    return version


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
