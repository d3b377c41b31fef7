"""Writes for accounts: creating users with their roles, and two-step sign-in."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from sharedservices.accounts import mfa
from sharedservices.accounts.models import CouncilSignInPolicy, RecoveryCode, User
from sharedservices.accounts.roles import Role
from sharedservices.base.audit import audit_record


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


def user_access(user: User) -> dict:
    """Who a user is and what they may do, as the audit trail records it: their e-mail
    address and name, their groups (roles, or any group an administrator made), whether
    they may sign in, reach the admin or do everything, and the council they act for."""
    return {
        "email": user.email,
        "name": user.full_name,
        "roles": sorted(user.groups.values_list("name", flat=True)) if user.pk else [],
        "active": user.is_active,
        "staff": user.is_staff,
        "superuser": user.is_superuser,
        "council": user.council_id,
    }


def user_access_record(*, user: User, before: dict | None, by: User | None) -> None:
    """Audit a change to ``user``'s access made outside ``user_set_roles`` (the admin's
    user form writes the groups and flags itself): one event holding what changed, and
    nothing when nothing did. ``before`` is ``user_access`` from before the change, or
    None for a user just made."""
    after = user_access(user)
    before = before or {}
    changed = sorted(k for k in after if before.get(k) != after[k])
    if not changed:
        return
    audit_record(
        user=by,
        action="user.access_changed",
        obj=user,
        before={k: before[k] for k in changed if k in before},
        after={k: after[k] for k in changed},
        council=user.council_id,
    )


def role_permissions(group: Group) -> list[str]:
    return sorted(group.permissions.values_list("codename", flat=True))


def role_permissions_record(*, group: Group, before: list[str] | None, by: User | None) -> None:
    """Audit a change to what a role (a group) may do, made in the admin; ``before`` is
    ``role_permissions`` from before it, or None for a group just made."""
    after = role_permissions(group)
    if before == after:
        return
    audit_record(
        user=by,
        action="role.permissions_changed",
        obj=group,
        before={"name": group.name, "permissions": before or []},
        after={"name": group.name, "permissions": after},
    )


# Two-step sign-in (accounts/mfa.py says who must use it and why).


def mfa_enrolment_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device a user is setting up: made on first sight of the page and
    kept until confirmed, so a reload shows the same secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def recovery_codes_replace(*, user: User) -> list[str]:
    """Make a new set of recovery codes (the old ones stop working) and return them:
    the only moment they exist in clear; only their digests are stored."""

    RecoveryCode.objects.filter(user=user).delete()
    codes = [mfa.new_recovery_code() for _ in range(mfa.RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, digest=mfa.code_digest(c)) for c in codes
    )
    audit_record(
        user=user,
        action="user.recovery_codes_made",
        obj=user,
        after={"count": len(codes)},
        council=user.council_id,
    )
    return codes


@transaction.atomic
def mfa_enrol_confirm(*, request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app is set up by one of its codes: mark this sign-in verified and
    return the new recovery codes. ``None`` when the code is wrong; raises
    :class:`mfa.TooManyAttempts` past the limit."""

    user = request.user
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    mfa.attempts_check(user, device)
    if not device.verify_token(mfa.normalise_code(code)):
        mfa.attempts_count_failure(user)
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    request.session.cycle_key()
    audit_record(user=user, action="user.mfa_enrolled", obj=user, council=user.council_id)
    return recovery_codes_replace(user=user)


@transaction.atomic
def mfa_verify(*, request, code: str) -> str | None:
    """The second step of signing in: an app code or an unused recovery code.

    Returns ``"app"`` or ``"recovery"`` for what was accepted, ``None`` for a wrong
    code; raises :class:`mfa.TooManyAttempts` past the limit (nothing is checked then).
    A recovery code is marked used in the same transaction, under a row lock, so two
    simultaneous uses of one code let in one."""

    user = request.user
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=True)
        .order_by("pk")
        .first()
    )
    if device is None:
        return None
    typed = mfa.normalise_code(code)
    is_app_code = typed.isdigit() and len(typed) == device.digits
    mfa.attempts_check(user, device if is_app_code else None)
    used = None
    if is_app_code and device.verify_token(typed):
        used = "app"
    elif len(typed) == 10:
        updated = RecoveryCode.objects.filter(
            user=user, digest=mfa.code_digest(typed), used_at__isnull=True
        ).update(used_at=timezone.now())
        used = "recovery" if updated else None
    if used is None:
        mfa.attempts_count_failure(user)
        return None
    otp_login(request, device)
    request.session.cycle_key()
    if used == "recovery":
        audit_record(
            user=user,
            action="user.recovery_code_used",
            obj=user,
            after={"left": mfa.recovery_codes_left(user)},
            council=user.council_id,
        )
    return used


@transaction.atomic
def council_sign_in_policy_set(*, council, mfa_required: bool, by: User | None) -> None:
    """Whether ``council``'s users must sign in with a second step; ``by`` is who said so."""

    policy, _ = CouncilSignInPolicy.objects.select_for_update().get_or_create(council=council)
    before = policy.mfa_required
    if before == mfa_required:
        return
    policy.mfa_required = mfa_required
    policy.save(update_fields=["mfa_required"])
    audit_record(
        user=by,
        action="council.mfa_required_set",
        obj=policy,
        before={"mfa_required": before},
        after={"mfa_required": mfa_required},
        council=council.pk,
    )


@transaction.atomic
def mfa_reset(*, user: User, by: User | None) -> None:
    """Remove a user's authenticator app and recovery codes (a lost phone): they set it
    up again at the next sign-in if they must use it."""

    devices, _ = TOTPDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    if devices:
        audit_record(user=by, action="user.mfa_reset", obj=user, council=user.council_id)
