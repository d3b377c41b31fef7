"""Running a job: what a worker does with a queued ``AnalysisJob``.

Apart from ``services.py`` (which records and queues jobs, and answers small inputs at
once) so that the Celery tasks can import this and ``services`` can import the tasks
without a cycle: services -> tasks -> running.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from sharedservices.analysis.errors import InputError, Problem
from sharedservices.jobs.models import AnalysisJob, JobKind, JobStatus
from sharedservices.jobs.selectors import council_lookup

logger = logging.getLogger(__name__)

Progress = Callable[[float, str], None]

# Progress is written to the database at most this often (seconds), so a
# chatty solver does not become a write storm.
PROGRESS_INTERVAL = 1.0
# A running job with no sign of life for this long lost its worker (the solver
# stops itself after 60 s and reports about once a second while it works).
RUNNING_STALE_AFTER = timedelta(minutes=10)
# A job no worker has picked up for this long will not be: none is running.
QUEUED_STALE_AFTER = timedelta(hours=1)


def json_safe(value: Any) -> Any:
    """JSON-safe copy: numpy scalars and arrays become Python numbers and lists."""

    def default(obj):
        if hasattr(obj, "tolist"):
            return obj.tolist()
        raise TypeError(f"{type(obj).__name__} is not JSON serialisable")

    return json.loads(json.dumps(value, default=default))


def analysis_run(*, kind: str, data: Any, progress: Progress | None = None) -> dict:
    """The analysis ``run`` for ``kind``; raises ``InputError`` on bad input."""
    # Imported here: the partition search loads numba (about a second), which
    # every web process would otherwise pay at start-up for pages that never use it.
    from sharedservices.analysis import coalitions, sharing

    if kind == JobKind.SHARE:
        return json_safe(sharing.run(data))
    if kind == JobKind.COALITIONS:
        return json_safe(coalitions.run(data, council_lookup=council_lookup, progress=progress))
    raise ValueError(f"unknown analysis kind {kind!r}")


class ProgressRecorder:
    """The ``progress`` callback of a job: keeps the latest value and writes it
    at most every ``interval`` seconds (and always the first time)."""

    def __init__(self, job_id: int, interval: float = PROGRESS_INTERVAL):
        self.job_id = job_id
        self.interval = interval
        self.last_write: float | None = None
        self.writes = 0

    def __call__(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if self.last_write is not None and now - self.last_write < self.interval:
            return
        self.last_write = now
        self.writes += 1
        AnalysisJob.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(
            progress=max(0.0, min(1.0, float(fraction))),
            progress_message=str(message)[:200],
            heartbeat_at=timezone.now(),
        )


def analysis_job_execute(*, job_id: int) -> AnalysisJob | None:
    """Run a queued job and store its result or errors.

    The job is claimed with one conditional UPDATE, so when a message is
    delivered twice (several workers, a redelivery) only one worker runs it.
    """
    claimed = AnalysisJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
        progress=0.0,
        progress_message="Started",
    )
    job = AnalysisJob.objects.filter(pk=job_id).first()
    if not claimed or job is None:
        return job
    try:
        result = analysis_run(kind=job.kind, data=job.input, progress=ProgressRecorder(job.pk))
    except InputError as exc:
        job.status, job.errors = JobStatus.FAILED, [p.as_dict() for p in exc.problems]
        job.progress_message = "The input cannot be analysed"
    except Exception:
        logger.exception("analysis job %s failed", job.pk)
        job.status = JobStatus.FAILED
        job.errors = [
            Problem("$", "the analysis stopped with an unexpected error; try again later").as_dict()
        ]
        job.progress_message = "Stopped with an error"
    else:
        job.status, job.result = JobStatus.SUCCEEDED, result
        job.progress, job.progress_message = 1.0, "Done"
    job.finished_at = timezone.now()
    job.save(
        update_fields=["status", "result", "errors", "progress", "progress_message", "finished_at"]
    )
    return job


def analysis_jobs_sweep(jobs=None, *, now: datetime | None = None) -> int:
    """Fail the jobs among ``jobs`` (default: all) that will never finish, and
    say why; returns how many.

    A worker that dies (killed, out of memory, machine lost) cannot mark its
    job, so the job would show "running" for ever. A running job with no
    progress write for ``RUNNING_STALE_AFTER`` is failed, as is a queued job no
    worker took within ``QUEUED_STALE_AFTER``. Each is one conditional UPDATE,
    safe beside workers on other machines; a worker that was only slow and
    then finishes still stores its result. Run by the Celery beat task
    ``sharedservices.jobs.sweep`` and, for the one job, whenever its page or
    API answer is read, so a site without beat still tells the truth.
    """
    now = now or timezone.now()
    jobs = AnalysisJob.objects.all() if jobs is None else jobs
    silent_since = now - RUNNING_STALE_AFTER
    lost = jobs.filter(status=JobStatus.RUNNING).filter(
        # jobs started before heartbeats were recorded have only ``started_at``
        Q(heartbeat_at__lt=silent_since) | Q(heartbeat_at__isnull=True, started_at__lt=silent_since)
    )
    swept = lost.update(
        status=JobStatus.FAILED,
        finished_at=now,
        progress_message="The worker running this job stopped",
        errors=[
            Problem(
                "$", "the worker running this analysis stopped before it finished; ask again"
            ).as_dict()
        ],
    )
    waiting = jobs.filter(status=JobStatus.QUEUED, created_at__lt=now - QUEUED_STALE_AFTER)
    swept += waiting.update(
        status=JobStatus.FAILED,
        finished_at=now,
        progress_message="No worker took this job",
        errors=[
            Problem(
                "$", "no worker picked this analysis up within an hour; ask again later"
            ).as_dict()
        ],
    )
    if swept:
        logger.warning("failed %s analysis job(s) that lost or never had a worker", swept)
    return swept
