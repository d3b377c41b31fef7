"""A council's baseline is that council's own figure: another partner may not set it,
and the lead council only where the partners' agreement, recorded on the arrangement,
says the lead may (a security review found Preston's officer changing Lancaster's)."""

from __future__ import annotations

import pytest

from sharedservices.accounts.roles import Role
from sharedservices.benefits.models import IndicatorBaseline
from tests.benefits.test_baseline_form import drawn, url
from tests.known import LANCASTER, PRESTON


def post(client, world, code, value="1"):
    address = url(world, code=code)
    return client.post(address, {"value": value, "as_at": "2025-03-31", **drawn(client, address)})


def value_of(world, code):
    b = IndicatorBaseline.objects.filter(indicator=world["days"], council_id=code).first()
    return None if b is None else str(b.value.normalize())


def test_a_partner_cannot_set_another_partners_baseline(client, world):
    client.force_login(world["lancaster"])
    assert post(client, world, LANCASTER, "16").status_code == 302
    client.force_login(world["preston"])
    address = url(world, code=LANCASTER)
    assert client.get(address).status_code == 403
    response = client.post(address, {"value": "1", "as_at": "2025-03-31", "revision": "1"})
    assert response.status_code == 403
    assert value_of(world, LANCASTER) == "16"
    # Preston's own, yes; and the page offers only that link.
    assert post(client, world, PRESTON, "14").status_code == 302
    page = client.get(f"/register/{world['arrangement'].pk}/benefits/").content.decode()
    assert url(world, code=PRESTON) in page and url(world, code=LANCASTER) not in page


@pytest.mark.parametrize("role", [Role.OFFICER, Role.DIRECTOR, Role.LEAD_OFFICER])
def test_the_lead_sets_a_partners_baseline_only_if_the_agreement_says_so(
    client, world, make_user, role
):
    lead = make_user(LANCASTER, role)
    client.force_login(lead)
    assert client.get(url(world, code=PRESTON)).status_code == 403
    assert post(client, world, PRESTON, "3").status_code == 403
    assert value_of(world, PRESTON) is None
    arrangement = world["arrangement"]
    arrangement.lead_sets_baselines = True
    arrangement.save()
    assert post(client, world, PRESTON, "3").status_code == 302
    assert value_of(world, PRESTON) == "3"
    # The agreement lets the lead set the partners'; not a partner the lead's.
    client.force_login(world["preston"])
    assert post(client, world, LANCASTER, "2").status_code == 403


def test_the_agreement_is_recorded_on_the_arrangement_form(client, world):
    client.force_login(world["lancaster"])
    page = client.get(f"/register/{world['arrangement'].pk}/edit/").content.decode()
    assert 'name="lead_sets_baselines"' in page
