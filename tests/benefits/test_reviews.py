"""Reviews with actions, and the annual cost-share review with its rebalancing payment."""

from __future__ import annotations

from sharedservices.benefits.models import CostShareReview, Review
from tests.known import LANCASTER, PRESTON

HOSTILE = "<script>alert(1)</script>"


def test_record_a_review_with_an_action(client, world):
    url = f"/register/{world['arrangement'].pk}/benefits/reviews/add/"
    client.force_login(world["preston"])
    data = {
        "kind": "independent",
        "title": "Internal audit of the shared service",
        "reviewer": "Lancashire Audit Partnership",
        "due_on": "2026-10-01",
        "held_on": "2026-10-14",
        "findings": HOSTILE,
        "action": "Reconcile the caseload figures monthly",
        "action_owner": "Head of Revenues",
        "action_due_on": "2027-01-31",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # a double click: one review
    assert Review.objects.count() == 1
    page = client.get(f"/register/{world['arrangement'].pk}/benefits/").content.decode()
    assert "Reconcile the caseload figures monthly" in page and HOSTILE not in page
    client.logout()
    page = client.get(f"/register/{world['arrangement'].pk}/benefits/").content.decode()
    assert "Internal audit" not in page  # reviews are the partners' own


def test_annual_cost_share_review(client, world):
    url = f"/register/{world['arrangement'].pk}/benefits/cost-share/"
    client.force_login(world["lancaster"])
    assert f"agreed_{PRESTON}" in client.get(url).content.decode()
    form = {
        "year": "2026",
        "running_cost_gbp": "1000000",
        "tolerance_points": "3",
        f"agreed_{LANCASTER}": "60",
        f"agreed_{PRESTON}": "40",
        f"usage_{LANCASTER}": "500",
        f"usage_{PRESTON}": "500",
    }
    bad = client.post(url, form | {f"agreed_{PRESTON}": "50"})
    assert "must add up to 100%" in bad.content.decode()
    assert client.post(url, form).status_code == 302
    review = CostShareReview.objects.get()
    # 60/40 agreed, 50/50 used: 10 points beyond 3, so Lancaster is paid £100,000.
    assert review.result["triggered"]
    pay = {p["code"]: p["payment"] for p in review.result["partners"]}
    assert pay == {LANCASTER: -100_000, PRESTON: 100_000}
    page = client.get(f"/register/{world['arrangement'].pk}/benefits/").content.decode()
    assert "pays £100,000" in page and "is paid £100,000" in page
    again = client.post(url, form)
    assert "has been held already" in again.content.decode()
    assert CostShareReview.objects.count() == 1
