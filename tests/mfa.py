"""Two-step sign-in for tests: a user who has done the second step, the way the
sign-in pages leave them, without typing a code (``force_login`` skips both steps)."""

from __future__ import annotations

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def app_device(user) -> TOTPDevice:
    """A confirmed authenticator app for ``user``."""
    return TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)


def app_code(device: TOTPDevice) -> str:
    """The code the app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def force_login_verified(client, user) -> None:
    """``client.force_login`` plus a finished second step (needed by platform
    administrators and staff, and by users of councils that require it)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or app_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
