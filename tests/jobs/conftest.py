import json

import pytest

from tests.known import LANCASTER


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def officer(client, make_user):
    user = make_user(LANCASTER)
    client.force_login(user)
    return user


def coalitions_body(codes, **constraints):
    """Councils at made-up costs; places and neighbours come from the database."""
    return {
        "councils": [
            {"code": code, "baseline_cost": 1_000_000 + 50_000 * i, "workload": 30_000 + 1000 * i}
            for i, code in enumerate(codes)
        ],
        "model": {"scale_exponent": 0.8, "governance_cost": 20_000, "distance_cost_per_km": 200},
        "constraints": constraints,
    }


@pytest.fixture(autouse=True)
def celery_eager():
    """Run tasks in-process even where REDIS_URL is set (CI): these tests check
    the job, not the broker. ``test_celery_worker.py`` overrides this."""
    from sharedservices.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before
