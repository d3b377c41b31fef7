"""After approval: going live, a withdrawal (the arrangement goes on, or ends with fewer
than two), and a dispute with its steps and outcome."""

from __future__ import annotations

import datetime

from django.core.management import call_command

from sharedservices.accounts.roles import Role
from sharedservices.governance import services
from sharedservices.governance.models import AuditEvent, Dispute, Withdrawal
from sharedservices.registry.models import Arrangement
from tests.governance.conftest import LANCASTER, PRESTON, SOUTH_RIBBLE, decide, scrutinise_all

TODAY = datetime.date.today()


def _live(api, people, approvers=(LANCASTER, PRESTON, SOUTH_RIBBLE)):
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    scrutinise_all(api, people)
    for code in (LANCASTER, PRESTON, SOUTH_RIBBLE):
        decide(api, people, code, "approve" if code in approvers else "reject")
    api.act(people[LANCASTER][Role.DIRECTOR], "confirm")
    api.act(people[LANCASTER][Role.LEAD_OFFICER], "start_implementation")
    body = api.act(people[LANCASTER][Role.LEAD_OFFICER], "go_live").json()
    assert body["state"] == "live"
    return Arrangement.objects.get(pk=body["arrangement"]["id"])


def test_a_withdrawal_with_notice_takes_effect_on_its_date(api, people):
    arrangement = _live(api, people)
    exec_ = people[PRESTON][Role.EXECUTIVE_MEMBER]
    short = api.act(
        exec_,
        "withdraw",
        council=PRESTON,
        notice_given_on=TODAY.isoformat(),
        leaves_on=(TODAY + datetime.timedelta(days=100)).isoformat(),
        reasons="Leaving",
    )
    assert short.status_code == 422 and short.json()["errors"][0]["path"] == "$.leaves_on"
    body = api.act(
        exec_,
        "withdraw",
        council=PRESTON,
        notice_given_on=TODAY.isoformat(),
        leaves_on=(TODAY + datetime.timedelta(days=400)).isoformat(),
        reasons="Leaving",
        exit_costs_gbp=30000,
        exit_cost_sharing="withdrawing-council",
    ).json()
    assert {p["council"]: p["status"] for p in body["partners"]}[PRESTON] == "active"
    assert Withdrawal.objects.get().notice_months == 12
    page = api.client.get(f"/cases/{api.case.pk}/governance/").text
    assert "Exit costs £30,000:" in page  # the one money filter: separators, "£" in front
    assert services.withdrawals_apply_due(today=TODAY + datetime.timedelta(days=400)) == 1
    arrangement.refresh_from_db()
    assert arrangement.status == "live"
    assert {p.council_id for p in arrangement.partners.all()} == {LANCASTER, SOUTH_RIBBLE}
    body = api.get(people[LANCASTER][Role.DIRECTOR]).json()
    assert {p["council"]: p["status"] for p in body["partners"]}[PRESTON] == "left"
    assert AuditEvent.objects.filter(arrangement=arrangement, action="partner.left").exists()
    call_command("governance_due")  # nothing left to apply


def test_a_withdrawal_leaving_fewer_than_two_ends_the_arrangement(api, people):
    arrangement = _live(api, people, approvers=(LANCASTER, SOUTH_RIBBLE))
    notice = TODAY - datetime.timedelta(days=400)
    body = api.act(
        people[SOUTH_RIBBLE][Role.DIRECTOR],
        "withdraw",
        council=SOUTH_RIBBLE,
        notice_given_on=notice.isoformat(),
        leaves_on=TODAY.isoformat(),
        reasons="Going alone",
    ).json()
    assert body["state"] == "ended"
    arrangement.refresh_from_db()
    assert arrangement.status == "ended" and "fewer than two" in arrangement.status_reason


def test_a_dispute_is_logged_with_its_steps_and_outcome(api, people, councils):
    _live(api, people)
    preston = people[PRESTON][Role.DIRECTOR]
    dispute = services.dispute_open(
        case=api.case,
        user=preston,
        council=councils[PRESTON],
        opened_on=TODAY,
        issue="Share of the rebate",
        resolution_steps="1. S151 officers meet. 2. Adjudicator.",
    )
    again = services.dispute_open(
        case=api.case,
        user=preston,
        council=councils[PRESTON],
        opened_on=TODAY,
        issue="Share of the rebate",
        resolution_steps="1. S151 officers meet. 2. Adjudicator.",
    )
    assert again.pk == dispute.pk and Dispute.objects.count() == 1
    services.dispute_step_add(
        dispute=dispute,
        user=people[LANCASTER][Role.DIRECTOR],
        council=councils[LANCASTER],
        taken_on=TODAY,
        step="The S151 officers met.",
    )
    services.dispute_close(
        dispute=dispute,
        user=preston,
        council=councils[PRESTON],
        closed_on=TODAY,
        outcome="Recalculated on the agreed baseline.",
    )
    page = api.client.get(f"/cases/{api.case.pk}/governance/")
    assert "The S151 officers met." in page.text and "Recalculated" in page.text
    actions = set(AuditEvent.objects.filter(case=api.case).values_list("action", flat=True))
    assert {"dispute.opened", "dispute.step", "dispute.closed"} <= actions


def test_no_benefit_return_is_due_for_a_period_before_go_live(api, people):
    from sharedservices.benefits.models import Indicator
    from sharedservices.benefits.selectors import indicator_views
    from sharedservices.benefits.services.indicators import IndicatorInput, indicator_create

    arrangement = _live(api, people)

    def indicator(name, starts_on=None):
        return indicator_create(
            user=people[LANCASTER][Role.LEAD_OFFICER],
            arrangement=arrangement,
            data=IndicatorInput(
                name=name,
                kind="quality",
                unit="days",
                direction="lower",
                target="10",
                tolerance="3",
                frequency="quarterly",
                owner="Head of service",
                councils=[LANCASTER, PRESTON],
                starts_on=starts_on,
            ),
        )

    # One set to start long before go-live, one left to the default (the go-live date).
    indicator("Days to process claims", starts_on=TODAY - datetime.timedelta(days=400))
    indicator("Days to answer complaints")
    assert Indicator.objects.get(name="Days to answer complaints").starts_on == TODAY
    later = TODAY + datetime.timedelta(days=250)
    views = indicator_views(Indicator.objects.filter(arrangement=arrangement), today=later)
    owed = [period for v in views for _, period in v.overdue]
    assert owed, "the quarters after go-live are owed"
    assert all(period.ends_on >= TODAY for period in owed)
    assert not indicator_views(Indicator.objects.filter(arrangement=arrangement))[0].overdue
