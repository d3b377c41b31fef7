"""Suggestions against a small hand-made register around Lancaster."""

from __future__ import annotations

import pytest

from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council
from sharedservices.programme.suggestions import peers_of, suggestions_for
from sharedservices.registry.models import Arrangement
from sharedservices.registry.services import ArrangementInput, arrangement_create
from tests.known import BROMSGROVE, FYLDE, LANCASTER, PRESTON, WYRE, WYRE_FOREST
from tests.programme.conftest import CHORLEY, SOUTH_RIBBLE


@pytest.fixture
def share(db):
    def _share(status, area, *codes, name=None):
        councils = list(Council.objects.filter(pk__in=codes))
        return arrangement_create(
            user=None,
            data=ArrangementInput(
                name=name or f"{area} {status}",
                status=status,
                councils=councils,
                delivery_model="" if status == "exploring" else "lead-authority",
                status_reason="Not worth it" if status in ("ended", "not-pursued") else "",
                service_areas=[ServiceArea.objects.get(slug=area)],
            ),
        )

    return _share


def by_area(rows):
    return {r.service_area.slug: r for r in rows}


def test_peers_are_neighbours_same_tier_and_same_kind_nearby(councils):
    peers = peers_of(councils[LANCASTER])
    assert "neighbour" in peers[WYRE].why
    assert "same upper tier" in peers[PRESTON].why
    assert "same kind nearby" in peers[WYRE].why
    assert WYRE_FOREST not in peers and LANCASTER not in peers
    assert all(Council.objects.get(pk=c).is_current for c in peers)


def test_suggestions_from_a_small_register(councils, share):
    Arrangement.objects.all().delete_with_history()
    payroll = share("live", "payroll", PRESTON, SOUTH_RIBBLE)
    share("live", "legal", CHORLEY, SOUTH_RIBBLE)
    share("live", "legal", WYRE, FYLDE)
    share("live", "museums", LANCASTER, PRESTON)  # Lancaster shares it already
    share("live", "museums", WYRE, FYLDE)
    share("live", "cctv", WYRE_FOREST, BROMSGROVE)  # far away, not a peer
    rows = suggestions_for(councils[LANCASTER])
    found = by_area(rows)
    assert set(found) == {"payroll", "legal"}
    assert found["payroll"].arrangements == [payroll.pk]
    assert {p.code for p in found["payroll"].councils} == {PRESTON, SOUTH_RIBBLE}
    assert "same upper tier" in found["payroll"].why
    # Four councils share legal services, two share payroll: legal ranks first.
    assert [r.service_area.slug for r in rows] == ["legal", "payroll"]
    assert {p.code for p in found["legal"].councils} == {CHORLEY, SOUTH_RIBBLE, WYRE, FYLDE}
    # Named, and the score in words.
    assert found["payroll"].named_arrangements == [(payroll.pk, "payroll live")]
    assert found["legal"].explanation.startswith(
        "Shared by 4 councils like Lancaster, 1 of them a neighbour; the nearest"
    )


def test_the_suggestions_panel_names_and_links_arrangements(client, councils, share):
    Arrangement.objects.all().delete_with_history()
    payroll = share("live", "payroll", PRESTON, SOUTH_RIBBLE, name="Central Lancashire payroll")
    page = client.get(f"/councils/{LANCASTER}/").content.decode()
    assert f'href="/register/{payroll.pk}/">Central Lancashire payroll</a>' in page
    assert "Shared by 2 councils like Lancaster" in page and "number " not in page


def test_private_records_never_leak_into_another_councils_suggestions(councils, share):
    Arrangement.objects.all().delete_with_history()
    for status in ("exploring", "business-case", "not-pursued"):
        share(status, "legal", PRESTON, SOUTH_RIBBLE, name=f"Private {status}")
    share("ended", "hr", PRESTON, WYRE)
    assert suggestions_for(councils[LANCASTER]) == []


def test_nearer_sharers_score_more(councils, share):
    Arrangement.objects.all().delete_with_history()
    share("live", "payroll", WYRE, FYLDE)  # near Lancaster
    share("live", "legal", CHORLEY, "E07000127")  # Chorley and West Lancashire, further
    rows = suggestions_for(councils[LANCASTER])
    assert [r.service_area.slug for r in rows] == ["payroll", "legal"]
    assert rows[0].score > rows[1].score


def test_a_new_live_arrangement_shows_at_once(councils, share):
    Arrangement.objects.all().delete_with_history()
    assert suggestions_for(councils[LANCASTER]) == []
    share("live", "cctv", PRESTON, CHORLEY)
    assert [r.service_area.slug for r in suggestions_for(councils[LANCASTER])] == ["cctv"]
    Arrangement.objects.filter(name="cctv live").update(status="ended")
    assert suggestions_for(councils[LANCASTER]) == []
