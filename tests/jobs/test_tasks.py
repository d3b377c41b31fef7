"""The job runner: claims a job once, records progress sparingly, keeps errors."""

import pytest

from sharedservices.jobs import running, services
from sharedservices.jobs.models import AnalysisJob, JobKind, JobStatus
from sharedservices.jobs.tasks import run_job
from tests.jobs.conftest import coalitions_body
from tests.known import LANCASTER, PRESTON, WYRE

pytestmark = pytest.mark.django_db


def make_job(data, kind=JobKind.COALITIONS):
    return AnalysisJob.objects.create(kind=kind, input=data, council_id=LANCASTER)


def test_task_runs_a_queued_job_once(monkeypatch):
    job = make_job(coalitions_body([LANCASTER, WYRE, PRESTON]))
    calls = []
    real = services.analysis_run
    monkeypatch.setattr(running, "analysis_run", lambda **kw: calls.append(1) or real(**kw))
    assert run_job.delay(job.pk).get() == JobStatus.SUCCEEDED
    assert run_job.delay(job.pk).get() == JobStatus.SUCCEEDED  # a redelivery does nothing
    assert calls == [1]
    job.refresh_from_db()
    assert job.started_at and job.finished_at and job.progress == 1.0
    assert job.result["coalitions"]


def test_progress_writes_are_throttled():
    job = make_job({})
    AnalysisJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    recorder = services.ProgressRecorder(job.pk, interval=60)
    for i in range(100):
        recorder(i / 100, f"step {i}")
    assert recorder.writes == 1
    job.refresh_from_db()
    assert (job.progress, job.progress_message) == (0.0, "step 0")


def test_the_solver_reports_progress_to_the_job(monkeypatch):
    seen = []
    monkeypatch.setattr(services.ProgressRecorder, "__call__", lambda self, f, m: seen.append(f))
    job = make_job(coalitions_body([LANCASTER, WYRE, PRESTON]))
    services.analysis_job_execute(job_id=job.pk)
    assert seen and seen[-1] == 1.0


def test_an_unexpected_error_fails_the_job_without_details(monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(running, "analysis_run", boom)
    job = make_job({})
    services.analysis_job_execute(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "secret" not in str(job.errors)
    assert job.errors[0]["path"] == "$"


def test_share_jobs_run_too():
    job = make_job(
        {
            "partners": [{"code": LANCASTER}, {"code": WYRE}],
            "lines": [{"name": "ICT", "kind": "cost", "amount": 10, "basis": "equal"}],
        },
        kind=JobKind.SHARE,
    )
    services.analysis_job_execute(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["lines"][0]["shares"] == {LANCASTER: 5.0, WYRE: 5.0}
