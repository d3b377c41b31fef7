"""POST /api/v1/share and /api/v1/coalitions, and GET /api/v1/jobs/{id}."""

import pytest

from sharedservices.councils.models import Council
from sharedservices.jobs.models import AnalysisJob, JobStatus
from tests.jobs.conftest import coalitions_body, post_json
from tests.known import LANCASHIRE, LANCASTER, PRESTON, WYRE

pytestmark = pytest.mark.django_db

SHARE = {
    "partners": [
        {"code": LANCASTER, "households": 60000, "usage": 300},
        {"code": WYRE, "households": 50000, "usage": 100},
    ],
    "lines": [
        {"name": "ICT", "kind": "cost", "amount": 100000, "basis": "usage"},
        {"name": "Procurement", "kind": "saving", "amount": 55000, "basis": "households"},
    ],
}


def lancashire_codes():
    return list(
        Council.objects.current()
        .filter(upper_tier_id=LANCASHIRE)
        .order_by("code")
        .values_list("code", flat=True)
    )


@pytest.mark.parametrize(
    ("method", "url"),
    [("post", "/api/v1/share"), ("post", "/api/v1/coalitions"), ("get", "/api/v1/jobs/1")],
)
def test_anonymous_users_are_refused(client, method, url):
    response = client.get(url) if method == "get" else post_json(client, url, {})
    assert response.status_code == 401


def test_share_answers_at_once(client, officer):
    response = post_json(client, "/api/v1/share", SHARE)
    assert response.status_code == 200, response.content
    lines = {line["name"]: line for line in response.json()["lines"]}
    assert lines["ICT"]["shares"] == {LANCASTER: 75000.0, WYRE: 25000.0}
    assert lines["Procurement"]["shares"] == {LANCASTER: 30000.0, WYRE: 25000.0}
    assert AnalysisJob.objects.count() == 0


def test_share_bad_input_names_each_path(client, officer):
    bad = {**SHARE, "lines": [{"name": "ICT", "kind": "cost", "amount": -1, "basis": "whim"}]}
    response = post_json(client, "/api/v1/share", bad)
    assert response.status_code == 422
    paths = {e["path"] for e in response.json()["errors"]}
    assert {"$.lines[0].amount", "$.lines[0].basis"} <= paths


def test_small_coalitions_answer_at_once_with_council_geography(client, officer):
    codes = lancashire_codes()
    assert len(codes) == 12
    body = coalitions_body(codes, connected=True, max_size=4)  # no lat/lon, no edges
    response = post_json(client, "/api/v1/coalitions", body)
    assert response.status_code == 200, response.content
    result = response.json()
    assert result["optimal"] is True
    assert sorted(c for e in result["coalitions"] for c in e["members"]) == sorted(codes)
    assert result["total_saving"] > 0
    assert all(len(e["members"]) <= 4 for e in result["coalitions"])
    assert AnalysisJob.objects.count() == 0


def test_coalitions_bad_input_answers_422_with_paths(client, officer):
    body = coalitions_body([LANCASTER, WYRE])
    body["councils"][0]["baseline_cost"] = -5
    body["councils"][1]["code"] = "not-a-code"
    body["model"]["scale_exponent"] = 2
    response = post_json(client, "/api/v1/coalitions", body)
    assert response.status_code == 422
    paths = {e["path"] for e in response.json()["errors"]}
    assert {
        "$.councils[0].baseline_cost",
        "$.councils[1].code",
        "$.model.scale_exponent",
    } <= paths


def test_background_flag_creates_a_job_that_runs_and_reports(
    client, officer, django_capture_on_commit_callbacks
):
    body = {**coalitions_body([LANCASTER, WYRE, PRESTON], connected=True), "background": True}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_json(client, "/api/v1/coalitions", body)
    assert response.status_code == 202, response.content
    accepted = response.json()
    job = AnalysisJob.objects.get(pk=accepted["job"])
    assert accepted["status_url"] == f"/api/v1/jobs/{job.pk}"
    assert accepted["page_url"] == f"/partners/jobs/{job.pk}/"
    assert len(callbacks) == 1
    assert "background" not in job.input
    assert job.council_id == LANCASTER and job.requested_by == officer

    status = client.get(accepted["status_url"])
    assert status.status_code == 200
    got = status.json()
    assert got["status"] == JobStatus.SUCCEEDED
    assert got["progress"] == 1.0
    assert got["errors"] == []
    assert got["result"]["optimal"] is True
    members = sorted(c for e in got["result"]["coalitions"] for c in e["members"])
    assert members == sorted([LANCASTER, WYRE, PRESTON])


def test_more_than_sixteen_councils_go_to_a_job(
    client, officer, django_capture_on_commit_callbacks
):
    wales = list(Council.objects.current().filter(nation="wales").values_list("code", flat=True))
    assert len(wales) > 16
    body = coalitions_body(wales, connected=True, max_size=3)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(client, "/api/v1/coalitions", body)
    assert response.status_code == 202, response.content
    got = client.get(response.json()["status_url"]).json()
    assert got["status"] == JobStatus.SUCCEEDED, got["errors"]
    assert len(got["result"]["coalitions"]) >= len(wales) // 3


def test_background_request_with_bad_input_creates_no_job(client, officer):
    body = {**coalitions_body([LANCASTER, WYRE]), "background": True}
    body["constraints"] = {"together": [[LANCASTER, "E99999999"]]}
    response = post_json(client, "/api/v1/coalitions", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"].startswith("$.constraints.together[0]")
    assert AnalysisJob.objects.count() == 0


def test_a_job_that_cannot_be_solved_fails_with_its_errors(
    client, officer, django_capture_on_commit_callbacks
):
    # Lancaster and Burnley do not touch, so joined-up pairs cannot hold both.
    body = coalitions_body(
        [LANCASTER, "E07000117"], connected=True, max_size=2, together=[[LANCASTER, "E07000117"]]
    )
    body["background"] = True
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(client, "/api/v1/coalitions", body)
    assert response.status_code == 202, response.content
    got = client.get(response.json()["status_url"]).json()
    assert got["status"] == JobStatus.FAILED
    assert got["result"] is None
    assert [e["path"] for e in got["errors"]] == ["$.constraints"]


def test_another_councils_job_is_404(client, make_user, django_capture_on_commit_callbacks):
    asker = make_user(LANCASTER)
    client.force_login(asker)
    body = {**coalitions_body([LANCASTER, WYRE]), "background": True}
    with django_capture_on_commit_callbacks(execute=True):
        url = post_json(client, "/api/v1/coalitions", body).json()["status_url"]

    client.force_login(make_user(LANCASTER))  # a colleague at the same council
    assert client.get(url).status_code == 200
    client.force_login(make_user(PRESTON))
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/jobs/999999").status_code == 404


def test_the_schema_documents_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/share", "/api/v1/coalitions", "/api/v1/jobs/{job_id}"} <= set(paths)
    assert "202" in paths["/api/v1/coalitions"]["post"]["responses"]
