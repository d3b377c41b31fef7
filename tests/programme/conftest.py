"""Programmes for the tests, made through the services the pages use."""

from __future__ import annotations

import pytest

from sharedservices.accounts.roles import Role
from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council
from sharedservices.programme.services.opportunities import OpportunityInput, opportunity_create
from sharedservices.programme.services.programmes import ProgrammeInput, programme_create

LANCASTER, PRESTON, SOUTH_RIBBLE, CHORLEY, WEST_LANCS = (
    "E07000121",
    "E07000123",
    "E07000126",
    "E07000118",
    "E07000127",
)
MID_LANCS = [LANCASTER, PRESTON, SOUTH_RIBBLE, CHORLEY, WEST_LANCS]


@pytest.fixture
def officer(make_user):
    return make_user(LANCASTER, Role.OFFICER)


@pytest.fixture
def make_programme(db):
    def _make(*codes, name="Mid Lancashire cluster", user=None, **kwargs):
        members = list(Council.objects.filter(pk__in=codes or MID_LANCS))
        return programme_create(
            user=user, data=ProgrammeInput(name=name, members=members, **kwargs)
        )

    return _make


@pytest.fixture
def make_opportunity(db):
    def _make(council=LANCASTER, *, title="Shared revenues and benefits", user=None, **kwargs):
        if "service_area" in kwargs and isinstance(kwargs["service_area"], str):
            kwargs["service_area"] = ServiceArea.objects.get(slug=kwargs["service_area"])
        if "proposed_partners" in kwargs:
            kwargs["proposed_partners"] = list(
                Council.objects.filter(pk__in=kwargs["proposed_partners"])
            )
        return opportunity_create(
            user=user,
            data=OpportunityInput(title=title, council=Council.objects.get(pk=council), **kwargs),
        )

    return _make
