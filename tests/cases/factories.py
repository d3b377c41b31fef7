"""Business cases, their options and their cost and benefit lines, with the least a test
needs; ``OptionLineFactory()`` alone makes the case and the option it belongs to."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from sharedservices.cases.models import BusinessCase, Option, OptionLine
from tests.accounts.factories import council


class BusinessCaseFactory(DjangoModelFactory):
    class Meta:
        model = BusinessCase

    title = factory.Sequence(lambda n: f"Shared service {n}")
    lead_council = factory.LazyFunction(council)
    start_year = 2026
    price_base_year = 2026


class OptionFactory(DjangoModelFactory):
    class Meta:
        model = Option

    case = factory.SubFactory(BusinessCaseFactory)
    name = factory.Sequence(lambda n: f"Option {n}")


class OptionLineFactory(DjangoModelFactory):
    class Meta:
        model = OptionLine

    option = factory.SubFactory(OptionFactory)
    name = factory.Sequence(lambda n: f"Line {n}")
    kind = "cost"
    category = "running"
    values = factory.LazyFunction(lambda: {"2027": 100000})
