"""Entering and correcting a partner's baseline on a page: partner councils' officers
only, a second corrector is told (never overwrites), a double click saves once, and bad
input is named."""

from __future__ import annotations

import re

import pytest

from sharedservices.accounts.roles import Role
from sharedservices.base.once import TOKEN_FIELD
from sharedservices.benefits.models import IndicatorBaseline
from sharedservices.governance.models import AuditEvent
from tests.known import LANCASTER, PRESTON, WYRE

HOSTILE = "<script>alert(1)</script>"


def url(world, indicator="days", code=PRESTON):
    return (
        f"/register/{world['arrangement'].pk}/benefits/indicators/"
        f"{world[indicator].pk}/baselines/{code}/"
    )


def drawn(client, address) -> dict:
    """The form's hidden fields as drawn (revision, one-time token)."""
    page = client.get(address).content.decode()
    return hidden_fields(page)


def hidden_fields(page: str) -> dict:
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="(revision|submission)"', tag)
        if name:
            fields[name.group(1)] = re.search(r'value="([^"]*)"', tag).group(1)
    return fields


def test_an_officer_enters_then_corrects_a_baseline(client, world):
    client.force_login(world["preston"])
    hidden = drawn(client, url(world))
    assert hidden["revision"] == "0" and hidden[TOKEN_FIELD]
    data = {"value": "14.5", "as_at": "2025-03-31", "source": HOSTILE, **hidden}
    response = client.post(url(world), data)
    assert response.status_code == 302
    assert client.post(url(world), data).status_code == 302  # a double click
    (b,) = IndicatorBaseline.objects.filter(indicator=world["days"])
    assert (b.council_id, str(b.value.normalize()), b.revision) == (PRESTON, "14.5", 1)
    page = client.get(f"/register/{world['arrangement'].pk}/benefits/").content.decode()
    assert "14.5 days" in page and HOSTILE not in page and "&lt;script&gt;" in page
    assert url(world) in page  # the link to correct it
    hidden = drawn(client, url(world))
    assert hidden["revision"] == "1" and TOKEN_FIELD not in hidden
    response = client.post(url(world), {"value": "13", "as_at": "2025-03-31", **hidden})
    assert response.status_code == 302
    b.refresh_from_db()
    assert (str(b.value.normalize()), b.revision) == ("13", 2)
    events = AuditEvent.objects.filter(action="benefits.baseline.set")
    assert events.count() == 2


def test_a_second_corrector_is_told_not_overwritten(client, world, make_user):
    colleague = make_user(LANCASTER, Role.DIRECTOR)
    client.force_login(colleague)
    first = drawn(client, url(world, code=LANCASTER))
    client.post(url(world, code=LANCASTER), {"value": "12", "as_at": "2025-03-31", **first})
    opened = drawn(client, url(world, code=LANCASTER))  # both open revision 1
    client.force_login(world["lancaster"])
    client.post(url(world, code=LANCASTER), {"value": "11", "as_at": "2025-03-31", **opened})
    client.force_login(colleague)
    response = client.post(
        url(world, code=LANCASTER), {"value": "10", "as_at": "2025-03-31", **opened}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this baseline" in page and "11 days" in page
    b = IndicatorBaseline.objects.get(indicator=world["days"], council_id=LANCASTER)
    assert str(b.value.normalize()) == "11"
    # Saved again from the conflict page (now at the saved revision), it replaces it.
    again = hidden_fields(page)
    assert again == {"revision": "2"}
    client.post(url(world, code=LANCASTER), {"value": "10", "as_at": "2025-03-31", **again})
    b.refresh_from_db()
    assert b.value == 10


@pytest.mark.parametrize(
    ("value", "as_at", "said"),
    [
        ("abc", "2025-03-31", "must be a number"),
        ("-4", "2025-03-31", "cannot be negative"),
        ("9" * 29, "2025-03-31", "too large to be real"),
        ("NaN", "2025-03-31", "must be a number"),
        ("", "2025-03-31", "Enter the baseline value"),
        ("12", "2099-01-01", "cannot be in the future"),
        ("12", "31.03.2025x", "Enter the date of the baseline as YYYY-MM-DD"),
    ],
)
def test_bad_input_is_named_not_a_500(client, world, value, as_at, said):
    client.force_login(world["preston"])
    hidden = drawn(client, url(world))
    response = client.post(url(world), {"value": value, "as_at": as_at, **hidden})
    assert response.status_code == 200 and said in response.content.decode()
    assert not IndicatorBaseline.objects.filter(indicator=world["days"]).exists()


def test_only_partner_officers_may(client, world, make_user):
    # Another council's officer: the public indicator is visible, setting it is not.
    client.force_login(world["wyre"])
    assert client.get(url(world)).status_code == 403
    assert client.post(url(world), {"value": "1", "as_at": "2025-03-31"}).status_code == 403
    # The private indicator is not even there for them.
    assert client.get(url(world, indicator="cost")).status_code == 404
    # A partner's scrutiny member reads; they do not set baselines.
    client.force_login(world["preston_member"])
    assert client.get(url(world)).status_code == 403
    # A council the indicator does not apply to, or junk: 404.
    client.force_login(world["preston"])
    assert client.get(url(world, code=WYRE)).status_code == 404
    assert client.get(url(world, code="<script>")).status_code == 404
    assert not IndicatorBaseline.objects.exists()
    client.logout()
    response = client.get(url(world))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
