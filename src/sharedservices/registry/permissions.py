"""Who may record arrangements.

Officers and directors keep their council's register up to date (seed 003:
Corporate Directors develop the work, the lead officer oversees it); members
read it. Which arrangements a user may change is ``Arrangement.objects.editable_by``.
"""

from __future__ import annotations

from sharedservices.base.tenancy import has_drafting_role, is_superuser


def can_record_arrangements(user) -> bool:
    if is_superuser(user):
        return True
    return getattr(user, "council_id", None) is not None and has_drafting_role(user)
