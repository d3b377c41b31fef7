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
