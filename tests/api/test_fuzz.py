"""Schemathesis over the whole OpenAPI document (issue 12.4 and 13.5).

Every operation the schema lists is called with generated input, valid and not, as a
signed-in officer with a CSRF token (so writes get past the session check): no
answer may be a 5xx, and every 4xx body has the API's one error shape. The run is
derandomised (the same examples every time) and bounded, so it is a test, not a
search; ``SCHEMATHESIS_EXAMPLES`` raises the bound for a longer hunt by hand.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, settings

from sharedservices.wsgi import application
from tests.api.test_bad_input import assert_error_shape

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "12"))

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def signed_in(make_user):
    """Cookies and headers of a signed-in Lancaster officer, and the WSGI handler
    kept from closing the test's database connection between requests (Django's
    test client does the same)."""
    from sharedservices.accounts.roles import Role

    client = Client()
    client.force_login(make_user("E07000121", Role.OFFICER))
    token = _get_new_csrf_string()
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": token},
        "headers": {"X-CSRFToken": token, "Referer": "http://localhost/"},
    }
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


class _Response:
    """What ``assert_error_shape`` reads, from a schemathesis response."""

    def __init__(self, response):
        self.status_code = response.status_code
        self.content = response.content
        self.json = response.json


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors_and_one_error_shape(case, signed_in):
    response = case.call(**signed_in)
    assert response.status_code < 500, (case.as_curl_command(), response.text[:1000])
    # Signed in with a CSRF token, nothing is refused for want of either: the writes
    # really are exercised.
    assert response.status_code not in (401, 403), (case.as_curl_command(), response.text)
    if 400 <= response.status_code < 500 and response.status_code != 405:
        try:
            assert_error_shape(_Response(response), response.status_code)
        except Exception as exc:
            raise AssertionError(
                f"{case.as_curl_command()} -> {response.status_code} {response.text[:300]}"
            ) from exc
