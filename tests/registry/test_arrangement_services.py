"""arrangement_create / arrangement_update: the rules, and the history they keep."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sharedservices.accounts.roles import Role
from sharedservices.councils.models import Council
from sharedservices.registry.models import ArrangementChange, Organisation, PartnerRole
from sharedservices.registry.services import (
    ArrangementInput,
    arrangement_create,
    arrangement_input_from,
    arrangement_update,
)
from tests.known import LANCASTER, PRESTON, SOUTH_LAKELAND, WYRE_FOREST

pytestmark = pytest.mark.django_db


def data(**overrides):
    values = dict(
        name="Joint licensing manager",
        status="live",
        delivery_model="joint-post",
        councils=[Council.objects.get(pk=LANCASTER), Council.objects.get(pk=SOUTH_LAKELAND)],
        lead_council=Council.objects.get(pk=LANCASTER),
        start_year=2008,
    )
    values.update(overrides)
    return ArrangementInput(**values)


def test_an_officer_records_an_arrangement_of_their_council(make_user):
    user = make_user(LANCASTER)
    a = arrangement_create(user=user, data=data(organisations=["Cumbria Police"]))
    roles = {(p.council_id or p.organisation.name): p.role for p in a.partners.all()}
    assert roles == {
        LANCASTER: PartnerRole.LEAD,
        SOUTH_LAKELAND: PartnerRole.PARTNER,
        "Cumbria Police": PartnerRole.PARTNER,
    }
    change = a.changes.get()
    assert change.user == user and change.action == "created"
    assert change.changes["name"] == ["", "Joint licensing manager"]


def test_a_council_cannot_record_an_arrangement_it_is_not_part_of(make_user):
    with pytest.raises(ValidationError) as e:
        arrangement_create(user=make_user(WYRE_FOREST), data=data())
    assert "councils" in e.value.message_dict


@pytest.mark.parametrize(
    "overrides, column",
    [
        ({"name": " "}, "name"),
        ({"status": "abandoned"}, "status"),
        ({"status": "ended", "status_reason": ""}, "status_reason"),
        ({"status": "not-pursued", "status_reason": ""}, "status_reason"),
        ({"delivery_model": "outsourced"}, "delivery_model"),
        ({"delivery_model": ""}, "delivery_model"),
        ({"end_year": 2001}, "end_year"),
        ({"annual_savings_gbp": -1}, "annual_savings_gbp"),
        ({"councils": [], "lead_council": None}, "councils"),
    ],
)
def test_bad_records_are_refused_with_the_field_named(make_user, overrides, column):
    with pytest.raises(ValidationError) as e:
        arrangement_create(user=make_user(LANCASTER), data=data(**overrides))
    assert column in e.value.message_dict


def test_the_lead_must_be_a_partner(make_user):
    with pytest.raises(ValidationError) as e:
        arrangement_create(
            user=make_user(LANCASTER), data=data(lead_council=Council.objects.get(pk=PRESTON))
        )
    assert "lead_council" in e.value.message_dict


def test_the_model_may_be_open_while_exploring_or_not_pursued(make_user):
    user = make_user(LANCASTER)
    exploring = arrangement_create(user=user, data=data(status="exploring", delivery_model=""))
    dropped = arrangement_create(
        user=user,
        data=data(status="not-pursued", delivery_model="", status_reason="No saving", name="HR"),
    )
    for arrangement, status in ((exploring, "exploring"), (dropped, "not-pursued")):
        arrangement.refresh_from_db()
        assert (arrangement.status, arrangement.delivery_model) == (status, "")
    assert dropped.status_reason == "No saving"
    # A live arrangement still needs its delivery model.
    with pytest.raises(ValidationError) as e:
        arrangement_create(user=user, data=data(status="live", delivery_model="", name="Audit"))
    assert "delivery_model" in e.value.message_dict


def test_every_change_is_kept_with_who_when_and_what(make_user):
    user = make_user(LANCASTER)
    a = arrangement_create(user=user, data=data())
    other = make_user(SOUTH_LAKELAND, email="licensing@southlakeland.example.org")
    changed = arrangement_input_from(a)
    changed.status, changed.status_reason, changed.end_year = "ended", "Post deleted", 2012
    arrangement_update(user=other, arrangement=a, data=changed, expected_revision=a.revision)
    latest = a.changes.first()
    assert latest.user == other and latest.action == "updated"
    assert latest.changes == {
        "status": ["Live", "Ended"],
        "status_reason": ["", "Post deleted"],
        "end_year": ["", "2012"],
    }
    assert ArrangementChange.objects.filter(arrangement=a).count() == 2


def test_an_update_that_changes_nothing_adds_no_history(make_user):
    user = make_user(LANCASTER)
    a = arrangement_create(user=user, data=data())
    arrangement_update(
        user=user, arrangement=a, data=arrangement_input_from(a), expected_revision=a.revision
    )
    assert a.changes.count() == 1


def test_only_a_partner_council_may_update(make_user):
    a = arrangement_create(user=make_user(LANCASTER), data=data())
    with pytest.raises(PermissionDenied):
        arrangement_update(
            user=make_user(WYRE_FOREST), arrangement=a, data=data(name="Mine now"),
            expected_revision=a.revision,
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        arrangement_update(
            user=make_user(LANCASTER, Role.SCRUTINY_MEMBER), arrangement=a, data=data(name="x"),
            expected_revision=a.revision,
        )  # fmt: skip


def test_organisations_are_matched_by_name_whatever_the_case(make_user):
    user = make_user(LANCASTER)
    arrangement_create(user=user, data=data(organisations=["West Mercia Police"]))
    arrangement_create(user=user, data=data(name="CCTV", organisations=["west mercia police"]))
    assert Organisation.objects.filter(name__iexact="west mercia police").count() == 1
