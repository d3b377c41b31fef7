"""Find partners respects what exists (issue 14, item 8): councils already sharing the
chosen service in a live arrangement of the register are kept together, or left out;
and each council's size is its households where the user gives them, otherwise its
postcodes, called on the page what they are: a rough proxy."""

from __future__ import annotations

from itertools import combinations

import pytest

from sharedservices.analysis import coalitions
from sharedservices.catalogue.models import ServiceArea
from sharedservices.jobs.models import AnalysisJob
from tests.factories import ArrangementFactory
from tests.known import LANCASHIRE, LANCASTER, PRESTON, WYRE

pytestmark = pytest.mark.django_db

FORM = {
    "service_other": "",
    "area": "list",
    "council_list": f"{LANCASTER}\n{WYRE}\n{PRESTON}\nFylde\nChorley",
    "scale_exponent": "0.85",
    "governance_cost": "40000",
    "distance_cost_per_km": "500",
    "cost_per_postcode": "300",
    "known_costs": "",
    "max_size": "3",
    "opt_out": "",
}


@pytest.fixture
def service():
    return ServiceArea.objects.order_by("pk").first()


@pytest.fixture
def shared(service):
    """Lancaster and Preston already share the service (live); Wyre and Fylde only
    explore sharing it, which does not count."""
    live = ArrangementFactory(partners=[LANCASTER, PRESTON], name="Lancaster and Preston")
    live.service_areas.add(service)
    exploring = ArrangementFactory(partners=[WYRE, "E07000119"], status="exploring")
    exploring.service_areas.add(service)
    return live


def _search(client, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/partners/", {**FORM, **changes})
    assert response.status_code == 302, response.content.decode()[:3000]
    job = AnalysisJob.objects.latest("pk")
    return job, client.get(response["Location"]).content.decode()


def _block_of(job, code):
    return next(c["members"] for c in job.result["coalitions"] if code in c["members"])


def test_existing_partners_are_kept_together(
    client, officer, service, shared, django_capture_on_commit_callbacks
):
    # An economy of scale so weak that, left alone, Lancaster and Preston would not pair.
    weak = {"scale_exponent": "0.99", "governance_cost": "0", "distance_cost_per_km": "0"}
    job, _ = _search(client, django_capture_on_commit_callbacks, service_area=service.pk, **weak)
    assert "together" not in job.input["constraints"]
    job, page = _search(
        client,
        django_capture_on_commit_callbacks,
        service_area=service.pk,
        existing="together",
        **weak,
    )
    assert job.input["constraints"]["together"] == [[LANCASTER, PRESTON]]
    assert PRESTON in _block_of(job, LANCASTER)
    assert "Lancaster with Preston" in page


def test_councils_already_sharing_can_be_left_out(
    client, officer, service, shared, django_capture_on_commit_callbacks
):
    job, page = _search(
        client, django_capture_on_commit_callbacks, service_area=service.pk, existing="leave_out"
    )
    assert job.input["constraints"]["opt_out"] == sorted([LANCASTER, PRESTON])
    assert _block_of(job, LANCASTER) == [LANCASTER] and _block_of(job, PRESTON) == [PRESTON]
    assert WYRE not in job.input["constraints"]["opt_out"]  # exploring is not sharing


def test_existing_partnerships_need_a_service_from_the_list(client, officer):
    response = client.post(
        "/partners/", {**FORM, "service_other": "Something else", "existing": "together"}
    )
    assert "Choose a service from the list to use its partnerships" in response.content.decode()
    assert AnalysisJob.objects.count() == 0


def test_a_kept_partnership_larger_than_the_limit_is_named(client, officer, service):
    big = ArrangementFactory(partners=[LANCASTER, PRESTON, WYRE], name="Three of us")
    big.service_areas.add(service)
    response = client.post(
        "/partners/",
        {**FORM, "service_area": service.pk, "existing": "together", "max_size": "2"},
    )
    assert "Three of us has 3 of these councils, more than the largest" in (
        response.content.decode()
    )


def test_sizes_say_households_or_postcodes_a_rough_proxy(
    client, officer, django_capture_on_commit_callbacks
):
    job, page = _search(
        client,
        django_capture_on_commit_callbacks,
        service_other="Revenues and benefits",
        area="county",
        county=LANCASHIRE,
        council_list="",
        known_costs=f"{PRESTON}, 2500000, 64000",
        scale_exponent="0.7",
    )
    assert "64,000 households" in page
    assert "postcodes (a rough proxy)" in page
    assert "Known costs and households" in client.get("/partners/").content.decode()


def _brute_best(councils, model, together):
    """Best total saving over every partition whose blocks keep each pair together,
    hold at most three councils and leave no member worse off than alone (Shapley)."""
    from sharedservices.analysis.costmodel import CostModel, Councils, all_savings
    from sharedservices.analysis.games import shapley
    from tests.analysis.test_coalitions import brute

    every = Councils.build(
        [x["code"] for x in councils],
        [x["baseline_cost"] for x in councils],
        [x["workload"] for x in councils],
        [x["lat"] for x in councils],
        [x["lon"] for x in councils],
    )

    def ok(block):
        codes = {councils[i]["code"] for i in block}
        if len(block) > 3 or any((a in codes) != (b in codes) for a, b in together):
            return False
        if len(block) == 1:
            return True
        return shapley(all_savings(CostModel(**model), every.subset(block))).min() >= -1e-6

    return brute(councils, model, ok)


@pytest.mark.parametrize("pair", list(combinations(range(5), 2))[:4])
def test_kept_partnerships_match_brute_force_on_small_cases(pair):
    """The rule the form sends (the analysis's ``together`` pairs) against brute force
    over every partition of five councils."""
    import numpy as np

    rng = np.random.default_rng(sum(pair))
    councils = [
        {
            "code": f"E0700{i:04d}",
            "baseline_cost": float(rng.lognormal(13.5, 0.4)),
            "workload": float(rng.lognormal(10, 0.5)),
            "lat": float(rng.uniform(53, 54.5)),
            "lon": float(rng.uniform(-3, -1)),
        }
        for i in range(5)
    ]
    model = {"scale_exponent": 0.8, "governance_cost": 20_000, "distance_cost_per_km": 200}
    together = [(councils[pair[0]]["code"], councils[pair[1]]["code"])]
    out = coalitions.run(
        {
            "councils": councils,
            "model": model,
            "constraints": {"max_size": 3, "together": [list(p) for p in together]},
        }
    )
    blocks = [set(c["members"]) for c in out["coalitions"]]
    assert any(set(together[0]) <= b for b in blocks)
    assert out["total_saving"] == pytest.approx(_brute_best(councils, model, together), abs=0.05)


def test_plain_labels_keep_the_technical_terms_in_a_hint(client, officer):
    page = client.get("/partners/").content.decode()
    label = page.split('<label for="id_scale_exponent" class="govuk-label">', 1)[1]
    assert label.split("</label>", 1)[0].strip() == "How much cheaper a bigger service is"
    assert "economists call it the scale exponent, b" in page
    details = page.split("data-fair-share>", 1)[1].split("</details>", 1)[0]
    assert "What does this mean?" in details and "Shapley value" in details
    intro = page.split("<h1", 1)[1].split("<details", 1)[0]
    assert "Shapley" not in intro  # the plain words first, the term behind "What does this mean?"
