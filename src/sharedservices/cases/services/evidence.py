"""A partner council's evidence against its policy's criteria."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from sharedservices.cases import permissions
from sharedservices.cases.models import (
    CriterionEvidence,
)
from sharedservices.cases.services.common import check_revision, lock_case, record_version, require


@transaction.atomic
def criterion_evidence_save(
    *, evidence: CriterionEvidence, user, expected_revision: int | None = None
) -> CriterionEvidence:
    case = evidence.case
    require(permissions.can_contribute_for(user, case, evidence.council))
    if evidence.criterion.version.policy.council_id != evidence.council_id:
        raise ValidationError("Evidence is given against the council's own policy")
    lock_case(case)
    check_revision(evidence, expected_revision)
    evidence.updated_by = user
    evidence.full_clean()
    evidence.save()
    record_version(
        case, user, f"Gave evidence for {evidence.council.name}: {evidence.criterion.title}"
    )
    return evidence
