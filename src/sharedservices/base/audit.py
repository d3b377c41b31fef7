"""The door to the audit trail for every app, whichever layer it sits in.

The trail itself (the append-only ``AuditEvent``, its triggers, the timeline pages) is
governance's. Apps below governance (``accounts``: sign-in, lock-out, roles) must not
import it, and apps beside it need not know where it lives. So every writer calls
``audit_record`` here, and governance plugs its own writer in when Django starts
(``GovernanceConfig.ready``). Writes happen inside the caller's transaction, exactly as
if the caller had called governance directly.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_writers: dict[str, Callable] = {}


def plug_in(*, record: Callable, record_bulk: Callable) -> None:
    """Called once by the app that keeps the trail."""
    _writers["record"], _writers["record_bulk"] = record, record_bulk


def _writer(name: str) -> Callable:
    try:
        return _writers[name]
    except KeyError:
        raise ImproperlyConfigured(
            "No audit trail is plugged in: the governance app must be installed"
        ) from None


def audit_record(**event):
    """One event: ``user`` did ``action`` to ``obj`` (see ``governance.audit``)."""
    return _writer("record")(**event)


def audit_record_bulk(**events) -> int:
    """One event per object of a bulk write (an import, the demo), in one INSERT."""
    return _writer("record_bulk")(**events)
