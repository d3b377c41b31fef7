"""/healthz: database, cache and broker, 503 naming what is down."""

import pytest
from django.core.cache import cache
from django.db import connection

pytestmark = pytest.mark.django_db


def test_healthy_answers_200_for_anyone(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "down": [],
        "checks": {"database": "ok", "cache": "ok", "broker": "in-process"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_a_broker_that_cannot_be_reached_is_named(client, settings):
    from sharedservices.celery import app

    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    previous = app.conf.broker_url
    app.conf.broker_url = settings.REDIS_URL
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    assert response.json()["down"] == ["broker"]
    assert response.json()["checks"]["database"] == "ok"


def test_a_broken_cache_and_database_are_named(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache gone")

    monkeypatch.setattr(cache, "set", broken)
    real_cursor = connection.cursor

    def failing_cursor(*args, **kwargs):
        cursor = real_cursor(*args, **kwargs)
        original = cursor.execute

        def execute(sql, *a, **k):
            if sql == "SELECT 1":
                raise ConnectionError("database gone")
            return original(sql, *a, **k)

        cursor.execute = execute
        return cursor

    monkeypatch.setattr(connection, "cursor", failing_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["down"] == ["database", "cache"]
    assert "gone" not in response.content.decode()  # reasons go to the log, not the caller
