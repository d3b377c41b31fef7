"""Users, made through ``accounts.services.user_create`` so roles are real groups.
Councils are never made: they are the real ones ``load_councils`` built."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from sharedservices.accounts.roles import Role
from sharedservices.accounts.services import user_create
from sharedservices.councils.models import Council
from tests.known import LANCASTER

TEST_PASSWORD = "correct-horse-battery-staple"


def council(code: str = LANCASTER) -> Council:
    return Council.objects.get(pk=code)


class UserFactory(DjangoModelFactory):
    """``UserFactory(council=council(PRESTON), roles=[Role.DIRECTOR])``; a platform
    administrator is ``UserFactory(council=None, is_superuser=True)``."""

    class Meta:
        model = "accounts.User"

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Test User {n}")
    council = factory.LazyFunction(council)

    @classmethod
    def _create(cls, model_class, *args, roles=(Role.OFFICER,), is_superuser=False, **kwargs):
        return user_create(
            password=TEST_PASSWORD, roles=list(roles), is_superuser=is_superuser, **kwargs
        )
