"""Running the analysis for the web: at once for small inputs, as a Celery job
for large ones.

The numbers come from ``sharedservices.analysis`` (``sharing.run``,
``coalitions.run``), exactly as the command line computes them; this module
adds the council data, the job record and its progress.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sharedservices.jobs.models import AnalysisJob, JobKind
from sharedservices.jobs.running import (  # noqa: F401  (the web's door onto running jobs)
    PROGRESS_INTERVAL,
    QUEUED_STALE_AFTER,
    RUNNING_STALE_AFTER,
    ProgressRecorder,
    analysis_job_execute,
    analysis_jobs_sweep,
    analysis_run,
    json_safe,
)
from sharedservices.jobs.selectors import council_lookup

# A 2**16 table of coalitions solves well inside a second; beyond this the
# partner finder goes to a background job (docs/find-partners.md).
MAX_COUNCILS_AT_ONCE = 16


def coalitions_validate(*, data: Any) -> None:
    """Raise ``InputError`` if ``data`` is bad or too large to search, without
    solving it, so a background request answers 422 at once rather than
    becoming a failed job. Errors only solving finds (no feasible partition)
    still fail the job."""
    from sharedservices.analysis import coalitions

    coalitions.validate(data, council_lookup=council_lookup)


def runs_in_background(*, kind: str, data: Any) -> bool:
    """Share always answers at once; coalitions of more than 16 councils, or
    any with ``"background": true``, go to a job."""
    if kind != JobKind.COALITIONS or not isinstance(data, dict):
        return False
    councils = data.get("councils")
    many = isinstance(councils, list) and len(councils) > MAX_COUNCILS_AT_ONCE
    return bool(data.get("background")) or many


def analysis_input(data: Any) -> Any:
    """The document for ``run``: the request without our own ``background`` flag."""
    if isinstance(data, dict) and "background" in data:
        return {k: v for k, v in data.items() if k != "background"}
    return data


def analysis_job_create(*, kind: str, data: Any, user, title: str = "") -> AnalysisJob:
    """Record a job for ``user``'s council and queue it once the row is committed
    (a worker on another machine must be able to read it)."""
    from sharedservices.jobs.tasks import run_job

    with transaction.atomic():
        job = AnalysisJob.objects.create(
            kind=kind,
            title=title[:200],
            input=json_safe(data),
            requested_by=user if getattr(user, "is_authenticated", False) else None,
            council_id=getattr(user, "council_id", None),
            progress_message="Waiting for a worker",
        )
        transaction.on_commit(lambda: run_job.delay(job.pk))
    return job
