"""Funding pots, allocations and spend.

No allocation may exceed what is left in its pot, and no spend what is left of its
allocation: the pot (or allocation) row is locked while the sums are read, so two
officers allocating at once cannot both take the last £10,000. A refusal names the
figures and writes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.db.models import Sum

from sharedservices.analysis.money import format_pounds
from sharedservices.councils.models import Council
from sharedservices.programme import permissions
from sharedservices.programme.models import Allocation, FundingPot, Opportunity, Programme, Spend
from sharedservices.programme.services.common import (
    check_amount,
    raise_if,
    record,
    require,
)


def _may_edit(user, programme: Programme) -> None:
    require(
        user is None or permissions.can_edit_programme(user, programme),
        "Only officers of a member council may change this programme's funding",
    )


def _existing(model, token):
    return model.objects.filter(submission_token=token).first() if token else None


@transaction.atomic
def pot_add(
    *,
    user,
    programme: Programme,
    source: str,
    amount_gbp: int,
    conditions: str = "",
    awarded_on: date | None = None,
    submission_token: uuid.UUID | None = None,
) -> FundingPot:
    if found := _existing(FundingPot, submission_token):
        return found
    _may_edit(user, programme)
    errors: dict[str, list[str]] = {}
    if not source.strip():
        errors["source"] = ["Say where the money comes from"]
    elif len(source) > 200:
        errors["source"] = ["Source must be 200 characters or fewer"]
    check_amount(errors, "amount_gbp", amount_gbp)
    raise_if(errors)
    pot = FundingPot.objects.create(
        programme=programme,
        source=source.strip(),
        amount_gbp=amount_gbp,
        conditions=conditions.strip(),
        awarded_on=awarded_on,
        submission_token=submission_token,
    )
    record(
        programme,
        user,
        f"Added a funding pot: {format_pounds(amount_gbp)} from {pot.source}",
        action="programme.pot.added",
    )
    return pot


def pot_allocated(pot: FundingPot) -> int:
    return pot.allocations.aggregate(total=Sum("amount_gbp"))["total"] or 0


def allocation_spent(allocation: Allocation) -> int:
    return allocation.spend.aggregate(total=Sum("amount_gbp"))["total"] or 0


@transaction.atomic
def allocation_create(
    *,
    user,
    pot: FundingPot,
    amount_gbp: int,
    purpose: str,
    opportunity: Opportunity | None = None,
    councils: Sequence[Council] = (),
    made_on: date | None = None,
    submission_token: uuid.UUID | None = None,
) -> Allocation:
    """Allocate money from a pot to an opportunity of the programme or to member councils."""
    if found := _existing(Allocation, submission_token):
        return found
    pot = FundingPot.objects.select_for_update().select_related("programme").get(pk=pot.pk)
    programme = pot.programme
    _may_edit(user, programme)
    errors: dict[str, list[str]] = {}
    if not purpose.strip():
        errors["purpose"] = ["Say what the money is for"]
    elif len(purpose) > 300:
        errors["purpose"] = ["Purpose must be 300 characters or fewer"]
    check_amount(errors, "amount_gbp", amount_gbp)
    if opportunity is None and not councils:
        errors["councils"] = ["Allocate to an opportunity, to member councils, or both"]
    if opportunity is not None and opportunity.programme_id != programme.pk:
        errors["opportunity"] = ["The opportunity is not in this programme"]
    members = set(programme.members.values_list("pk", flat=True))
    outsiders = sorted(c.name for c in councils if c.pk not in members)
    if outsiders:
        errors["councils"] = [f"Not a member of the programme: {', '.join(outsiders)}"]
    if "amount_gbp" not in errors:
        allocated = pot_allocated(pot)
        left = pot.amount_gbp - allocated
        if amount_gbp > left:
            errors["amount_gbp"] = [
                f"{format_pounds(amount_gbp)} is more than is left in the pot: "
                f"{format_pounds(pot.amount_gbp)} from {pot.source}, "
                f"{format_pounds(allocated)} already allocated, {format_pounds(left)} left"
            ]
    raise_if(errors)
    allocation = Allocation.objects.create(
        pot=pot,
        amount_gbp=amount_gbp,
        purpose=purpose.strip(),
        opportunity=opportunity,
        made_on=made_on,
        submission_token=submission_token,
    )
    allocation.councils.set(councils)
    to = ", ".join([*(c.name for c in councils), *([opportunity.title] if opportunity else [])])
    record(
        programme,
        user,
        f"Allocated {format_pounds(amount_gbp)} from {pot.source} to {to}",
        action="programme.allocation.made",
    )
    return allocation


@transaction.atomic
def spend_record(
    *,
    user,
    allocation: Allocation,
    amount_gbp: int,
    description: str,
    spent_on: date | None = None,
    submission_token: uuid.UUID | None = None,
) -> Spend:
    if found := _existing(Spend, submission_token):
        return found
    allocation = (
        Allocation.objects.select_for_update()
        .select_related("pot__programme")
        .get(pk=allocation.pk)
    )
    programme = allocation.pot.programme
    _may_edit(user, programme)
    errors: dict[str, list[str]] = {}
    if not description.strip():
        errors["description"] = ["Say what the money was spent on"]
    elif len(description) > 300:
        errors["description"] = ["Description must be 300 characters or fewer"]
    check_amount(errors, "amount_gbp", amount_gbp)
    if "amount_gbp" not in errors:
        spent = allocation_spent(allocation)
        left = allocation.amount_gbp - spent
        if amount_gbp > left:
            errors["amount_gbp"] = [
                f"{format_pounds(amount_gbp)} is more than is left of the allocation: "
                f"{format_pounds(allocation.amount_gbp)} allocated, "
                f"{format_pounds(spent)} already spent, {format_pounds(left)} left"
            ]
    raise_if(errors)
    spend = Spend.objects.create(
        allocation=allocation,
        amount_gbp=amount_gbp,
        description=description.strip(),
        spent_on=spent_on,
        submission_token=submission_token,
    )
    record(
        programme,
        user,
        f"Recorded {format_pounds(amount_gbp)} spent from '{allocation.purpose}': "
        f"{spend.description}",
        action="programme.spend.recorded",
    )
    return spend
