"""Celery tasks: thin doors onto ``jobs.services``.

Bound to our configured app (not ``shared_task``) so that queuing works even in
a process that has not imported ``sharedservices.celery`` itself.
"""

from sharedservices.celery import app
from sharedservices.jobs.services import analysis_job_execute


@app.task(name="sharedservices.jobs.run_job", ignore_result=True)
def run_job(job_id: int) -> str | None:
    job = analysis_job_execute(job_id=job_id)
    return job.status if job else None
