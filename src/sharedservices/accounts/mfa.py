"""Two-step sign-in (issue 12.6): a time-based code from an authenticator app (TOTP,
RFC 6238, through django-otp) after the password, with one-use recovery codes.

Who must use it: platform administrators and anyone who can reach the Django admin
(``is_staff``), and every user of a council whose sign-in policy requires it. Anyone
else may choose to. django-otp keeps the secret, refuses a code already used (its
``last_t``) and slows guessing down (each failure doubles the wait); on top of that a
user gets ``MFA_ATTEMPT_LIMIT`` wrong codes per ``MFA_ATTEMPT_WINDOW`` seconds.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from sharedservices.accounts.models import CouncilSignInPolicy, RecoveryCode

RECOVERY_CODE_COUNT = 10
# Crockford-style alphabet without look-alikes (no 0/O, 1/I/L): easy to read off paper.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def mfa_required(user) -> bool:
    """Whether ``user`` must sign in with a second step."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user.is_staff or _council_requires(user)


def _council_requires(user) -> bool:
    if not user.council_id:
        return False
    return CouncilSignInPolicy.objects.filter(
        council_id=user.council_id, mfa_required=True
    ).exists()


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


# What a session found about its user's second step, and the stamp it found it under.
STATE_SESSION_KEY = "second_step_state"


def second_step_state(request) -> tuple[bool, bool]:
    """``(has_app, must_use_one)`` for the signed-in ``request.user``, as
    ``confirmed_device`` and ``mfa_required`` say, asked once per session.

    Asking on every page cost two queries a request. The answer is kept in the session
    with the user's ``second_step_stamp`` and council; any change to the user's apps or
    their council's policy moves the stamp (``accounts/signals.py``), so the next
    request of every session of theirs asks again. Staff and administrator flags are
    read from the user row itself, loaded on every request anyway."""
    user = request.user
    found_under = [user.pk, user.second_step_stamp, user.council_id]
    remembered = request.session.get(STATE_SESSION_KEY)
    if isinstance(remembered, list) and len(remembered) == 5 and remembered[:3] == found_under:
        has_app, council_requires = bool(remembered[3]), bool(remembered[4])
    else:
        has_app = confirmed_device(user) is not None
        council_requires = _council_requires(user)
        request.session[STATE_SESSION_KEY] = [*found_under, has_app, council_requires]
    return has_app, user.is_superuser or user.is_staff or council_requires


def secret_text(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def code_digest(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def recovery_codes_left(user) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


class TooManyAttempts(Exception):
    """Past the per-user limit of wrong codes, or inside django-otp's back-off."""

    def __init__(self, seconds: int):
        self.seconds = max(1, int(seconds))
        super().__init__(f"try again in {self.seconds} seconds")


def _attempt_key(user) -> str:
    return f"mfa-attempts:{user.pk}"


def attempts_check(user, device: TOTPDevice | None = None) -> None:
    """Raise :class:`TooManyAttempts` when the user may not try another code yet."""
    if cache.get(_attempt_key(user), 0) >= settings.MFA_ATTEMPT_LIMIT:
        raise TooManyAttempts(settings.MFA_ATTEMPT_WINDOW)
    if device is not None:
        allowed, why = device.verify_is_allowed()
        if not allowed and why and why.get("locked_until"):
            raise TooManyAttempts((why["locked_until"] - timezone.now()).total_seconds() + 1)


def attempts_count_failure(user) -> None:
    key = _attempt_key(user)
    cache.add(key, 0, timeout=settings.MFA_ATTEMPT_WINDOW)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=settings.MFA_ATTEMPT_WINDOW)
