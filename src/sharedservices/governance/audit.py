"""``audit_record``: how every write in the product lands in the audit trail.

Other apps call it through ``base.audit`` (the door every layer may import); this module
is the trail's writer behind that door, plugged in by ``GovernanceConfig.ready``.

Services call it inside their own transaction, so an event exists exactly when the
write it describes was committed. The request id comes from the request being served
(``operations.requestid`` keeps it in a context variable, so services deep in the call
stack need not be passed the request); commands and the demo have none.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils import timezone

from sharedservices.governance.models import AuditEvent
from sharedservices.operations.requestid import current_request_id as operations_request_id


def current_request_id() -> str:
    """The id of the request being served (operations.requestid), or "" outside one."""
    rid = operations_request_id()
    return "" if rid == "-" else rid[:64]


def _who(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None, "system", None
    name = user.get_full_name() or user.email
    return user, name, getattr(user, "council_id", None)


def audit_record(
    *,
    user,
    action: str,
    obj: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    case=None,
    arrangement=None,
    council=None,
) -> AuditEvent:
    """Append one event: ``user`` did ``action`` to ``obj`` (``before`` → ``after``).

    ``case`` and ``arrangement`` place the event on that record's timeline; ``council``
    overrides the council the user acted for (e.g. a successor acting for Carlisle).
    """
    who, name, council_id = _who(user)
    council_id = getattr(council, "pk", council) or council_id
    return AuditEvent.objects.create(
        at=timezone.now(),
        user=who,
        user_name=name[:200],
        council_id=council_id,
        action=action[:80],
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:300],
        case_id=getattr(case, "pk", case),
        arrangement_id=getattr(arrangement, "pk", arrangement),
        before=before,
        after=after,
        request_id=current_request_id(),
    )


def audit_record_bulk(
    *, user, action: str, objects: Iterable[models.Model], timeline: str = "", **where
) -> int:
    """One event per object for a bulk write (an import, the demo): bulk writes are
    audited too, in one INSERT. ``timeline="arrangement"`` (or ``"case"``) puts each
    event on its own object's timeline."""
    who, name, council_id = _who(user)
    now, rid = timezone.now(), current_request_id()
    events = [
        AuditEvent(
            at=now,
            user=who,
            user_name=name[:200],
            council_id=council_id,
            action=action[:80],
            object_type=o._meta.label_lower,
            object_id=str(o.pk),
            object_label=str(o)[:300],
            request_id=rid,
            **({f"{timeline}_id": o.pk} if timeline else {}),
            **where,
        )
        for o in objects
    ]
    AuditEvent.objects.bulk_create(events)
    return len(events)
