"""Funding pots, allocations and spend: the arithmetic and the refusals."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sharedservices.accounts.roles import Role
from sharedservices.councils.models import Council
from sharedservices.programme.models import Allocation, ProgrammeEvent, Spend
from sharedservices.programme.selectors import funding
from sharedservices.programme.services.funding import allocation_create, pot_add, spend_record
from tests.known import LANCASTER, PRESTON, WYRE_FOREST


@pytest.fixture
def cluster(make_programme):
    return make_programme()


@pytest.fixture
def pot(cluster, officer):
    return pot_add(user=officer, programme=cluster, source="Team Lancashire", amount_gbp=100_000)


def lancaster_and_preston():
    return list(Council.objects.filter(pk__in=[LANCASTER, PRESTON]))


def test_allocations_and_spend_add_up(cluster, pot, officer):
    a = allocation_create(
        user=officer,
        pot=pot,
        amount_gbp=50_000,
        purpose="Research a shared revenues and benefits service",
        councils=lancaster_and_preston(),
    )
    spend_record(user=officer, allocation=a, amount_gbp=12_500, description="Project manager")
    spend_record(user=officer, allocation=a, amount_gbp=2_500, description="Workshops")
    [view] = funding(cluster)
    assert (view.pot.amount_gbp, view.allocated, view.spent, view.left) == (
        100_000,
        50_000,
        15_000,
        50_000,
    )
    assert (view.allocations[0].spent, view.allocations[0].left) == (15_000, 35_000)


def test_over_allocation_is_refused_with_the_figures_and_nothing_written(pot, officer):
    allocation_create(
        user=officer,
        pot=pot,
        amount_gbp=50_000,
        purpose="Research",
        councils=lancaster_and_preston(),
    )
    events = ProgrammeEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        allocation_create(
            user=officer,
            pot=pot,
            amount_gbp=60_000,
            purpose="Too much",
            councils=lancaster_and_preston(),
        )
    assert error.value.message_dict["amount_gbp"] == [
        "£60,000 is more than is left in the pot: £100,000 from Team Lancashire,"
        " £50,000 already allocated, £50,000 left"
    ]
    assert Allocation.objects.filter(pot=pot).count() == 1
    assert ProgrammeEvent.objects.count() == events


def test_the_whole_remainder_may_be_allocated(pot, officer):
    allocation_create(
        user=officer, pot=pot, amount_gbp=100_000, purpose="All", councils=lancaster_and_preston()
    )
    with pytest.raises(ValidationError):
        allocation_create(
            user=officer,
            pot=pot,
            amount_gbp=1,
            purpose="One more",
            councils=lancaster_and_preston(),
        )


def test_overspend_is_refused_with_the_figures(pot, officer):
    a = allocation_create(
        user=officer,
        pot=pot,
        amount_gbp=50_000,
        purpose="Research",
        councils=lancaster_and_preston(),
    )
    spend_record(user=officer, allocation=a, amount_gbp=45_000, description="Project manager")
    with pytest.raises(ValidationError) as error:
        spend_record(user=officer, allocation=a, amount_gbp=5_001, description="Too much")
    assert "£50,000 allocated, £45,000 already spent, £5,000 left" in str(error.value)
    assert Spend.objects.filter(allocation=a).count() == 1


@pytest.mark.parametrize("amount", [0, -5, 10**15, None, 2.5, True])
def test_absurd_amounts_are_named_errors(cluster, officer, amount):
    with pytest.raises(ValidationError) as error:
        pot_add(user=officer, programme=cluster, source="Team Lancashire", amount_gbp=amount)
    assert "amount_gbp" in error.value.message_dict


def test_allocation_only_to_member_councils(pot, officer):
    with pytest.raises(ValidationError) as error:
        allocation_create(
            user=officer,
            pot=pot,
            amount_gbp=10,
            purpose="Elsewhere",
            councils=[Council.objects.get(pk=WYRE_FOREST)],
        )
    assert "Not a member of the programme: Wyre Forest" in str(error.value)


def test_a_double_submission_stores_one_allocation(pot, officer):
    import uuid

    token = uuid.uuid4()
    for _ in range(2):
        allocation_create(
            user=officer,
            pot=pot,
            amount_gbp=10_000,
            purpose="Once",
            councils=lancaster_and_preston(),
            submission_token=token,
        )
    assert Allocation.objects.filter(pot=pot).count() == 1


def test_other_councils_and_members_cannot_allocate(pot, make_user):
    for user in (make_user(WYRE_FOREST, Role.OFFICER), make_user(LANCASTER, Role.LEAD_MEMBER)):
        with pytest.raises(PermissionDenied):
            allocation_create(
                user=user, pot=pot, amount_gbp=1, purpose="x", councils=lancaster_and_preston()
            )


def test_every_funding_change_is_in_the_history(cluster, pot, officer):
    allocation_create(
        user=officer,
        pot=pot,
        amount_gbp=50_000,
        purpose="Research",
        councils=lancaster_and_preston(),
    )
    summaries = list(cluster.events.values_list("summary", flat=True))
    assert summaries[0] == "Allocated £50,000 from Team Lancashire to Lancaster, Preston"
    assert "Added a funding pot: £100,000 from Team Lancashire" in summaries


def test_every_funding_change_is_in_the_audit_trail_once(cluster, pot, officer):
    from sharedservices.governance.audit_words import headline
    from sharedservices.governance.models import AuditEvent

    allocation = allocation_create(
        user=officer,
        pot=pot,
        amount_gbp=50_000,
        purpose="Research",
        councils=lancaster_and_preston(),
    )
    spend_record(user=officer, allocation=allocation, amount_gbp=1_000, description="Workshop")
    events = AuditEvent.objects.filter(
        object_type="programme.programme", object_id=str(cluster.pk)
    ).order_by("pk")
    assert [e.action for e in events if e.user_id == officer.pk] == [
        "programme.pot.added",
        "programme.allocation.made",
        "programme.spend.recorded",
    ]
    last = events.last()
    assert last.council_id == officer.council_id
    assert last.after == {"summary": "Recorded £1,000 spent from 'Research': Workshop"}
    assert headline(last.action) == "Spend recorded against an allocation"
