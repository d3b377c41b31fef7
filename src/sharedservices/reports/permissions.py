"""Who may prepare a council's report, and who may read its private edition.

A council's own officers prepare, sign off and publish its report (a council reports to
its own committees); the private edition, with exempt information, is for the users of
the case's councils only: whoever can see the case (``visible_to``).
"""

from __future__ import annotations

from sharedservices.base.tenancy import acting_council_ids, has_drafting_role, is_superuser
from sharedservices.cases.models import BusinessCase


def can_prepare(user, council_code: str) -> bool:
    if is_superuser(user):
        return True
    return council_code in acting_council_ids(user) and has_drafting_role(user)


def can_read_private(user, case) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return BusinessCase.objects.visible_to(user).filter(pk=case.pk).exists()
