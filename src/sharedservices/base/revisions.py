"""Optimistic concurrency for records several people edit: a second saver is told, never
overwritten.

A record carries ``revision``, one more on every save. A writer states the revision
they started from; the save locks the row and refuses with ``EditConflict`` when
someone saved in between. A missing or empty revision is a conflict too, never a
pass: a client that does not say what it read cannot prove it is not stale (issue 12,
item 5).
"""

from __future__ import annotations

from django import forms
from django.db import models


class _Unchecked:
    """A write the service makes itself, with no reader who could be stale (the
    workflow carrying on with the willing councils, the demo)."""

    def __repr__(self) -> str:
        return "UNCHECKED"


UNCHECKED = _Unchecked()


class EditConflict(Exception):
    """Someone saved the record after the writer opened it. ``current`` is their version."""

    def __init__(self, current: models.Model):
        self.current = current
        super().__init__(f"{current} was changed by someone else")


def lock_at_revision(model: type[models.Model], pk, expected: int | None) -> models.Model:
    """The row, locked for the rest of the transaction, if it is still at ``expected``.

    Raises ``EditConflict`` with the saved row when it moved on, or when ``expected``
    is missing. Call inside ``transaction.atomic``."""
    current = model._default_manager.select_for_update().get(pk=pk)
    if expected is None or current.revision != expected:
        raise EditConflict(current)
    return current


class RevisionField(forms.Field):
    """The hidden revision a form started from. Anything but a whole number (missing,
    empty, tampered with) cleans to None, which the save treats as a conflict: the
    writer is shown the saved record, not an error on a field they cannot see."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value) -> int | None:
        text = str(value or "").strip()
        return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def set_form_revision(form: forms.Form, value: int) -> None:
    """After a conflict: the next save starts from the revision now saved."""
    form.data = form.data.copy()
    form.data["revision"] = str(value)
