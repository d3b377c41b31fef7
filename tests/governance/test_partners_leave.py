"""When a partner rejects, the case is appraised again for the councils that remain (not
re-split): the leaving council's own lines go, shared lines scale as each line says,
each remaining council's figures before and after are shown and audited, and a council
whose figures fall beyond the tolerance decides again before the case is confirmed."""

from __future__ import annotations

import datetime

import pytest

from sharedservices.accounts.roles import Role
from sharedservices.base.revisions import UNCHECKED
from sharedservices.cases import services as case_services
from sharedservices.cases.models import BusinessCase, OptionLine, SharingAgreement
from sharedservices.governance.models import AuditEvent
from tests.governance.conftest import (
    LANCASTER,
    PRESTON,
    SOUTH_RIBBLE,
    TODAY,
    decide,
    scrutinise_all,
)

# 200,000 a year from 2027 to 2035 at the Green Book's 3.5%: the shared saving's PV.
SAVINGS_PV = sum(200_000 / 1.035**t for t in range(1, 10))


@pytest.fixture
def lined_case(ready_case, people, councils):
    """Systems bought once whoever joins (fixed); the back-office saving is an equal
    amount for each council; Preston and South Ribble each have a saving of their own."""
    officer = people[LANCASTER][Role.OFFICER]
    option = ready_case.preferred_option
    systems = OptionLine.objects.get(option=option, name="Systems")
    systems.scaling = "fixed"
    case_services.option_line_save(line=systems, user=officer, expected_revision=UNCHECKED)
    for code, name in [(PRESTON, "Preston office space"), (SOUTH_RIBBLE, "South Ribble ICT")]:
        case_services.option_line_save(
            line=OptionLine(
                option=option,
                name=name,
                category="cashable-saving",
                partner=councils[code],
                values={str(y): 50_000 for y in range(2027, 2036)},
            ),
            user=officer,
        )
    return BusinessCase.objects.get(pk=ready_case.pk)


def _net(case) -> dict[str, float]:
    agreement = SharingAgreement.objects.get(case=case)
    return {p["code"]: p["net"] for p in agreement.result["partners"]}


def test_a_rejection_recomputes_the_figures_and_sends_a_council_back(api, people, lined_case):
    own_pv = SAVINGS_PV / 4  # 50,000 a year against 200,000
    before = _net(lined_case)
    assert before[LANCASTER] == pytest.approx((SAVINGS_PV - 300_000) / 3, abs=1)
    assert before[PRESTON] == pytest.approx((SAVINGS_PV - 300_000) / 3 + own_pv, abs=1)
    director = people[LANCASTER][Role.DIRECTOR]
    api.act(director, "submit")
    scrutinise_all(api, people)
    decide(api, people, LANCASTER, "approve")
    decide(api, people, PRESTON, "approve")
    decide(api, people, SOUTH_RIBBLE, "reject")
    api.client.force_login(director)  # through the page: it says who decides again
    done = api.client.post(
        f"/cases/{lined_case.pk}/governance/confirm/", follow=True
    ).content.decode()
    assert "left and the case was appraised again: Lancaster" in done
    assert "must decide again" in done
    body = api.get(director).json()

    # Appraised again for two: the shared saving is two thirds, the systems cost stays,
    # South Ribble's own line is gone. Each council's figure is worked out, not re-split.
    after = (SAVINGS_PV * 2 / 3 - 300_000) / 2
    lines = {line.name: line for line in OptionLine.objects.filter(option__case=lined_case)}
    assert "South Ribble ICT" not in lines
    assert lines["Back office savings"].values["2030"] == pytest.approx(200_000 * 2 / 3, abs=0.01)
    assert lines["Systems"].values == {"2026": 300_000}
    now = _net(lined_case)
    assert set(now) == {LANCASTER, PRESTON}
    assert now[LANCASTER] == pytest.approx(after, abs=1)
    assert now[PRESTON] == pytest.approx(after + own_pv, abs=1)

    # Lancaster falls by about 12%, beyond 10%: it decides again; Preston (about 6%) goes on.
    assert body["state"] == "decisions"
    partners = {p["council"]: p for p in body["partners"]}
    assert partners[LANCASTER]["decision"]["basis"] == "superseded"
    assert partners[PRESTON]["decision"]["basis"] == "current"
    assert partners[LANCASTER]["figures"]["change"] == "material"
    assert partners[PRESTON]["figures"]["change"] == "within-tolerance"
    assert partners[SOUTH_RIBBLE]["figures"]["change"] == "left"
    assert partners[LANCASTER]["figures"]["before"] == pytest.approx(before[LANCASTER], abs=1)
    assert partners[LANCASTER]["figures"]["after"] == pytest.approx(after, abs=1)
    assert partners[PRESTON]["figures"]["npv"] == pytest.approx(now[PRESTON], abs=1)
    event = AuditEvent.objects.filter(action="case.went_on_with_the_willing").get()
    assert event.after["figures"][LANCASTER]["after"] == pytest.approx(after, abs=1)
    assert event.after["material_change"] == {LANCASTER: "falls"}
    assert event.after["decisions_superseded"] == [LANCASTER]
    assert "recomputed" not in str(event.after)

    # The page shows before and after, and what each means.
    api.client.force_login(director)
    page = api.client.get(f"/cases/{lined_case.pk}/governance/").content.decode()
    assert "Figures when partners left" in page
    assert 'data-change="material"' in page and 'data-change="within-tolerance"' in page
    assert 'data-basis="superseded"' in page

    # Confirming waits for Lancaster; the same decision again is refused; a new one is taken.
    assert api.act(director, "confirm").status_code == 409
    assert decide(api, people, LANCASTER, "approve").status_code == 422
    again = TODAY - datetime.timedelta(days=20)
    body = decide(api, people, LANCASTER, "approve", decided_on=again, key_decision=False).json()
    assert body["state"] == "call-in"
    assert api.act(director, "confirm").json()["state"] == "approved"


def test_within_tolerance_the_case_goes_on_and_says_so(api, people, lined_case):
    BusinessCase.objects.filter(pk=lined_case.pk).update(material_change_pct=25)
    director = people[LANCASTER][Role.DIRECTOR]
    api.act(director, "submit")
    scrutinise_all(api, people)
    decide(api, people, LANCASTER, "approve")
    decide(api, people, PRESTON, "approve")
    decide(api, people, SOUTH_RIBBLE, "reject")
    body = api.act(director, "confirm").json()
    assert body["state"] == "approved"
    assert {p["figures"]["change"] for p in body["partners"]} == {"within-tolerance", "left"}
    api.client.force_login(director)
    page = api.client.get(f"/cases/{lined_case.pk}/governance/").content.decode()
    assert "within the case&#x27;s 25% tolerance: the case goes on" in page or (
        "within the case's 25% tolerance: the case goes on" in page
    )
