"""Celery tasks: a thin door onto ``benefits.overdue`` for Celery beat (settings'
``CELERY_BEAT_SCHEDULE``), the same work as ``manage.py benefits_due``."""

from sharedservices.benefits.overdue import overdue_notify
from sharedservices.celery import app


@app.task(name="sharedservices.benefits.overdue_notify", ignore_result=True)
def benefits_due() -> int:
    """E-mail overdue returns, each once (run daily by Celery beat)."""
    return overdue_notify()
