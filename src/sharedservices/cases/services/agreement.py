"""The sharing agreement: how the chosen option is split among the partners."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from sharedservices.cases import permissions
from sharedservices.cases.agreement import agreement_compute
from sharedservices.cases.models import (
    BusinessCase,
    Option,
)
from sharedservices.cases.models.agreement import SharingAgreement
from sharedservices.cases.services.common import check_revision, lock_case, record_version, require


@transaction.atomic
def sharing_agreement_save(
    *,
    case: BusinessCase,
    user,
    option: Option,
    bases: dict[str, str],
    custom_pct: dict[str, float],
    expected_revision: int | None,
) -> SharingAgreement:
    """Record how each line of ``option`` is split, compute the split and whether
    every partner is better off than going alone."""
    require(permissions.can_draft(user, case))
    lock_case(case)
    if option.case_id != case.pk or option.is_do_nothing:
        raise ValidationError(
            {"option": "Choose one of this case's options other than doing nothing"}
        )
    agreement = SharingAgreement.objects.filter(case=case).first() or SharingAgreement(case=case)
    check_revision(agreement, expected_revision)
    agreement.option = option
    agreement.bases = bases
    agreement.custom_pct = custom_pct
    agreement.updated_by = user
    agreement.result, agreement.errors = agreement_compute(case, option, bases, custom_pct)
    agreement.save()
    record_version(case, user, f"Updated the sharing agreement for {option.name}")
    return agreement
