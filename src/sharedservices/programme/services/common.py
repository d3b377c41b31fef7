"""What every programme service shares: money limits, the actor's name, history."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from sharedservices.analysis.money import format_pounds
from sharedservices.base.audit import audit_record
from sharedservices.base.revisions import UNCHECKED, EditConflict
from sharedservices.programme.models import Programme, ProgrammeEvent

# A pot larger than this is a typing error, not a programme (the whole of English
# local government spends about £120 billion a year).
MAX_AMOUNT_GBP = 10_000_000_000


def check_revision(current, expected) -> None:
    """The one revision rule (``base.revisions``): a stale or missing revision is a
    conflict; only the service's own writes (the demo, the command line) pass
    ``UNCHECKED``. ``current`` is the row, already locked."""
    if expected is not UNCHECKED and (expected is None or current.revision != expected):
        raise EditConflict(current)


def actor_name(user) -> str:
    if user is None:
        return "system"
    return user.get_full_name() or user.email


def require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def check_amount(errors: dict, field: str, amount, label: str = "The amount") -> None:
    if amount is None:
        errors.setdefault(field, []).append(f"Enter {label.lower()} in whole pounds")
    elif not isinstance(amount, int) or isinstance(amount, bool):
        errors.setdefault(field, []).append(f"{label} must be a whole number of pounds")
    elif amount <= 0:
        errors.setdefault(field, []).append(f"{label} must be more than £0")
    elif amount > MAX_AMOUNT_GBP:
        errors.setdefault(field, []).append(
            f"{label} must be at most {format_pounds(MAX_AMOUNT_GBP)}"
        )


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def record(programme: Programme, user, summary: str, *, action: str = "") -> ProgrammeEvent:
    """Append to the programme's history, and (given an ``action`` code) to the audit
    trail, in the caller's transaction. The history is the programme page's own story;
    the audit trail is the one append-only record every council-owned change goes to.
    Opportunity changes are audited on the opportunity itself (``opportunities._event``),
    so they come here without an ``action``: one change, one audit event."""
    event = ProgrammeEvent.objects.create(
        programme=programme,
        user=user if user is not None and user.pk else None,
        user_name=actor_name(user),
        summary=summary[:500],
    )
    if action:
        audit_record(
            user=user,
            action=action,
            obj=programme,
            after={"summary": event.summary},
        )
    return event
