"""What ``/healthz`` checks: the database, the cache and the Celery broker.

Each check answers "ok", "down" or, for the broker of the embedded default (jobs
run in-process, no broker to reach), "in-process". Details of a failure go to the
log, never to the anonymous caller.
"""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2


def database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def cache_status() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    ok = cache.get(key) == "1"
    cache.delete(key)
    return "ok" if ok else "down"


def broker() -> str:
    if not settings.REDIS_URL:
        return "in-process"
    from sharedservices.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=TIMEOUT_SECONDS)
    return "ok"


CHECKS = {"database": database, "cache": cache_status, "broker": broker}


def run_checks() -> dict[str, str]:
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception:  # any failure means "down"; the log says why
            log.exception("health check %s failed", name)
            results[name] = "down"
    return results
