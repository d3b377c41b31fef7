"""The dashboard's benefits panel as CSV: what the panel shows, for the user's councils
only."""

from __future__ import annotations

import csv
import io

from sharedservices.accounts.roles import Role
from sharedservices.analysis.benefits import parse_period
from sharedservices.benefits.rules import ActualInput
from sharedservices.benefits.services import actual_record
from tests.factories import ArrangementFactory
from tests.known import LANCASTER, PRESTON, WYRE

URL = "/register/benefits.csv"
HOSTILE = '=HYPERLINK("http://evil")<script>'


def rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_panel_as_csv_for_a_partner(client, world):
    actual_record(
        user=world["lancaster"],
        indicator=world["days"],
        data=ActualInput(LANCASTER, "2026-Q2", "9"),
    )
    client.force_login(world["preston"])
    panel = client.get("/dashboard/").content.decode()
    assert URL in panel
    got = rows(client.get(URL))
    arrangements = [r for r in got if r["row"] == "arrangement"]
    assert [(r["arrangement"], r["indicators"]) for r in arrangements] == [
        (str(world["arrangement"].pk), "2")
    ]
    assert arrangements[0]["status"] == "green"  # 9 days against a target of 10
    overdue = [r for r in got if r["row"] == "overdue return"]
    assert overdue and {r["council"] for r in overdue} == {PRESTON}  # Preston's own only
    assert {r["council_name"] for r in overdue} == {"Preston"}
    named = {(r["indicator"], r["period"]) for r in overdue}
    assert ("Average days to process new claims", "2026/27 Q1") in named
    # The panel says the same: each overdue return it lists is a row.
    for indicator, period in named:
        assert f"{indicator}, Preston, {parse_period(period).label}" in panel


def test_another_council_gets_none_of_it(client, world):
    other = ArrangementFactory(partners=[WYRE], name=HOSTILE)
    client.force_login(world["wyre"])
    got = rows(client.get(URL))
    assert {r["arrangement"] for r in got} == {str(other.pk)}
    assert got[0]["arrangement_name"].startswith("'")  # a formula is not run by a spreadsheet
    assert all(r["council"] != PRESTON for r in got)


def test_signed_out_is_sent_to_sign_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_a_member_sees_the_panel_but_owes_nothing_by_name(client, world, make_user):
    member = make_user(LANCASTER, Role.SCRUTINY_MEMBER)
    client.force_login(member)
    got = rows(client.get(URL))
    assert {r["arrangement"] for r in got} == {str(world["arrangement"].pk)}
    assert all(r["council"] in ("", LANCASTER) for r in got)
