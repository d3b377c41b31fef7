"""A case whose go-live date falls after a partner's vesting day is flagged and cannot be
submitted until the successor is named (or the case re-scoped) (issue 29)."""

import pytest

from sharedservices.cases import services
from sharedservices.cases.readiness import case_readiness
from sharedservices.councils.models import Council

from .conftest import add_policy, give_evidence

pytestmark = pytest.mark.django_db

WOKING = "E07000217"


def test_a_partner_abolished_before_go_live_blocks_until_the_successor_is_named(
    lancaster_officer, councils, client
):
    case = services.case_create(
        user=lancaster_officer,
        title="Shared legal",
        stage="obc",
        partner_councils=[councils[WOKING]],
        start_year=2027,  # goes live on 1 April 2027, Surrey's vesting day
    )
    for council in case.councils:
        give_evidence(
            case, add_policy(council, [("a", "Benefit")]).criteria.get(), lancaster_officer
        )
    readiness = case_readiness(case)
    assert not readiness.ready
    assert [g.part for g in readiness.gaps()].count("Partners") == 1
    [gone] = readiness.gone_before_go_live
    assert gone.council.code == WOKING
    assert (
        "Partners, Woking: Woking is abolished on 1 April 2027 (vesting day), before the case "
        "goes live on 1 April 2027: name West Surrey as the partner instead, or re-scope the case"
    ) in readiness.reasons()
    client.force_login(lancaster_officer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "data-gone-before-go-live" in page and "name West Surrey as the partner" in page

    # the successor named instead: the block goes (its own policy is the usual check)
    west = Council.objects.get(name="West Surrey")
    case.partner_councils.set([west])
    case = type(case).objects.get(pk=case.pk)
    give_evidence(case, add_policy(west, [("a", "Benefit")]).criteria.get(), lancaster_officer)
    after = case_readiness(case)
    assert after.gone_before_go_live == [] and "Partners" not in [g.part for g in after.gaps()]

    # or re-scoped to go live before vesting day
    case.partner_councils.set([councils[WOKING]])
    case.start_year = 2026
    case.save()
    assert case_readiness(type(case).objects.get(pk=case.pk)).gone_before_go_live == []
