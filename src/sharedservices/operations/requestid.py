"""A request id on every request, every log line and every response.

``request.request_id`` is the id of the request being handled: the caller's
``X-Request-ID`` when it is a plausible id (a proxy's, so one id follows the
request through every hop), otherwise a fresh one. It is echoed in the response's
``X-Request-ID`` header, put on every log record as ``request_id`` (``-`` outside
a request) and, when Sentry is on, tagged on every error it reports. The audit
trail stores it, so a record can be matched with its log lines.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

from django.conf import settings
from django.core.signals import request_finished
from django.dispatch import receiver

HEADER = "X-Request-ID"
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    """The id of the request this code runs for, or ``-``."""
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get(HEADER, "")
        request_id = offered if _ACCEPTABLE.match(offered) else uuid.uuid4().hex
        request.request_id = request_id
        # Left set until the response is closed (request_finished), because Django
        # logs 4xx and 5xx answers after the middleware has returned.
        _current.set(request_id)
        _tag_sentry(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


@receiver(request_finished)
def _forget_request_id(**kwargs) -> None:
    _current.set("-")


def _tag_sentry(request_id: str) -> None:
    # Only when Sentry is on (its settings started the SDK): otherwise the tag would go
    # nowhere, and importing the SDK cost a fresh process 0.8 s on its first request.
    if not getattr(settings, "SENTRY_ENABLED", False):
        return
    import sentry_sdk

    sentry_sdk.get_isolation_scope().set_tag("request_id", request_id)


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` so formats can say ``%(request_id)s``."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get()
        return True
