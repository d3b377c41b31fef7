"""Entering actuals: the rules, corrections with history, who may enter and see them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sharedservices.benefits.models import Actual, ActualRevision
from sharedservices.benefits.rules import ActualInput
from sharedservices.benefits.services import actual_record, baseline_set
from sharedservices.governance.models import AuditEvent
from tests.known import LANCASTER, PRESTON, WYRE


def test_enter_then_correct_keeps_the_history(world):
    days = world["days"]
    actual, what = actual_record(
        user=world["preston"], indicator=days, data=ActualInput(PRESTON, "2026-Q3", "12")
    )
    assert what == "created" and actual.period_ends_on.isoformat() == "2026-09-30"
    again, what = actual_record(
        user=world["preston"], indicator=days, data=ActualInput(PRESTON, "2026-Q3", "12")
    )
    assert what == "unchanged" and Actual.objects.count() == 1  # a double click
    _, what = actual_record(
        user=world["preston"],
        indicator=days,
        data=ActualInput(PRESTON, "2026-q3", "11.5", "Recounted", "https://example.org/q3"),
    )
    assert what == "corrected"
    actual.refresh_from_db()
    assert str(actual.value.normalize()) == "11.5" and actual.revision == 2
    old = ActualRevision.objects.get()
    assert str(old.value.normalize()) == "12" and old.revision == 1
    events = AuditEvent.objects.filter(action__startswith="benefits.actual").order_by("pk")
    assert [e.action for e in events] == ["benefits.actual.entered", "benefits.actual.corrected"]
    assert events[1].before["value"] == "12" and events[1].after["value"] == "11.5"


@pytest.mark.parametrize(
    "data, field",
    [
        (ActualInput(PRESTON, "2026-03", "12"), "period"),  # monthly period, quarterly KPI
        (ActualInput(PRESTON, "2099-Q1", "12"), "period"),  # not started
        (ActualInput(PRESTON, "2026-Q3", "twelve"), "value"),
        (ActualInput(PRESTON, "2026-Q3", "1e400"), "value"),
        (ActualInput(PRESTON, "2026-Q3", "-1"), "value"),
        (ActualInput(PRESTON, "2026-Q3", None), "value"),
        (ActualInput(PRESTON, "2026-Q3", "NaN"), "value"),
        (ActualInput(PRESTON, "2026-Q3", "1", "", "javascript:alert(1)"), "evidence_url"),
        (ActualInput(PRESTON, "2026-Q3", "1", "x" * 2001), "note"),
    ],
)
def test_bad_figures_are_named(world, data, field):
    with pytest.raises(ValidationError) as e:
        actual_record(user=world["preston"], indicator=world["days"], data=data)
    assert field in e.value.message_dict
    assert not Actual.objects.exists()


def test_who_may_enter(world):
    days = world["days"]
    # Preston's officer enters Preston's figures, not Lancaster's; Lancaster leads and
    # may enter both; a member enters none; another council none.
    with pytest.raises(PermissionDenied):
        actual_record(
            user=world["preston"], indicator=days, data=ActualInput(LANCASTER, "2026-Q3", "9")
        )
    actual_record(
        user=world["lancaster"], indicator=days, data=ActualInput(PRESTON, "2026-Q2", "9")
    )
    for user in (world["preston_member"], world["wyre"]):
        with pytest.raises(PermissionDenied):
            actual_record(user=user, indicator=days, data=ActualInput(PRESTON, "2026-Q3", "9"))
    with pytest.raises(PermissionDenied):
        actual_record(user=world["wyre"], indicator=days, data=ActualInput(WYRE, "2026-Q3", "9"))


def test_baselines_come_from_the_case(world, make_user):
    from sharedservices.benefits.services import IndicatorInput, indicator_create
    from sharedservices.cases.models import BusinessCase
    from sharedservices.cases.models.evidence import Baseline

    case = BusinessCase.objects.create(
        title="Shared revenues", lead_council_id=LANCASTER, arrangement=world["arrangement"]
    )
    Baseline.objects.create(
        case=case,
        council_id=PRESTON,
        kind="quality",
        measure="Council tax collection rate",
        value="96.4",
        unit="%",
        as_at="2025-03-31",
        source="2024/25 outturn",
    )
    ind = indicator_create(
        user=world["lancaster"],
        arrangement=world["arrangement"],
        data=IndicatorInput(
            name="Collection",
            kind="quality",
            unit="percent",
            direction="higher",
            target="97",
            tolerance="1",
            owner="Head of Revenues",
            councils=[LANCASTER, PRESTON],
            matches=("collection", "rate"),
        ),
    )
    (b,) = ind.baselines.all()
    assert b.council_id == PRESTON and str(b.value.normalize()) == "96.4"
    assert "2024/25 outturn" in b.source
    baseline_set(
        user=world["lancaster"], indicator=ind, council=LANCASTER, value="97.2", as_at="2025-03-31"
    )
    assert ind.baselines.count() == 2
    with pytest.raises(PermissionDenied):
        baseline_set(
            user=world["wyre"], indicator=ind, council=LANCASTER, value="1", as_at="2025-03-31"
        )
