"""Vesting day: ``manage.py apply_reorganisations`` moves live arrangements, indicators and
open cases to the successors, audited and idempotent; history keeps the old names; lead
officers see the reorganisation as a task beforehand (issue 29)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from sharedservices.accounts.roles import Role
from sharedservices.councils.models import Council
from sharedservices.governance.models import AuditEvent
from sharedservices.governance.waiting import waiting_for
from sharedservices.vesting.services import apply_reorganisations

pytestmark = pytest.mark.django_db

WOKING, GUILDFORD, ELMBRIDGE, HART = "E07000217", "E07000209", "E07000207", "E07000089"


def test_lead_officers_of_affected_live_arrangements_see_a_task(make_user, make_arrangement):
    a = make_arrangement("live", WOKING, ELMBRIDGE, name="Shared building control")
    lead = make_user(WOKING, Role.LEAD_OFFICER)
    officer = make_user(WOKING, Role.OFFICER)
    [group] = [g for g in waiting_for(lead) if g.heading == "Reorganisation ahead"]
    [(text, url)] = group.items
    assert "Shared building control" in text and "1 April 2027" in text
    assert url == a.get_absolute_url()
    assert not [g for g in waiting_for(officer) if g.heading == "Reorganisation ahead"]
    hart_lead = make_user(HART, Role.LEAD_OFFICER)
    assert not [g for g in waiting_for(hart_lead) if g.heading == "Reorganisation ahead"]


def test_vesting_day_moves_live_records_to_the_successors_once(make_arrangement, capsys):
    within = make_arrangement("live", WOKING, GUILDFORD, name="Shared ICT")
    between = make_arrangement("live", WOKING, ELMBRIDGE, name="Shared building control")
    ended = make_arrangement("ended", WOKING, ELMBRIDGE, name="Old payroll", end_year=2020)
    west = Council.objects.get(name="West Surrey")
    east = Council.objects.get(name="East Surrey")

    before_day = apply_reorganisations(today=dt.date(2027, 3, 31))
    assert before_day.arrangements == 0
    report = apply_reorganisations(today=dt.date(2027, 4, 1))
    assert report.arrangements == 2

    assert [p.council for p in within.partners.all()] == [west]
    assert {p.council for p in between.partners.all()} == {west, east}
    assert {p.council_id for p in ended.partners.all()} == {WOKING, ELMBRIDGE}
    change = within.changes.filter(action="reorganised").get()
    assert change.changes["partners"] == ["Guildford, Woking", "West Surrey"]
    assert AuditEvent.objects.filter(action="arrangement.reorganised").count() == 2

    again = apply_reorganisations(today=dt.date(2027, 4, 2))
    assert again.arrangements == 0 and again.cases == 0 and again.indicators == 0
    assert AuditEvent.objects.filter(action="arrangement.reorganised").count() == 2
    call_command("apply_reorganisations")
    assert "Reorganisations in force" in capsys.readouterr().out
