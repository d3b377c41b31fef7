"""``Idempotency-Key`` on the API's create endpoints: a client that retries a POST (a
timeout, a double click in its own front end) with the same key gets the first answer
again, and one record exists. The same rule as the pages' one-time form tokens
(``base/once.py``); keys are per user and kept for a day.

Without the header a POST creates as before. A key reused with a different body is
refused (422 at ``header.Idempotency-Key``), as is a malformed one.
"""

from __future__ import annotations

import functools
import hashlib

from django.http import JsonResponse
from ninja import Schema

from sharedservices.analysis.errors import InputError, Problem
from sharedservices.base.once import KeyReused, key_problem, once

HEADER = "Idempotency-Key"
PATH = f"header.{HEADER}"


def idempotent(schema: type[Schema]):
    """For a view answering ``Status(code, obj)``: ``obj`` is serialised with ``schema``
    and stored with the code, so a repeat answers exactly what the first one did."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            key = request.headers.get(HEADER)
            if key is None:
                return view(request, *args, **kwargs)
            if problem := key_problem(key):
                raise InputError([Problem(PATH, problem)])

            def run() -> dict:
                answer = view(request, *args, **kwargs)
                body = schema.from_orm(answer.value).model_dump(mode="json")
                return {"status": answer.status_code, "body": body}

            fingerprint = hashlib.sha256(
                request.method.encode() + request.path.encode() + b"\n" + request.body
            ).hexdigest()
            try:
                outcome = once(
                    user=request.user,
                    key=f"api:{request.user.pk}:{key}",
                    run=run,
                    fingerprint=fingerprint,
                )
            except KeyReused:
                raise InputError(
                    [Problem(PATH, "This key was already used for a different request")]
                ) from None
            # Already serialised: answered as is, the first time and every repeat alike.
            return JsonResponse(outcome.result["body"], status=outcome.result["status"])

        return wrapper

    return decorate
