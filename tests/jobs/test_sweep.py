"""Jobs whose worker died, or that no worker took, are failed and say why."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sharedservices.jobs.models import AnalysisJob, JobKind, JobStatus
from sharedservices.jobs.services import ProgressRecorder, analysis_job_execute
from sharedservices.jobs.tasks import sweep
from tests.known import LANCASTER, PRESTON

from .conftest import coalitions_body

pytestmark = pytest.mark.django_db


def job_of(user, status, *, heartbeat_minutes_ago=None, created_minutes_ago=0):
    now = timezone.now()
    job = AnalysisJob.objects.create(
        kind=JobKind.COALITIONS,
        input=coalitions_body([LANCASTER, PRESTON]),
        council_id=user.council_id,
        requested_by=user,
        status=status,
        started_at=now if status == JobStatus.RUNNING else None,
        heartbeat_at=(
            None
            if heartbeat_minutes_ago is None
            else now - timedelta(minutes=heartbeat_minutes_ago)
        ),
    )
    AnalysisJob.objects.filter(pk=job.pk).update(
        created_at=now - timedelta(minutes=created_minutes_ago)
    )
    return job


def test_a_job_whose_worker_went_silent_shows_as_failed_on_its_page(client, officer):
    job = job_of(officer, JobStatus.RUNNING, heartbeat_minutes_ago=11)
    page = client.get(job.get_absolute_url())
    assert page.status_code == 200
    assert "The worker running this analysis stopped before it finished" in page.text
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at is not None


def test_the_api_says_failed_too(client, officer):
    job = job_of(officer, JobStatus.RUNNING, heartbeat_minutes_ago=30)
    body = client.get(f"/api/v1/jobs/{job.pk}").json()
    assert body["status"] == "failed"
    assert body["errors"][0]["message"].startswith("the worker running this analysis stopped")


def test_a_job_started_before_heartbeats_were_recorded_is_judged_by_its_start(make_user):
    user = make_user(LANCASTER)
    job = job_of(user, JobStatus.RUNNING)  # no heartbeat
    AnalysisJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(hours=2))
    young = job_of(user, JobStatus.RUNNING)
    assert sweep() == 1
    job.refresh_from_db(), young.refresh_from_db()
    assert (job.status, young.status) == (JobStatus.FAILED, JobStatus.RUNNING)


def test_a_working_job_is_left_running(client, officer):
    job = job_of(officer, JobStatus.RUNNING, heartbeat_minutes_ago=2, created_minutes_ago=120)
    assert client.get(f"/api/v1/jobs/{job.pk}").json()["status"] == "running"


def test_the_beat_task_fails_jobs_no_worker_took_and_leaves_new_ones(make_user):
    user = make_user(LANCASTER)
    old = job_of(user, JobStatus.QUEUED, created_minutes_ago=61)
    new = job_of(user, JobStatus.QUEUED, created_minutes_ago=5)
    done = job_of(user, JobStatus.SUCCEEDED, created_minutes_ago=600)
    assert sweep() == 1
    old.refresh_from_db(), new.refresh_from_db(), done.refresh_from_db()
    assert old.status == JobStatus.FAILED
    assert "no worker picked this analysis up" in old.errors[0]["message"]
    assert (new.status, done.status) == (JobStatus.QUEUED, JobStatus.SUCCEEDED)


def test_another_councils_user_neither_sees_nor_sweeps_the_job(client, make_user):
    owner = make_user(LANCASTER)
    job = job_of(owner, JobStatus.RUNNING, heartbeat_minutes_ago=60)
    client.force_login(make_user(PRESTON, email="other@preston.example.org"))
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/jobs/{job.pk}").status_code == 404
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING


def test_starting_and_progress_are_signs_of_life(make_user, monkeypatch):
    user = make_user(LANCASTER)
    job = job_of(user, JobStatus.RUNNING, heartbeat_minutes_ago=9)
    ProgressRecorder(job.pk)(0.5, "half way")
    job.refresh_from_db()
    assert timezone.now() - job.heartbeat_at < timedelta(minutes=1)

    queued = job_of(user, JobStatus.QUEUED)
    seen = []
    real = ProgressRecorder.__call__

    def spy(self, fraction, message):
        seen.append(AnalysisJob.objects.get(pk=queued.pk).heartbeat_at)
        real(self, fraction, message)

    monkeypatch.setattr(ProgressRecorder, "__call__", spy)
    analysis_job_execute(job_id=queued.pk)
    assert seen and seen[0] is not None  # set when the worker claimed the job
