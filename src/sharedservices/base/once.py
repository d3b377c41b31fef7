"""A double click, a resent form or a client's retry creates one record, not two.

Every create form carries a one-time token (``arm_form``: a hidden field with a fresh
random value each time the form is drawn); an API client may send an
``Idempotency-Key`` header. Either way the write runs through ``once``: the key is
claimed in the same transaction as the write, under a unique index, so a second
submission with the same key waits for the first to commit and then gets the first
one's result instead of writing again. If the write fails, the claim rolls back with
it and the same form may be sent again.

Claims are kept for a day (``KEEP``), long enough for any retry.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from sharedservices.base.models import OneTimeSubmission

TOKEN_FIELD = "submission"  # noqa: S105 (a field name, not a secret)
KEEP = datetime.timedelta(days=1)
MAX_KEY_LENGTH = 200
TOKEN_LENGTH = 64


class KeyReused(Exception):
    """The key was first used for a different request."""


@dataclass(frozen=True)
class Outcome:
    result: object
    repeated: bool


def new_token() -> str:
    return secrets.token_urlsafe(24)


def key_problem(key: str) -> str | None:
    """Why a client's key cannot be used, or None."""
    if not key or len(key) > MAX_KEY_LENGTH:
        return f"Give a key of 1 to {MAX_KEY_LENGTH} characters"
    if not key.isascii() or not key.isprintable():
        return "The key must be printable ASCII characters"
    return None


def once(*, user, key: str, run: Callable[[], object], fingerprint: str = "") -> Outcome:
    """Run ``run`` (the write; it returns something JSON can hold) once per ``key``.

    A repeat runs nothing and returns the first run's result with ``repeated`` set;
    a repeat whose ``fingerprint`` differs raises ``KeyReused``."""
    with transaction.atomic():
        OneTimeSubmission.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
        try:
            with transaction.atomic():
                claim = OneTimeSubmission.objects.create(
                    key=key,
                    user=user if getattr(user, "is_authenticated", False) else None,
                    fingerprint=fingerprint,
                )
        except IntegrityError:
            first = OneTimeSubmission.objects.get(key=key)
            if first.fingerprint != fingerprint:
                raise KeyReused(key) from None
            return Outcome(first.result, repeated=True)
        claim.result = run()
        claim.save(update_fields=["result"])
        return Outcome(claim.result, repeated=False)


def arm_form(form: forms.Form) -> None:
    """Give a create form its one-time token (drawn as a hidden field by the template)."""
    form.fields[TOKEN_FIELD] = forms.CharField(
        widget=forms.HiddenInput, required=False, initial=new_token
    )


def submit_once(form: forms.Form, *, user, run: Callable[[], str]) -> Outcome:
    """Run ``run`` (it writes and returns the address to go to next) once per token of a
    valid, armed ``form``.

    A form sent without a usable token is not refused: the token guards against
    accidents (a double click, a resent page), which always carry the token the page
    was drawn with; a client leaving it out can as easily send a new one each time."""
    token = form.cleaned_data.get(TOKEN_FIELD) or ""
    if not token or len(token) > TOKEN_LENGTH or key_problem(token):
        with transaction.atomic():
            return Outcome(run(), repeated=False)
    return once(user=user, key=f"form:{token}", run=run)
