"""Two executives deciding at the same moment on PostgreSQL: both decisions land and the
case moves on exactly once (the case row is locked with ``select_for_update``).

Needs PostgreSQL (SQLite serialises whole-database writes, so there is no race to
test); CI runs it. The test commits for real; serialized_rollback gives the next
test its councils back.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from sharedservices.accounts.roles import Role
from sharedservices.governance import services
from sharedservices.governance.models import AuditEvent, CaseGovernance, Decision
from tests.governance.conftest import (
    DECIDED,
    LANCASTER,
    MID_LANCS,
    PRESTON,
    SOUTH_RIBBLE,
    scrutinise_all,
)

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (CI runs it)"
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_executives_at_once_move_the_case_on_exactly_once(api, people, councils):
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    scrutinise_all(api, people)
    services.case_record_decision(
        case=api.case,
        user=people[LANCASTER][Role.EXECUTIVE_MEMBER],
        council=councils[LANCASTER],
        decision="approve",
        decided_on=DECIDED,
        published_on=DECIDED,
        minute_reference="L/1",
        key_decision=True,
    )
    start = threading.Barrier(2)
    errors = []

    def decide(code):
        try:
            start.wait(timeout=10)
            services.case_record_decision(
                case=api.case,
                user=people[code][Role.EXECUTIVE_MEMBER],
                council=councils[code],
                decision="approve",
                decided_on=DECIDED,
                published_on=DECIDED,
                minute_reference=f"{code}/1",
                key_decision=True,
            )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(c,)) for c in (PRESTON, SOUTH_RIBBLE)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert Decision.objects.filter(case=api.case).count() == len(MID_LANCS)
    assert CaseGovernance.objects.get(case=api.case).state == "call-in"
    moves = AuditEvent.objects.filter(case=api.case, action="case.state")
    assert [e.after["state"] for e in moves].count("call-in") == 1
