"""A live arrangement of Lancaster (lead) and Preston with three indicators."""

from __future__ import annotations

import datetime

import pytest

from sharedservices.accounts.roles import Role
from sharedservices.benefits.services import IndicatorInput, indicator_create
from tests.factories import ArrangementFactory
from tests.known import LANCASTER, PRESTON, WYRE


@pytest.fixture
def world(db, make_user):
    arrangement = ArrangementFactory(partners=[LANCASTER, PRESTON], start_year=2026)
    lancaster = make_user(LANCASTER, Role.OFFICER)
    preston = make_user(PRESTON, Role.OFFICER)
    preston_member = make_user(PRESTON, Role.SCRUTINY_MEMBER)
    wyre = make_user(WYRE, Role.OFFICER)
    start = datetime.date(2026, 4, 1)
    days = indicator_create(
        user=lancaster,
        arrangement=arrangement,
        data=IndicatorInput(
            name="Average days to process new claims",
            kind="quality",
            unit="days",
            direction="lower",
            target="10",
            tolerance="3",
            frequency="quarterly",
            owner="Head of Revenues and Benefits",
            councils=[LANCASTER, PRESTON],
            starts_on=start,
            is_public=True,
        ),
    )
    cost = indicator_create(
        user=lancaster,
        arrangement=arrangement,
        data=IndicatorInput(
            name="Net cost of the service",
            kind="cost",
            unit="gbp",
            direction="lower",
            target="90000",
            tolerance="5000",
            frequency="quarterly",
            owner="Section 151 officer",
            councils=[LANCASTER, PRESTON],
            starts_on=start,
            measures_savings=True,
        ),
    )
    return {
        "arrangement": arrangement,
        "days": days,
        "cost": cost,
        "lancaster": lancaster,
        "preston": preston,
        "preston_member": preston_member,
        "wyre": wyre,
    }
