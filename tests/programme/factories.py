"""Opportunities in a council's pipeline."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from sharedservices.programme.models import Opportunity
from tests.accounts.factories import council


class OpportunityFactory(DjangoModelFactory):
    class Meta:
        model = Opportunity

    title = factory.Sequence(lambda n: f"Opportunity {n}")
    council = factory.LazyFunction(council)
