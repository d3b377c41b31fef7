"""``POST /api/v1/opportunities`` takes an ``Idempotency-Key`` as ``POST
/api/v1/arrangements`` does: a retry with the same key and body records one opportunity
and answers the first response again (issue 12.5)."""

from __future__ import annotations

import json

import pytest

from sharedservices.programme.models import Opportunity
from tests.known import LANCASTER, PRESTON

pytestmark = pytest.mark.django_db

BODY = {"title": "Shared building control", "proposed_partners": [PRESTON]}


def post(client, body, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(
        "/api/v1/opportunities", json.dumps(body), content_type="application/json", **headers
    )


def test_a_retried_create_records_one_opportunity(client, make_user):
    client.force_login(make_user(LANCASTER))
    first = post(client, BODY, key="opp-1")
    assert first.status_code == 201, first.content
    again = post(client, BODY, key="opp-1")
    assert again.status_code == 201 and again.json() == first.json()
    assert Opportunity.objects.filter(title=BODY["title"]).count() == 1
    other = post(client, {**BODY, "title": "Shared licensing"}, key="opp-1")
    assert other.status_code == 422
    assert other.json()["errors"][0]["path"] == "header.Idempotency-Key"
    assert post(client, BODY, key="x" * 201).status_code == 422
    # Without a key each POST records one, as before.
    assert post(client, BODY).status_code == 201
    assert Opportunity.objects.filter(title=BODY["title"]).count() == 2
    # Keys are per user.
    client.force_login(make_user(LANCASTER))
    assert post(client, BODY, key="opp-1").status_code == 201
    assert Opportunity.objects.filter(title=BODY["title"]).count() == 3
