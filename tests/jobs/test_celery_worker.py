"""A job through a real Redis broker and a real Celery worker process.

Needs REDIS_URL (a Redis server) and PostgreSQL: the worker is a separate
process, so it must reach the test database over the network (SQLite's test
database lives in this process's memory). CI provides both (``.ci/run``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from sharedservices.jobs import services
from sharedservices.jobs.models import AnalysisJob, JobKind, JobStatus
from tests.jobs.conftest import coalitions_body
from tests.known import LANCASTER, PRESTON, WYRE

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL", "")
WAIT_SECONDS = 60

pytestmark = [
    pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL and a Redis server"),
    # The worker reads committed rows; the councils come back for the next test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def celery_eager():
    """Overrides the package's in-process default: send through the broker."""
    from sharedservices.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = False
    assert app.conf.broker_url == REDIS_URL
    yield
    app.conf.task_always_eager = before


def _database_url() -> str:
    s = connection.settings_dict
    user = quote(s["USER"] or "", safe="")
    password = f":{quote(s['PASSWORD'], safe='')}" if s.get("PASSWORD") else ""
    host = s["HOST"] or "localhost"
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgresql://{user}{password}@{host}{port}/{s['NAME']}"


@pytest.fixture
def worker(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker needs a database it can reach: run with PostgreSQL")
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "sharedservices.settings",
    }
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "sharedservices.celery",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                f"--hostname=test-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process, log
    finally:
        process.send_signal(signal.SIGTERM)  # warm shutdown
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def test_a_job_runs_on_a_real_worker_through_redis(worker, celery_eager, make_user):
    process, log = worker
    user = make_user(LANCASTER)
    body = coalitions_body([LANCASTER, WYRE, PRESTON], connected=True)
    job = services.analysis_job_create(
        kind=JobKind.COALITIONS, data=body, user=user, title="through Redis"
    )  # committed at once (no transaction around the test), so sent at once

    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        job.refresh_from_db()
        if job.is_finished:
            break
        if process.poll() is not None:
            pytest.fail(f"the worker stopped:\n{log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            pytest.fail(
                f"job still {job.status} after {WAIT_SECONDS} s; worker log:\n"
                f"{log.read_text()[-3000:]}"
            )
        time.sleep(0.25)

    assert job.status == JobStatus.SUCCEEDED, job.errors
    assert job.progress == 1.0 and job.started_at and job.finished_at
    members = sorted(c for e in job.result["coalitions"] for c in e["members"])
    assert members == sorted([LANCASTER, WYRE, PRESTON])
    assert AnalysisJob.objects.filter(status=JobStatus.QUEUED).count() == 0
    assert "sharedservices.jobs.run_job" in log.read_text()
