"""Stage moves: forward freely, back and out of the pipeline only with a reason."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sharedservices.accounts.roles import Role
from sharedservices.programme.models import EventKind, OpportunityStage
from sharedservices.programme.services.opportunities import opportunity_move
from tests.known import CUMBERLAND, LANCASTER, WYRE_FOREST


def test_forward_then_back_with_a_reason(make_opportunity, make_user):
    user = make_user(CUMBERLAND, Role.OFFICER)
    o = make_opportunity(CUMBERLAND, title="Licensing", service_area="licensing")
    opportunity_move(user=user, opportunity=o, to_stage=OpportunityStage.OBC)
    with pytest.raises(ValidationError) as error:
        opportunity_move(user=user, opportunity=o, to_stage=OpportunityStage.SOC)
    assert "why it goes back a stage" in str(error.value)
    reason = "Requires further work on the outline business case"
    opportunity_move(user=user, opportunity=o, to_stage=OpportunityStage.SOC, reason=reason)
    o.refresh_from_db()
    assert (o.stage, o.stage_reason) == (OpportunityStage.SOC, reason)
    kinds = [(e.kind, e.from_stage, e.to_stage, e.reason) for e in o.events.all()]
    assert kinds[:2] == [
        (EventKind.BACK, "obc", "soc", reason),
        (EventKind.FORWARD, "idea", "obc", ""),
    ]


def test_not_pursued_needs_its_reason_and_can_be_taken_up_again(make_opportunity, make_user):
    user = make_user(WYRE_FOREST, Role.OFFICER)
    o = make_opportunity(WYRE_FOREST, title="Payroll")
    with pytest.raises(ValidationError):
        opportunity_move(user=user, opportunity=o, to_stage=OpportunityStage.NOT_PURSUED)
    why = "Not convinced that the financial benefits would make sharing worthwhile"
    opportunity_move(user=user, opportunity=o, to_stage="not-pursued", reason=why)
    o.refresh_from_db()
    assert (o.stage, o.stage_reason) == ("not-pursued", why)
    with pytest.raises(ValidationError):
        opportunity_move(user=user, opportunity=o, to_stage="research")
    opportunity_move(user=user, opportunity=o, to_stage="research", reason="New partner")
    assert o.events.first().kind == EventKind.REVIVED


def test_unknown_and_same_stage_are_named_errors(make_opportunity, make_user):
    user = make_user(LANCASTER, Role.OFFICER)
    o = make_opportunity()
    for stage, message in (("nowhere", "Unknown stage"), ("idea", "already at idea")):
        with pytest.raises(ValidationError) as error:
            opportunity_move(user=user, opportunity=o, to_stage=stage)
        assert message in str(error.value)


def test_only_officers_of_the_council_move_it(make_opportunity, make_user):
    o = make_opportunity()
    for user in (make_user(WYRE_FOREST, Role.OFFICER), make_user(LANCASTER, Role.LEAD_MEMBER)):
        with pytest.raises(PermissionDenied):
            opportunity_move(user=user, opportunity=o, to_stage="research")


def test_a_successor_acts_for_its_predecessor(make_opportunity, make_user):
    """Cumberland's officers keep Carlisle's opportunities; Lancaster's do not."""
    o = make_opportunity("E07000028", title="Building control")
    cumberland = make_user(CUMBERLAND, Role.OFFICER)
    opportunity_move(user=cumberland, opportunity=o, to_stage="research")
    o.refresh_from_db()
    assert o.stage == "research" and o.council_id == "E07000028"  # still Carlisle's
    assert o.events.first().to_stage == "research"
    with pytest.raises(PermissionDenied):
        opportunity_move(user=make_user(LANCASTER, Role.OFFICER), opportunity=o, to_stage="soc")


def test_each_stage_move_is_one_audit_event_on_the_opportunity(make_opportunity, make_user):
    from sharedservices.governance.audit_words import headline
    from sharedservices.governance.models import AuditEvent

    user = make_user(CUMBERLAND, Role.OFFICER)
    o = make_opportunity(CUMBERLAND, title="Licensing", service_area="licensing")
    before = AuditEvent.objects.count()
    opportunity_move(user=user, opportunity=o, to_stage=OpportunityStage.OBC)
    reason = "Requires further work on the outline business case"
    opportunity_move(user=user, opportunity=o, to_stage=OpportunityStage.SOC, reason=reason)
    assert AuditEvent.objects.count() == before + 2
    back = AuditEvent.objects.order_by("pk").last()
    assert (back.action, back.object_type, back.object_id) == (
        "opportunity.back",
        "programme.opportunity",
        str(o.pk),
    )
    assert (back.before, back.after) == ({"stage": "obc"}, {"stage": "soc", "reason": reason})
    assert (back.user_id, back.council_id) == (user.pk, CUMBERLAND)
    assert headline(back.action) == "Opportunity sent back a stage"
