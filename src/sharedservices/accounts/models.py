"""The user: one person, signing in by e-mail, belonging to one council.

Platform administrators (``is_superuser``) need no council. Everything a user may
see is decided from ``user.council`` through each model's ``visible_to(user)``.
"""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.utils import timezone

from sharedservices.accounts.managers import UserManager
from sharedservices.accounts.roles import Role
from sharedservices.base.tenancy import CouncilOwnedQuerySet


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=200)
    council = models.ForeignKey(
        "councils.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="The council this person works for. Empty only for platform administrators.",
    )
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Moves whenever this user's second step may have changed: an authenticator app
    # added, confirmed or removed, or their council's sign-in policy changed
    # (accounts/signals.py). A session remembers what it found under this stamp, so an
    # ordinary signed-in page asks the database nothing about the second step
    # (accounts/mfa.py, ``second_step_state``).
    second_step_stamp = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def roles(self) -> frozenset[str]:
        """The role slugs this user holds (see :class:`Role`)."""
        known = set(Role.values)
        return frozenset(
            name for name in self.groups.values_list("name", flat=True) if name in known
        )

    def has_role(self, role: Role | str) -> bool:
        return str(role) in self.roles

    @property
    def role_labels(self) -> list[str]:
        return [label for value, label in Role.choices if value in self.roles]


class RecoveryCode(models.Model):
    """A one-use code that stands in for the authenticator app when it is lost.

    Only a SHA-256 digest is kept: a code is 50 random bits, so a fast hash is as safe
    as a slow one here (nothing to guess from a dictionary) and lets a code be found by
    its digest. Used codes are kept with the time, so a second use is refused by name.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "digest"], name="recovery_code_once_per_user")
        ]

    def __str__(self) -> str:
        return f"Recovery code of {self.user} ({'used' if self.used_at else 'unused'})"


class CouncilSignInPolicyQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        return self.filter(council__in=council_codes)


class CouncilSignInPolicy(models.Model):
    """A council's own rule for its users' sign-in: whether they must use a second
    step (an authenticator app). Platform administrators and staff always must."""

    council = models.OneToOneField(
        "councils.Council",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="sign_in_policy",
    )
    mfa_required = models.BooleanField(
        "two-step sign-in required",
        default=False,
        help_text="Every user of this council must sign in with an authenticator app code.",
    )

    objects = CouncilSignInPolicyQuerySet.as_manager()

    class Meta:
        verbose_name = "council sign-in policy"
        verbose_name_plural = "council sign-in policies"

    def __str__(self) -> str:
        return f"Sign-in policy of {self.council}"


class StatutoryPost(models.TextChoices):
    """The posts every council in England must fill: the chief finance officer (Local
    Government Finance Act 1988, s.114; Local Government Act 1972, s.151), the monitoring
    officer and the head of paid service (Local Government and Housing Act 1989, ss.4-5)."""

    CHIEF_FINANCE = "s151", "Chief finance officer (section 151 officer)"
    MONITORING = "monitoring", "Monitoring officer"
    HEAD_OF_PAID_SERVICE = "head-of-paid-service", "Head of paid service"


class StatutoryOfficerQuerySet(CouncilOwnedQuerySet):
    def owned_by(self, council_codes):
        return self.filter(council__in=council_codes)


class StatutoryOfficer(models.Model):
    """Who holds one statutory post of a council, and their named deputy: users of that
    council. Set by its corporate director or a platform administrator
    (``accounts/statutory.py``), audited; a change is a new revision of the row."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="statutory_officers"
    )
    post = models.CharField(max_length=30, choices=StatutoryPost.choices)
    holder = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    deputy = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revision = models.PositiveIntegerField(default=1, editable=False)
    set_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    objects = StatutoryOfficerQuerySet.as_manager()

    class Meta:
        ordering = ["council", "post"]
        constraints = [
            models.UniqueConstraint(fields=["council", "post"], name="one_holder_per_post")
        ]

    def __str__(self) -> str:
        return f"{self.get_post_display()}, {self.council}"
