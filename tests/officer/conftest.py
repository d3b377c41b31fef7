"""The demo, loaded once per test that needs it, and a partner search that finished."""

from __future__ import annotations

import pytest

from sharedservices.accounts.demo import load_demo_users
from sharedservices.accounts.models import User
from sharedservices.cases.demo import load_demo_cases
from sharedservices.cases.models import BusinessCase
from sharedservices.programme.models import Opportunity
from sharedservices.registry.demo import load_demo_arrangements
from sharedservices.registry.models import Arrangement

LANCASTER = "E07000121"


@pytest.fixture
def demo(db, client, django_capture_on_commit_callbacks):
    """The demo data, a finished partner search and an opportunity of Lancaster's:
    a dict of what the page walk needs, with Lancaster's officer signed in."""
    from sharedservices.celery import app
    from sharedservices.jobs.models import AnalysisJob

    load_demo_users()
    load_demo_arrangements(generated=40)
    load_demo_cases()
    officer = User.objects.get(email="officer@lancaster.demo.example.org")
    client.force_login(officer)
    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                "/partners/",
                {
                    "service_other": "Revenues and benefits",
                    "area": "list",
                    "council_list": "Lancaster\nPreston\nWyre",
                    "include_own": "on",
                    "scale_exponent": "0.85",
                    "governance_cost": "40000",
                    "distance_cost_per_km": "500",
                    "cost_per_postcode": "300",
                    "max_size": "3",
                    "connected": "on",
                },
            )
    finally:
        app.conf.task_always_eager = before
    opportunity = Opportunity.objects.create(council_id=LANCASTER, title="Shared legal services")
    case = BusinessCase.objects.get(lead_council_id=LANCASTER, is_demo=True)
    return {
        "officer": officer,
        "case": case,
        "ids": {
            "registry": Arrangement.objects.filter(partners__council_id=LANCASTER).first().pk,
            "jobs": AnalysisJob.objects.get().pk,
            "programme": opportunity.pk,
            "benefits": Arrangement.objects.filter(partners__council_id=LANCASTER, status="live")
            .first()
            .pk,
        },
    }
