"""Every request gets an id: on the request, in the response and in the log lines."""

import logging

import pytest
from django.core.signals import request_finished
from django.http import HttpResponse
from django.test import RequestFactory

from sharedservices.operations.requestid import RequestIdFilter, RequestIdMiddleware

pytestmark = pytest.mark.django_db


def test_each_response_carries_a_fresh_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_proxy_id_is_kept_and_a_hostile_one_replaced(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="abc-123-proxy")["X-Request-ID"] == (
        "abc-123-proxy"
    )
    hostile = client.get("/healthz", HTTP_X_REQUEST_ID="<script>\nx")["X-Request-ID"]
    assert hostile != "<script>\nx" and len(hostile) == 32


def test_log_lines_and_the_request_share_the_id():
    seen = {}
    records = []

    class Capture(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Capture()
    handler.addFilter(RequestIdFilter())
    log = logging.getLogger("sharedservices.test-request-id")
    log.addHandler(handler)

    def view(request):
        seen["id"] = request.request_id
        log.warning("inside the request")
        return HttpResponse("ok")

    try:
        response = RequestIdMiddleware(view)(RequestFactory().get("/"))
        request_finished.send(sender=None)
        log.warning("outside any request")
    finally:
        log.removeHandler(handler)
    assert response["X-Request-ID"] == seen["id"]
    assert [r.request_id for r in records] == [seen["id"], "-"]


def test_django_request_log_lines_carry_the_id(client, caplog):
    caplog.handler.addFilter(RequestIdFilter())
    response = client.get("/no-such-page-at-all/")
    assert response.status_code == 404
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.request_id == response["X-Request-ID"]


def test_sentry_reports_carry_the_request_id_when_it_is_on(settings):
    """With Sentry on (``SENTRY_DSN``), an error reported during a request is tagged
    with that request's id; with it off nothing is tagged (and the SDK is not needed)."""
    import sentry_sdk
    from sentry_sdk.transport import Transport

    events = []

    class Capture(Transport):
        def capture_envelope(self, envelope):
            events.extend(item.payload.json for item in envelope.items if item.type == "event")

    def view(request):
        sentry_sdk.capture_message("something to report")
        return HttpResponse("ok")

    sentry_sdk.init(
        dsn="https://key@sentry.example.invalid/1", transport=Capture, default_integrations=False
    )
    try:
        settings.SENTRY_ENABLED = True
        with sentry_sdk.isolation_scope():
            response = RequestIdMiddleware(view)(RequestFactory().get("/"))
        settings.SENTRY_ENABLED = False
        with sentry_sdk.isolation_scope():
            RequestIdMiddleware(view)(RequestFactory().get("/"))
        request_finished.send(sender=None)
        sentry_sdk.flush()
    finally:
        sentry_sdk.init(dsn=None)
    on, off = events
    assert on["tags"]["request_id"] == response["X-Request-ID"]
    assert "request_id" not in off.get("tags", {})
