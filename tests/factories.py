"""The one set of test factories (factory-boy). Councils are never made: they are the
real ones ``load_councils`` built, looked up by the codes in ``tests/known.py``.

Users go through ``accounts.services.user_create`` so roles are real groups; the other
records are built as a page or service would leave them, with the least a test needs.
"""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from sharedservices.accounts.roles import Role
from sharedservices.accounts.services import user_create
from sharedservices.cases.models import BusinessCase
from sharedservices.councils.models import Council
from sharedservices.jobs.models import AnalysisJob, JobKind
from sharedservices.programme.models import Opportunity
from sharedservices.registry.models import Arrangement, ArrangementPartner, PartnerRole
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


class BusinessCaseFactory(DjangoModelFactory):
    class Meta:
        model = BusinessCase

    title = factory.Sequence(lambda n: f"Shared service {n}")
    lead_council = factory.LazyFunction(council)
    start_year = 2026
    price_base_year = 2026


class AnalysisJobFactory(DjangoModelFactory):
    class Meta:
        model = AnalysisJob

    kind = JobKind.SHARE
    title = factory.Sequence(lambda n: f"Split {n}")
    input = factory.LazyFunction(dict)
    council = factory.LazyFunction(council)


class OpportunityFactory(DjangoModelFactory):
    class Meta:
        model = Opportunity

    title = factory.Sequence(lambda n: f"Opportunity {n}")
    council = factory.LazyFunction(council)


class ArrangementFactory(DjangoModelFactory):
    """An arrangement with its partner councils: ``ArrangementFactory(partners=[code, ...],
    status="exploring")``; the first partner leads."""

    class Meta:
        model = Arrangement
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Shared arrangement {n}")
    status = "live"
    delivery_model = "lead-authority"

    @factory.post_generation
    def partners(self, create, codes, **kwargs):
        if not create:
            return
        for i, code in enumerate(codes or [LANCASTER]):
            ArrangementPartner.objects.create(
                arrangement=self,
                council=council(code),
                role=PartnerRole.LEAD if i == 0 else PartnerRole.PARTNER,
            )
