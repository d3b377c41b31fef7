"""The case's simpler records (baselines, risks, consultation): save and delete."""

from __future__ import annotations

from django.db import models, transaction

from sharedservices.cases import permissions
from sharedservices.cases.models import (
    BusinessCase,
)
from sharedservices.cases.services.common import check_revision, lock_case, record_version, require


@transaction.atomic
def case_record_save(
    *, case: BusinessCase, record: models.Model, user, expected_revision: int | None = None
) -> models.Model:
    """Save a baseline, risk or consultation entry of ``case``."""
    from sharedservices.cases.models import Baseline

    if isinstance(record, Baseline):
        require(permissions.can_contribute_for(user, case, record.council))
    else:
        require(permissions.can_draft(user, case))
    lock_case(case)
    created = record.pk is None
    check_revision(record, expected_revision)
    record.case = case
    record.full_clean()
    record.save()
    noun = record._meta.verbose_name
    record_version(case, user, f"{'Added' if created else 'Changed'} a {noun}: {_title(record)}")
    return record


def _title(record) -> str:
    for attr in ("measure", "description", "who"):
        if getattr(record, attr, None):
            return str(getattr(record, attr))[:80]
    return str(record)


@transaction.atomic
def case_record_delete(*, case: BusinessCase, record: models.Model, user) -> None:
    from sharedservices.cases.models import Baseline

    if isinstance(record, Baseline):
        require(permissions.can_contribute_for(user, case, record.council))
    else:
        require(permissions.can_draft(user, case))
    lock_case(case)
    label = f"{record._meta.verbose_name}: {_title(record)}"
    record.delete()
    record_version(case, user, f"Removed a {label}")
