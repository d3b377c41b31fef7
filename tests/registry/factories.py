"""Arrangements and their partners, as the register holds them."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from sharedservices.registry.models import Arrangement, ArrangementPartner, PartnerRole
from tests.accounts.factories import council
from tests.known import LANCASTER


class ArrangementFactory(DjangoModelFactory):
    """An arrangement with its partner councils: ``ArrangementFactory(partners=[code, ...],
    status="exploring")``; the first partner leads (Lancaster alone if none is given;
    ``partners=[]`` for none)."""

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
        for i, code in enumerate([LANCASTER] if codes is None else codes):
            ArrangementPartnerFactory(
                arrangement=self,
                council=council(code),
                role=PartnerRole.LEAD if i == 0 else PartnerRole.PARTNER,
            )


class ArrangementPartnerFactory(DjangoModelFactory):
    """A partner council of an arrangement (a new one with no other partner unless
    ``arrangement=`` is given)."""

    class Meta:
        model = ArrangementPartner

    arrangement = factory.SubFactory(ArrangementFactory, partners=[])
    council = factory.LazyFunction(council)
    role = PartnerRole.PARTNER
