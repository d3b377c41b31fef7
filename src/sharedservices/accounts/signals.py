"""Keep ``User.second_step_stamp`` moving with what decides a user's second step.

A session remembers whether its user has an authenticator app and whether their
council requires one (``mfa.second_step_state``), and that it passed the second step
with a given app (``middleware.RememberedOTPMiddleware``), each under the stamp it
read. Whatever changes an app (the two-step pages, the admin's reset, a test or the
shell through the ORM) or a council's policy moves the stamp of the users concerned,
so every session of theirs, in every web process, looks again at its next request.
Signals rather than the services alone, so that no door is forgotten.
"""

from __future__ import annotations

from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from sharedservices.accounts.models import CouncilSignInPolicy, User


def second_step_changed(users) -> None:
    """Move the stamp of ``users`` (a queryset of users)."""
    users.update(second_step_stamp=F("second_step_stamp") + 1)


@receiver(post_save, sender=TOTPDevice)
@receiver(post_delete, sender=TOTPDevice)
def _device_changed(sender, instance, **kwargs):
    second_step_changed(User.objects.filter(pk=instance.user_id))


@receiver(post_save, sender=CouncilSignInPolicy)
@receiver(post_delete, sender=CouncilSignInPolicy)
def _policy_changed(sender, instance, **kwargs):
    second_step_changed(User.objects.filter(council_id=instance.council_id))
