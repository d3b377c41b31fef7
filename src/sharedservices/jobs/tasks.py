"""Celery tasks: thin doors onto ``jobs.running``.

Bound to our configured app (not ``shared_task``) so that queuing works even in
a process that has not imported ``sharedservices.celery`` itself.
"""

from sharedservices.celery import app
from sharedservices.jobs.running import analysis_job_execute, analysis_jobs_sweep


@app.task(name="sharedservices.jobs.run_job", ignore_result=True)
def run_job(job_id: int) -> str | None:
    job = analysis_job_execute(job_id=job_id)
    return job.status if job else None


@app.task(name="sharedservices.jobs.sweep", ignore_result=True)
def sweep() -> int:
    """Fail jobs whose worker died or never came (run by Celery beat)."""
    return analysis_jobs_sweep()
