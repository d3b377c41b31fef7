"""The sharing agreement page compares every basis side by side, with the Shapley value,
the nucleolus and the core check in words, and draws each council's costs and benefits."""

from __future__ import annotations

import pytest

from sharedservices.base.revisions import UNCHECKED
from sharedservices.cases import services
from tests.cases.conftest import SHARED_LINES, add_option
from tests.cases.test_sharing_agreement import agree, set_baseline
from tests.known import LANCASTER, PRESTON, WYRE_FOREST

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_option(case, lancaster_officer):
    lines = [
        {**line, "kind": "cost" if line["category"] == "capital" else "benefit"}
        for line in SHARED_LINES
    ]
    return add_option(case, lancaster_officer, "Shared service", lines)


@pytest.fixture
def three_partners(case, lancaster_officer, councils):
    services.case_update(
        case=case,
        user=lancaster_officer,
        expected_revision=UNCHECKED,
        m2m={"partner_councils": [councils[PRESTON], councils[WYRE_FOREST]]},
    )
    for code, cost in ((LANCASTER, 900_000), (PRESTON, 800_000), (WYRE_FOREST, 300_000)):
        set_baseline(case, lancaster_officer, code, cost)
    return case


def test_each_basis_side_by_side_with_the_nucleolus_and_the_core(
    client, three_partners, shared_option, lancaster_officer
):
    agree(three_partners, lancaster_officer, shared_option)
    client.force_login(lancaster_officer)
    page = client.get(f"/cases/{three_partners.pk}/agreement/").content.decode()
    assert "Fair shares compared" in page
    for basis in ("equal", "households", "baseline_cost", "shapley", "nucleolus"):
        assert f'data-basis="{basis}"' in page
    assert "Wyre Forest" in page and "In the core?" in page
    assert "What does this mean?" in page
    assert "no group of councils would save more on its own" in page
    # The chart beside the partners table, with a text alternative.
    assert 'id="agreement-chart-title"' in page and "Lancaster: costs" in page


def test_a_missing_baseline_is_named_instead_of_a_comparison(
    client, case, shared_option, lancaster_officer
):
    client.force_login(lancaster_officer)
    page = client.get(f"/cases/{case.pk}/agreement/").content.decode()
    assert "The bases cannot be compared yet" in page
    assert "Lancaster has no cost baseline in pounds on the Baselines page." in page
