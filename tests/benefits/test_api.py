"""``GET /api/v1/arrangements/{id}/benefits``: what the page shows, in the one error shape."""

from __future__ import annotations

from sharedservices.benefits.rules import ActualInput
from sharedservices.benefits.services import actual_record, baseline_set
from tests.factories import ArrangementFactory
from tests.known import LANCASTER, PRESTON


def test_benefits_api(client, world):
    baseline_set(
        user=world["preston"],
        indicator=world["days"],
        council=PRESTON,
        value="15",
        as_at="2025-03-31",
    )
    for code, value in ((LANCASTER, "9"), (PRESTON, "12")):
        actual_record(
            user=world["lancaster"],
            indicator=world["days"],
            data=ActualInput(code, "2026-Q3", value),
        )
    url = f"/api/v1/arrangements/{world['arrangement'].pk}/benefits"
    public = client.get(url).json()
    assert [i["name"] for i in public["indicators"]] == ["Average days to process new claims"]
    assert public["savings"] is None and public["status"] == "amber"
    days = public["indicators"][0]
    assert days["direction"] == "lower" and days["target"] == 10 and days["tolerance"] == 3
    assert days["baselines"][PRESTON]["value"] == 15
    assert days["actuals"] == {"2026-Q3": {LANCASTER: 9, PRESTON: 12}}
    assert days["status_by_council"] == {LANCASTER: "green", PRESTON: "amber"}
    client.force_login(world["preston"])
    partner = client.get(url).json()
    assert len(partner["indicators"]) == 2 and partner["savings"]["measured"] is False


def test_errors_in_the_one_shape(client, world):
    private = ArrangementFactory(partners=[LANCASTER], status="business-case")
    for url in (
        f"/api/v1/arrangements/{private.pk}/benefits",
        "/api/v1/arrangements/99999999/benefits",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["errors"][0]["path"]
