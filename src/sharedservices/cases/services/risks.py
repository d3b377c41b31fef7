"""Risks: adding the suggested ones."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from sharedservices.cases import permissions
from sharedservices.cases.guidance import SUGGESTED_RISKS_BY_KEY
from sharedservices.cases.models import (
    BusinessCase,
    Risk,
)
from sharedservices.cases.services.common import lock_case, record_version, require


@transaction.atomic
def risks_add_suggested(*, case: BusinessCase, user, keys: Iterable[str]) -> list[Risk]:
    """Start the register from the suggested risks (seed 002's union concerns)."""
    require(permissions.can_draft(user, case))
    lock_case(case)
    have = set(case.risks.values_list("suggestion", flat=True))
    added = []
    for key in keys:
        s = SUGGESTED_RISKS_BY_KEY.get(key)
        if s is None or key in have:
            continue
        added.append(
            Risk.objects.create(
                case=case,
                description=s.description,
                cause=s.cause,
                mitigation=s.mitigation,
                likelihood=s.likelihood,
                impact=s.impact,
                residual_likelihood=max(1, s.likelihood - 1),
                residual_impact=s.impact,
                suggestion=s.key,
            )
        )
    if added:
        record_version(case, user, f"Added {len(added)} suggested risks")
    return added
