"""Who may record arrangements.

Officers and directors keep their council's register up to date (seed 003:
Corporate Directors develop the work, the lead officer oversees it); members
read it. Which arrangements a user may change is ``Arrangement.objects.editable_by``.
"""

from __future__ import annotations

from sharedservices.accounts.roles import Role

RECORDING_ROLES = frozenset({Role.OFFICER, Role.DIRECTOR, Role.LEAD_OFFICER})


def can_record_arrangements(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return user.council_id is not None and bool(RECORDING_ROLES & user.roles)
