"""The demo: two years of quarterly figures, one red, one amber, none overdue (the case
went live when the demo was built), and a cost-share review with a rebalancing payment, all
through the services."""

from __future__ import annotations

import pytest

from sharedservices.accounts.demo import load_demo_users
from sharedservices.benefits.demo import TITLE, load_demo_benefits
from sharedservices.benefits.models import Actual, CostShareReview
from sharedservices.benefits.selectors import arrangement_status, indicator_views
from sharedservices.cases.demo import load_demo_cases
from sharedservices.governance.demo import load_demo_governance
from sharedservices.registry.models import Arrangement


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo_users()
    load_demo_cases()
    load_demo_governance()
    return Arrangement.objects.get(name=TITLE, status="live")


def test_demo_benefits(demo):
    entered = load_demo_benefits()
    assert entered == 3 * 3 * 8 - 1 and Actual.objects.count() == entered
    views = {v.indicator.name: v for v in indicator_views(demo.indicators.all())}
    assert views["Average days to process a licence application"].status == "red"
    assert views["Licence fees collected on time"].status == "amber"
    assert views["Net cost of the licensing service"].status == "green"
    assert arrangement_status(list(views.values())) == "red"
    # Nothing is due before go-live (issue 31, item 11), and the demo's case goes live on
    # the day the demo is built, after its two years of figures: no return is overdue.
    assert views["Licence fees collected on time"].overdue == []
    review = CostShareReview.objects.get(arrangement=demo)
    assert review.result["triggered"]
    assert {p["code"]: p["payment"] for p in review.result["partners"]} == {
        "E07000121": -12_000,
        "E07000123": 42_000,
        "E07000127": -30_000,
    }
    assert load_demo_benefits() == 0  # safe to run again
