"""Celery beat runs the daily duties: every scheduled name is a registered task, and the
benefits and governance ones do what their commands do."""

from __future__ import annotations

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail

from sharedservices.celery import app


@pytest.fixture(autouse=True)
def discovered():
    """What a beat or worker process registers: every app's ``tasks`` module."""
    app.loader.import_default_modules()
    app.autodiscover_tasks(force=True)


def registered_tasks() -> set[str]:
    return set(app.tasks)


def test_every_scheduled_entry_names_a_registered_task():
    names = registered_tasks()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule, "the beat schedule is empty"
    for entry, spec in schedule.items():
        assert spec["task"] in names, f"{entry} names {spec['task']!r}, which no task registers"


def test_benefits_and_governance_duties_run_daily():
    schedule = settings.CELERY_BEAT_SCHEDULE
    by_task = {spec["task"]: spec["schedule"] for spec in schedule.values()}
    for task in (
        "sharedservices.benefits.overdue_notify",
        "sharedservices.governance.withdrawals_apply_due",
    ):
        when = by_task[task]
        assert isinstance(when, crontab)
        # Once a day: one hour and one minute, every day of the week and month.
        assert len(when.hour) == 1 and len(when.minute) == 1
        assert len(when.day_of_week) == 7 and len(when.day_of_month) == 31


def test_the_benefits_task_emails_overdue_returns_once(world):
    # Quarterly from April 2026: the April to June return was due by 30 July 2026, so
    # both partners owe returns whenever this runs.
    task = app.tasks["sharedservices.benefits.overdue_notify"]
    sent = task.apply().get()
    assert sent > 0 and len(mail.outbox) == sent
    assert "overdue" in mail.outbox[0].body
    assert task.apply().get() == 0  # each return is e-mailed once


def test_the_governance_task_applies_due_withdrawals(db):
    task = app.tasks["sharedservices.governance.withdrawals_apply_due"]
    assert task.apply().get() == 0  # nothing is due in an empty register
