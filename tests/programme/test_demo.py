"""The programme demo: Team Lancashire's clusters and funding, Carlisle's CLASB list
for its successors, Wyre Forest's two lists from the register; safe to run again."""

from __future__ import annotations

from sharedservices.programme.demo import load_demo_programmes
from sharedservices.programme.models import Opportunity, Programme
from sharedservices.programme.selectors import funding
from sharedservices.registry.demo import load_demo_arrangements


def test_demo_programmes(db):
    load_demo_arrangements(generated=0)
    first = load_demo_programmes()
    assert load_demo_programmes() == first  # replaced, not doubled
    team = Programme.objects.get(name="Team Lancashire")
    assert {c.name for c in team.clusters.all()} == {
        "Pennine Lancashire cluster",
        "The Fylde cluster",
        "Mid Lancashire cluster",
    }
    mid = Programme.objects.get(name="Mid Lancashire cluster")
    assert {c.name for c in mid.members.all()} == {
        "Lancaster",
        "Preston",
        "South Ribble",
        "Chorley",
        "West Lancashire",
    }
    [pot] = funding(mid)
    assert (pot.pot.amount_gbp, pot.allocated, pot.left) == (100_000, 50_000, 50_000)
    assert 0 < pot.spent < 50_000
    licensing = Opportunity.objects.get(title="Licensing", council_id="E06000063")
    assert licensing.stage == "obc" and "further work" in licensing.stage_reason
    assert licensing.events.first().kind == "back"
    assert (
        Opportunity.objects.filter(programme__name__startswith="Cumbrian", stage="fbc").count() == 4
    )
    wyre = Opportunity.objects.filter(council_id="E07000239")
    assert wyre.filter(stage="not-pursued").count() == 4
    assert wyre.filter(stage="research").count() == 10
    assert mid.weight_sets.count() == 2 and mid.criteria.count() == 7
