"""Writes for accounts: creating users with their roles."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction

from sharedservices.accounts.models import User
from sharedservices.accounts.roles import Role


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    password: str | None,
    council=None,
    roles: Iterable[Role | str] = (),
    is_superuser: bool = False,
) -> User:
    """Create a user of ``council`` holding ``roles`` (each must be a :class:`Role`)."""
    roles = [Role(r) for r in roles]
    if council is None and not is_superuser:
        raise ValueError("Every user except a platform administrator belongs to a council")
    maker = User.objects.create_superuser if is_superuser else User.objects.create_user
    user = maker(email=email, password=password, full_name=full_name, council=council)
    user_set_roles(user=user, roles=roles)
    return user


def user_set_roles(*, user: User, roles: Iterable[Role | str], by: User | None = None) -> None:
    """Give ``user`` exactly ``roles``; ``by`` is who did it (none: a command or the demo)."""
    from sharedservices.governance.audit import audit_record

    groups = [Group.objects.get_or_create(name=str(Role(r)))[0] for r in roles]
    before = sorted(user.roles) if user.pk else []
    user.groups.set(groups)
    user.__dict__.pop("roles", None)
    after = sorted(str(Role(r)) for r in roles)
    if before != after:
        audit_record(
            user=by,
            action="user.roles_set",
            obj=user,
            before={"roles": before},
            after={"roles": after},
            council=user.council_id,
        )
