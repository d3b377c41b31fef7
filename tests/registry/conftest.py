"""Arrangements for the registry tests, made through the same service the pages use."""

from __future__ import annotations

import pytest

from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council
from sharedservices.registry.services import ArrangementInput, arrangement_create


@pytest.fixture
def make_arrangement(db):
    def _make(
        status: str,
        *codes: str,
        name: str = "Shared revenues and benefits",
        areas: tuple[str, ...] = ("revenues-benefits",),
        model: str = "lead-authority",
        savings: int | None = None,
        start_year: int | None = 2015,
        end_year: int | None = None,
        organisations: tuple[str, ...] = (),
        reason: str = "",
        lead: str | None = None,
    ):
        councils = list(Council.objects.filter(pk__in=codes))
        councils.sort(key=lambda c: codes.index(c.pk))
        if not reason and status in ("ended", "not-pursued"):
            reason = "Savings would not cover the costs"
        return arrangement_create(
            user=None,
            data=ArrangementInput(
                name=name,
                status=status,
                councils=councils,
                status_reason=reason,
                delivery_model=model,
                start_year=start_year,
                end_year=end_year,
                service_areas=list(ServiceArea.objects.filter(slug__in=areas)),
                organisations=list(organisations),
                lead_council=Council.objects.get(pk=lead or codes[0]) if codes else None,
                annual_savings_gbp=savings,
            ),
        )

    return _make
