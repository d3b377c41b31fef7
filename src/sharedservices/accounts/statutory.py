"""Each council's statutory officers: who holds the chief finance officer (s.151),
monitoring officer and head of paid service posts, and a named deputy for each.

Only the council's own corporate director or a platform administrator sets them; each
holder and deputy is an active user of that council. Reports ask ``may_act_as`` before
a financial or legal implication is signed off (``reports/services.py``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sharedservices.accounts.models import StatutoryOfficer, StatutoryPost, User
from sharedservices.accounts.roles import Role
from sharedservices.base.audit import audit_record
from sharedservices.base.revisions import UNCHECKED, EditConflict


def can_set_statutory_officers(user, council) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return user.council_id == council.pk and user.has_role(Role.DIRECTOR)


def _person(user: User | None) -> dict | None:
    if user is None:
        return None
    return {"id": user.pk, "name": user.get_full_name() or user.email}


def _check_person(person, council, what: str) -> None:
    if person is None:
        return
    if person.council_id != council.pk or not person.is_active:
        raise ValidationError({what: f"Choose an active user of {council.name}"})


@transaction.atomic
def statutory_officer_set(
    *,
    council,
    post: str,
    holder: User,
    deputy: User | None,
    by,
    expected_revision=None,
) -> StatutoryOfficer:
    """Record who holds ``post`` at ``council`` (and the deputy). A save made from an
    out-of-date page is refused (``EditConflict``), never overwriting another's."""
    if not can_set_statutory_officers(by, council):
        raise PermissionDenied
    if post not in StatutoryPost.values:
        raise ValidationError({"post": "Choose a statutory post"})
    if holder is None:
        raise ValidationError({"holder": "Choose who holds the post"})
    _check_person(holder, council, "holder")
    _check_person(deputy, council, "deputy")
    if deputy is not None and deputy.pk == holder.pk:
        raise ValidationError({"deputy": "The deputy must be someone other than the holder"})
    current = (
        # Lock this row only: PostgreSQL cannot lock the nullable side (the deputy) of the
        # outer join that select_related makes.
        StatutoryOfficer.objects.select_for_update(of=("self",))
        .select_related("holder", "deputy")
        .filter(council=council, post=post)
        .first()
    )
    stale = expected_revision is None or expected_revision != getattr(current, "revision", 0)
    if current is not None and expected_revision is not UNCHECKED and stale:
        raise EditConflict(current)
    before = (
        {"holder": _person(current.holder), "deputy": _person(current.deputy)} if current else None
    )
    after = {"holder": _person(holder), "deputy": _person(deputy)}
    if before == after:
        return current
    officer = current or StatutoryOfficer(council=council, post=post)
    if current is not None:
        officer.revision = current.revision + 1
    officer.holder, officer.deputy, officer.set_by = (
        holder,
        deputy,
        (by if getattr(by, "is_authenticated", False) else None),
    )
    officer.save()
    audit_record(
        user=by,
        action="council.statutory_officer_set",
        obj=officer,
        before=before,
        after=after,
        council=council.pk,
    )
    return officer


def statutory_officers(council) -> dict[str, StatutoryOfficer]:
    """``{post: StatutoryOfficer}`` for the posts ``council`` has recorded."""
    return {
        o.post: o
        for o in StatutoryOfficer.objects.filter(council=council).select_related("holder", "deputy")
    }


def may_act_as(user, council_code: str, post: str) -> str:
    """ "holder" or "deputy" when ``user`` holds ``post`` at the council, else ""."""
    if not getattr(user, "is_authenticated", False):
        return ""
    officer = StatutoryOfficer.objects.filter(council_id=council_code, post=post).first()
    if officer is None:
        return ""
    if officer.holder_id == user.pk:
        return "holder"
    if officer.deputy_id == user.pk:
        return "deputy"
    return ""
