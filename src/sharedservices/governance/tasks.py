"""Celery tasks: a thin door onto ``governance.services`` for Celery beat (settings'
``CELERY_BEAT_SCHEDULE``), the same work as ``manage.py governance_due``."""

from sharedservices.celery import app
from sharedservices.governance.services import withdrawals_apply_due


@app.task(name="sharedservices.governance.withdrawals_apply_due", ignore_result=True)
def governance_due() -> int:
    """Apply the withdrawals whose leaving date has come (run daily by Celery beat)."""
    return withdrawals_apply_due()
