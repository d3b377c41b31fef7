"""The Celery application: Redis in production and CI, in-process when no
REDIS_URL is set (see settings). Run a worker with
``celery -A sharedservices worker``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservices.settings")

app = Celery("sharedservices")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
