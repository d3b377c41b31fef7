"""Recording actuals: one value per indicator, period and partner. A correction keeps
the earlier value in ``ActualRevision`` and both in the audit trail; entering the same
figure again (a double click) changes nothing."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sharedservices.base.audit import audit_record
from sharedservices.benefits.models import Actual, ActualRevision, Indicator
from sharedservices.benefits.permissions import enterable_councils
from sharedservices.benefits.rules import ActualInput, actual_check


def _snapshot(actual: Actual) -> dict:
    return {
        "value": str(actual.value.normalize()),
        "note": actual.note,
        "evidence_url": actual.evidence_url,
    }


def actual_record(
    *, user, indicator: Indicator, data: ActualInput, system: bool = False
) -> tuple[Actual, str]:
    """Create or correct one actual; returns it and ``created``, ``corrected`` or
    ``unchanged``. Raises ``ValidationError`` (by field) or ``PermissionDenied``.
    ``system``: the command line or the demo, entering for every partner."""
    allowed = enterable_councils(user, indicator, system=system)
    if data.council not in allowed:
        raise PermissionDenied("You cannot enter figures for that council")
    problems, clean = actual_check(
        data, indicator=indicator, council_codes={c.pk for c in indicator.councils.all()}
    )
    if problems:
        raise ValidationError(problems)
    for _attempt in range(2):  # a second saver racing the first becomes a correction
        try:
            with transaction.atomic():
                return _record(user, indicator, clean)
        except IntegrityError:
            continue
    raise ValidationError({"period": "another person saved this figure at the same time"})


def _record(user, indicator: Indicator, clean: dict) -> tuple[Actual, str]:
    existing = (
        Actual.objects.select_for_update()
        .filter(indicator=indicator, period=clean["period"], council_id=clean["council"])
        .first()
    )
    if existing is None:
        actual = Actual.objects.create(
            indicator=indicator,
            council_id=clean["council"],
            period=clean["period"],
            value=clean["value"],
            note=clean["note"],
            evidence_url=clean["evidence_url"],
            entered_by=user if getattr(user, "is_authenticated", False) else None,
        )
        audit_record(
            user=user,
            action="benefits.actual.entered",
            obj=actual,
            after=_snapshot(actual),
            arrangement=indicator.arrangement_id,
        )
        return actual, "created"
    before = _snapshot(existing)
    if (existing.value, existing.note, existing.evidence_url) == (
        clean["value"],
        clean["note"],
        clean["evidence_url"],
    ):
        return existing, "unchanged"
    ActualRevision.objects.create(
        actual=existing,
        revision=existing.revision,
        value=existing.value,
        note=existing.note,
        evidence_url=existing.evidence_url,
        entered_by_name=(existing.entered_by.get_full_name() or existing.entered_by.email)
        if existing.entered_by
        else "",
        entered_at=existing.entered_at,
    )
    existing.value = clean["value"]
    existing.note = clean["note"]
    existing.evidence_url = clean["evidence_url"]
    existing.revision += 1
    existing.entered_by = user if getattr(user, "is_authenticated", False) else None
    existing.save()
    audit_record(
        user=user,
        action="benefits.actual.corrected",
        obj=existing,
        before=before,
        after=_snapshot(existing),
        arrangement=indicator.arrangement_id,
    )
    return existing, "corrected"
