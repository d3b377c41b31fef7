"""Who may write in a programme: officers, corporate directors and lead officers of
its member councils (seed 003: officers and directors develop the work, the lead
officer oversees it). Members (lead, scrutiny and executive) read.

Which records a user may change is each model's ``editable_by(user)``; this module
answers the questions pages ask before showing a form.
"""

from __future__ import annotations

from sharedservices.base.tenancy import (
    DRAFTING_ROLES,
    acting_council_ids,
    is_superuser,
)
from sharedservices.programme.models import Opportunity, Programme


def can_write(user) -> bool:
    """Whether the user's role writes programme records at all."""
    if is_superuser(user):
        return True
    return bool(acting_council_ids(user)) and bool(DRAFTING_ROLES & set(user.roles))


def can_edit_programme(user, programme: Programme) -> bool:
    return Programme.objects.editable_by(user).filter(pk=programme.pk).exists()


def is_member(user, programme: Programme) -> bool:
    """The user acts for a member council: they read its notes and opportunities."""
    if is_superuser(user):
        return True
    return programme.members.filter(pk__in=acting_council_ids(user)).exists()


def can_edit_opportunity(user, opportunity: Opportunity) -> bool:
    return Opportunity.objects.editable_by(user).filter(pk=opportunity.pk).exists()


def can_act_for(user, council) -> bool:
    """Write records on behalf of ``council`` (its own or a predecessor's)."""
    if is_superuser(user):
        return True
    return can_write(user) and council is not None and council.pk in acting_council_ids(user)
