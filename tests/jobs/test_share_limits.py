"""The review's server errors, each now a 4xx in the API's one error shape or a named
import error (issue 27, item 4)."""

from __future__ import annotations

import pytest

from tests.jobs.conftest import post_json
from tests.jobs.test_api import SHARE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("amount", [1e308, -1e308, 1.7976931348623157e308])
def test_a_share_amount_too_large_is_named(client, officer, amount):
    body = {**SHARE, "lines": [{**SHARE["lines"][0], "amount": amount}]}
    response = post_json(client, "/api/v1/share", body)
    assert response.status_code == 422, response.content
    assert "$.lines[0].amount" in {e["path"] for e in response.json()["errors"]}


def test_a_share_usage_too_large_is_named(client, officer):
    partners = [{**SHARE["partners"][0], "usage": 1e308}, SHARE["partners"][1]]
    response = post_json(client, "/api/v1/share", {**SHARE, "partners": partners})
    assert response.status_code == 422, response.content
