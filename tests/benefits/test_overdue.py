"""Overdue returns: on the dashboard of the council that owes them, e-mailed once."""

from __future__ import annotations

import datetime

from django.core import mail

from sharedservices.benefits.overdue import overdue_notify
from sharedservices.benefits.rules import ActualInput
from sharedservices.benefits.services import actual_record
from tests.known import LANCASTER, PRESTON


def test_overdue_on_the_dashboard_and_emailed_once(client, world):
    # Both indicators are quarterly from April 2026: on 29 November 2026 the returns for
    # April to June (due 30 July) and July to September (due 30 October) are overdue.
    actual_record(
        user=world["lancaster"],
        indicator=world["days"],
        data=ActualInput(LANCASTER, "2026-Q2", "9"),
    )
    client.force_login(world["preston"])
    page = client.get("/dashboard/").content.decode()
    assert "Returns overdue from your council" in page
    assert "Average days to process new claims, Preston, 2026/27 Q1, April to June 2026" in page
    assert "Lancaster, April" not in page  # another council's return
    today = datetime.date(2026, 11, 29)
    sent = overdue_notify(today=today)
    # Lancaster owes 3 (days Q3, cost Q2, Q3), Preston 4; one officer each.
    assert sent == 7
    preston = [m for m in mail.outbox if m.to == [world["preston"].email]]
    assert len(preston) == 4 and "overdue" in preston[0].body
    assert "/benefits/enter/" in preston[0].body
    assert overdue_notify(today=today) == 0  # once
    assert all(m.to != [world["preston_member"].email] for m in mail.outbox)
    _ = PRESTON
