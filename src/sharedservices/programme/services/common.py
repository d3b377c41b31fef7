"""What every programme service shares: money limits, the actor's name, history."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from sharedservices.analysis.money import format_pounds
from sharedservices.programme.models import Programme, ProgrammeEvent

# A pot larger than this is a typing error, not a programme (the whole of English
# local government spends about £120 billion a year).
MAX_AMOUNT_GBP = 10_000_000_000


class EditConflict(Exception):
    """Someone else saved the record since the form was loaded."""

    def __init__(self, current):
        self.current = current
        super().__init__("The record changed while you were editing it")


def money(amount: int) -> str:
    return format_pounds(amount)


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
        errors.setdefault(field, []).append(f"{label} must be at most {money(MAX_AMOUNT_GBP)}")


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def record(programme: Programme, user, summary: str) -> ProgrammeEvent:
    """Append to the programme's history. Governance's audit trail is not in main yet;
    when it is, this is the one place to call it from."""
    return ProgrammeEvent.objects.create(
        programme=programme,
        user=user if user is not None and user.pk else None,
        user_name=actor_name(user),
        summary=summary[:500],
    )
