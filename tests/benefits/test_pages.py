"""The Benefits tab, entering a figure, the export, and who sees what."""

from __future__ import annotations

from sharedservices.benefits.models import Actual
from sharedservices.benefits.rules import ActualInput
from sharedservices.benefits.services import actual_record
from sharedservices.registry.models import Arrangement
from tests.factories import ArrangementFactory
from tests.known import LANCASTER, PRESTON, WYRE

HOSTILE = "<script>alert(1)</script>"


def _url(world, tail=""):
    return f"/register/{world['arrangement'].pk}/benefits/{tail}"


def test_status_changes_when_a_quarter_is_entered(client, world):
    client.force_login(world["preston"])
    page = client.get(_url(world)).content.decode()
    assert "No figures" in page
    response = client.post(
        _url(world, "enter/"),
        {
            "indicator": world["days"].pk,
            "council": PRESTON,
            "period": "2026-Q3",
            "value": "14",
            "note": HOSTILE,
            "evidence_url": "https://example.org/evidence",
        },
    )
    assert response.status_code == 302
    page = client.get(_url(world)).content.decode()
    assert "Red" in page and HOSTILE not in page and "&lt;script&gt;" in page
    assert 'href="https://example.org/evidence"' in page
    client.post(
        _url(world, "enter/"),
        {"indicator": world["days"].pk, "council": PRESTON, "period": "2026-Q3", "value": "12"},
    )
    page = client.get(_url(world)).content.decode()
    assert "Amber" in page and "was 14 days" in page


def test_bad_form_input_is_named_not_a_500(client, world):
    client.force_login(world["preston"])
    response = client.post(
        _url(world, "enter/"),
        {"indicator": world["days"].pk, "council": PRESTON, "period": "Q3", "value": "9" * 29},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "write a quarter as 2027/28 Q1" in page and "too large to be real" in page
    response = client.post(
        _url(world, "enter/"),
        {"indicator": world["days"].pk, "council": LANCASTER, "period": "2026-Q3", "value": "9"},
    )
    assert "cannot enter figures for that council" in response.content.decode()
    assert not Actual.objects.exists()


def test_visibility(client, world):
    actual_record(
        user=world["lancaster"],
        indicator=world["cost"],
        data=ActualInput(LANCASTER, "2026-Q3", "81234"),
    )
    actual_record(
        user=world["lancaster"],
        indicator=world["days"],
        data=ActualInput(LANCASTER, "2026-Q3", "9"),
    )
    # The public sees the published indicator only; no entry, no reviews.
    page = client.get(_url(world)).content.decode()
    assert "Average days" in page and "Net cost" not in page and "£81,234" not in page
    assert client.get(_url(world, "export.csv")).content.decode().count("\n") == 2
    assert client.get(_url(world, "enter/")).status_code == 302  # to sign in
    # Another council: the same, and 403 on entry.
    client.force_login(world["wyre"])
    assert "Net cost" not in client.get(_url(world)).content.decode()
    for tail in ("enter/", "upload/", "indicators/add/", "reviews/add/", "cost-share/"):
        assert client.get(_url(world, tail)).status_code == 403, tail
    # A partner sees everything.
    client.force_login(world["preston"])
    page = client.get(_url(world)).content.decode()
    assert "Net cost" in page and "£81,234" in page
    assert "81234" in client.get(_url(world, "export.csv")).content.decode()


def test_private_arrangement_is_404_to_others(client, world, make_user):
    private = ArrangementFactory(partners=[LANCASTER], status="exploring")
    client.force_login(world["wyre"])
    assert client.get(f"/register/{private.pk}/benefits/").status_code == 404
    client.force_login(world["lancaster"])
    # Benefits start at going live.
    assert client.get(f"/register/{private.pk}/benefits/").status_code == 404
    assert (
        client.get(
            f"/register/{Arrangement.objects.order_by('-pk')[0].pk + 1}/benefits/"
        ).status_code
        == 404
    )


def test_indicator_form_and_starter_set(client, world):
    from sharedservices.catalogue.models import ServiceArea

    world["arrangement"].service_areas.set(ServiceArea.objects.filter(slug="revenues-benefits"))
    client.force_login(world["preston"])
    page = client.get(_url(world, "indicators/add/")).content.decode()
    assert "Council tax collection rate" in page
    client.post(_url(world, "indicators/add/"), {"starter": "1"})
    names = set(world["arrangement"].indicators.values_list("name", flat=True))
    assert {"Council tax collection rate", "Cost per case"} <= names
    response = client.post(
        _url(world, "indicators/add/"),
        {
            "name": HOSTILE,
            "kind": "quality",
            "unit": "percent",
            "direction": "higher",
            "target": "95",
            "tolerance": "-2",
            "frequency": "monthly",
            "owner": "Head",
            "councils": [PRESTON],
        },
    )
    assert response.status_code == 200 and "cannot be negative" in response.content.decode()
    client.post(
        _url(world, "indicators/add/"),
        {
            "name": HOSTILE,
            "kind": "quality",
            "unit": "percent",
            "direction": "higher",
            "target": "95",
            "tolerance": "2",
            "frequency": "monthly",
            "owner": "Head",
            "councils": [PRESTON],
            "is_public": "on",
        },
    )
    page = client.get(_url(world)).content.decode()
    assert HOSTILE not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert world["arrangement"].indicators.filter(name=HOSTILE).exists()
    _ = WYRE
