"""The Find partners form and the page of a partner search."""

import html
import re

import pytest

from sharedservices.councils.models import Council
from sharedservices.jobs.models import AnalysisJob, JobKind, JobStatus
from tests.known import LANCASHIRE, LANCASTER, PRESTON

pytestmark = pytest.mark.django_db

GOOD = {
    "service_area": "",
    "service_other": "Revenues and benefits",
    "area": "county",
    "county": LANCASHIRE,
    "include_own": "on",
    "scale_exponent": "0.85",
    "governance_cost": "40000",
    "distance_cost_per_km": "500",
    "cost_per_postcode": "300",
    "known_costs": "",
    "max_size": "5",
    "connected": "on",
    "opt_out": "",
}


def submit(client, **changes):
    return client.post("/partners/", {**GOOD, **changes})


def test_find_partners_needs_sign_in(client):
    response = client.get("/partners/")
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_form_shows_defaults_and_the_navigation_item(client, officer):
    page = client.get("/partners/").content.decode()
    assert '<h1 class="govuk-heading-xl">Find partners</h1>' in page
    assert 'href="/partners/"' in page and "Find partners</strong>" in page  # active nav item
    assert 'value="0.85"' in page and 'value="40000"' in page and 'value="500"' in page
    assert "Include my council (Lancaster)" in page


def test_empty_form_lists_every_problem(client, officer):
    response = client.post("/partners/", {"area": "county"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    for message in [
        "Choose a service, or describe another service",
        "Choose a county",
        "Enter the economies-of-scale exponent, for example 0.85",
        "Enter the largest partnership size, for example 5",
    ]:
        assert message in page
    assert "<title>Error: " in page
    assert AnalysisJob.objects.count() == 0


def test_bad_lines_and_unknown_councils_are_named(client, officer):
    page = submit(
        client,
        area="list",
        council_list="Lancaster\nAtlantis",
        known_costs="Preston, lots\nE07000128",
        opt_out="Carlisle",
        scale_exponent="1.5",
    ).content.decode()
    assert "There is no council “Atlantis”" in page
    assert "Line 1: the baseline cost must be a number more than 0" in page
    assert "Line 2: give a council, its baseline cost" in page
    assert "Carlisle no longer exists" in page
    assert "The economies-of-scale exponent must be 1 or less" in page
    assert AnalysisJob.objects.count() == 0


def test_opt_out_must_be_in_the_area(client, officer):
    page = submit(client, opt_out="Nottingham").content.decode()
    assert "Not among the councils considered: Nottingham" in page


def test_too_many_councils_for_an_unbounded_search_is_a_form_error(client, officer):
    page = submit(client, area="nation", county="", nation="england", connected="").content.decode()
    assert "govuk-error-summary" in page
    assert 'href="#id_max_size"' in page  # the analysis's problem, on the form's field
    assert AnalysisJob.objects.count() == 0


def test_search_runs_and_shows_partnerships_with_shares(
    client, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, known_costs=f"{PRESTON}, 2500000, 70000")
    assert response.status_code == 302
    job = AnalysisJob.objects.get()
    assert response["Location"] == f"/partners/jobs/{job.pk}/"
    assert job.kind == JobKind.COALITIONS and job.status == JobStatus.SUCCEEDED
    assert job.title == "Revenues and benefits: partners among the districts of Lancashire"
    preston = next(c for c in job.input["councils"] if c["code"] == PRESTON)
    assert preston == {**preston, "baseline_cost": 2500000, "workload": 70000}
    lancaster = next(c for c in job.input["councils"] if c["code"] == LANCASTER)
    assert lancaster["workload"] > 1000 and lancaster["baseline_cost"] == pytest.approx(
        300 * lancaster["workload"]
    )

    page = client.get(response["Location"]).content.decode()
    assert "Total saving" in page
    total = job.result["total_saving"]
    assert f"£{round(total):,} a year" in page
    assert "no other grouping within your constraints saves more (proven)" in page
    assert "data-partners-map" in page and "Partnership 1" in page
    rows = re.findall(r'data-council="(E\d{8})"', page)
    alone = re.findall(r'href="/councils/(E\d{8})/">[^<]+</a></li>', page)
    assert sorted(rows + alone) == sorted(c["code"] for c in job.input["councils"])
    assert 'http-equiv="refresh"' not in page

    # The next step: an opportunity with the first partnership's councils filled in.
    start = re.search(r'data-next-steps>\s*<li><a class="govuk-link" href="([^"]+)"', page)
    form = client.get(html.unescape(start.group(1))).content.decode()
    first = sorted(job.result["coalitions"], key=lambda e: -e["saving"])[0]["members"]
    others = [Council.objects.get(pk=c).name for c in first if c != LANCASTER]
    field = re.search(r'name="proposed_partners"[^>]*>([^<]*)<', form).group(1)
    assert sorted(html.unescape(field).split()) == sorted(n for o in others for n in o.split())
    assert "partners among the districts of Lancashire: partnership 1" in form


def test_a_running_job_refreshes_itself(client, officer):
    job = AnalysisJob.objects.create(
        kind=JobKind.COALITIONS,
        input={},
        council_id=LANCASTER,
        status=JobStatus.RUNNING,
        progress=0.42,
        progress_message="candidates enumerated",
    )
    page = client.get(job.get_absolute_url()).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert "Working: 42% done (candidates enumerated)." in page
    assert f'data-status-url="/api/v1/jobs/{job.pk}"' in page


def test_a_failed_job_shows_why(client, officer):
    job = AnalysisJob.objects.create(
        kind=JobKind.COALITIONS,
        input={},
        council_id=LANCASTER,
        status=JobStatus.FAILED,
        errors=[{"path": "$.constraints", "message": "no set of partnerships meets all"}],
    )
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The search could not be completed" in page
    assert "No set of partnerships meets all" in page


def test_another_councils_job_page_is_404(client, make_user):
    job = AnalysisJob.objects.create(kind=JobKind.COALITIONS, input={}, council_id=LANCASTER)
    client.force_login(make_user(PRESTON))
    assert client.get(job.get_absolute_url()).status_code == 404
    page = client.get("/partners/").content.decode()
    assert job.get_absolute_url() not in page
