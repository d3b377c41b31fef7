"""Reorganisations ahead (issue 29): Surrey on 1 April 2027 in the API, the register and
tenancy. Dates are explicit (?on=) so the tests hold whatever today is."""

from __future__ import annotations

import datetime as dt

import pytest

from sharedservices.councils.models import Council, Reorganisation

pytestmark = pytest.mark.django_db

WOKING, GUILDFORD, ELMBRIDGE, SURREY_CC = "E07000217", "E07000209", "E07000207", "E10000030"
HART = "E07000089"


def codes_of(response):
    return {c["code"] for c in response.json()["items"]}


def test_woking_is_current_before_vesting_day_with_west_surrey_as_successor(client):
    body = client.get(f"/api/v1/councils/{WOKING}?on=2026-12-07").json()
    assert body["current"] is True
    assert body["valid_to"] == "2027-03-31"
    [west] = body["successors"]
    assert west["name"] == "West Surrey" and west["valid_from"] == "2027-04-01"
    assert west["provisional_code"] is True


def test_on_vesting_day_the_new_councils_replace_the_old(client):
    on_day = codes_of(client.get("/api/v1/councils?on=2027-04-01&limit=500"))
    names = {
        c["name"] for c in client.get("/api/v1/councils?on=2027-04-01&limit=500").json()["items"]
    }
    assert {"East Surrey", "West Surrey"} <= names
    assert WOKING not in on_day and SURREY_CC not in on_day
    before = codes_of(client.get("/api/v1/councils?on=2027-03-31&limit=500"))
    assert WOKING in before and SURREY_CC in before
    assert not {"East Surrey", "West Surrey"} & {
        c["name"] for c in client.get("/api/v1/councils?on=2027-03-31&limit=500").json()["items"]
    }


def test_a_bad_date_is_a_400_in_the_error_shape(client):
    response = client.get("/api/v1/councils?on=2027-13-01")
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["errors"][0]["message"]
    assert client.get("/api/v1/councils?scenario=nowhere").status_code == 400


def test_a_proposed_reorganisation_changes_nothing_unless_asked_for(client):
    eastbourne = "E07000061"
    on = "2028-04-01"
    assert eastbourne in codes_of(client.get(f"/api/v1/councils?on={on}&limit=500"))
    scenario = client.get(
        f"/api/v1/councils?on={on}&scenario=east-sussex-2028-one-east-sussex&limit=500"
    ).json()["items"]
    assert eastbourne not in {c["code"] for c in scenario}
    [new] = [c for c in scenario if c["code"] == "E06P00003"]
    assert new["provisional_code"] is True


def test_the_reorganisations_endpoint_gives_the_cited_record(client):
    body = client.get("/api/v1/reorganisations").json()
    surrey = next(r for r in body if r["id"] == "surrey-2027")
    assert surrey["vesting_on"] == "2027-04-01" and surrey["status"] == "decided"
    assert "28 October 2025" in surrey["source"]
    assert SURREY_CC in surrey["abolished"] and len(surrey["abolished"]) == 12
    west = next(c for c in surrey["created"] if c["name"] == "West Surrey")
    assert west["provisional_code"] is True and WOKING in west["predecessors"]
    assert len(west["predecessors"]) == 6
    assert next(r for r in body if r["status"] == "proposed")


def test_each_arrangement_says_what_vesting_day_does_to_it(client, make_arrangement):
    within = make_arrangement("live", WOKING, GUILDFORD, savings=100_000)
    between = make_arrangement("live", WOKING, ELMBRIDGE, name="Shared building control")
    partly = make_arrangement("live", WOKING, GUILDFORD, HART, name="Shared ICT")
    untouched = make_arrangement("live", HART, "E07000092", name="Shared legal")

    def effect(arrangement):
        return client.get(f"/api/v1/arrangements/{arrangement.pk}").json()["reorganisation"]

    [w] = effect(within)
    assert w["effect"] == "within-one-council" and w["on"] == "2027-04-01"
    assert w["successors"] == ["E06P00002"]
    [b] = effect(between)
    assert b["effect"] == "between-successors" and b["successors"] == ["E06P00001", "E06P00002"]
    assert effect(partly)[0]["effect"] == "partly"
    assert effect(untouched) == []


def test_west_surrey_users_see_wokings_records_from_the_shadow_election(make_user, monkeypatch):
    from sharedservices.base import tenancy

    west = Council.objects.get(name="West Surrey")
    user = make_user(west.code)
    monkeypatch.setattr(tenancy.timezone, "localdate", lambda: dt.date(2026, 5, 6))
    assert WOKING not in tenancy.council_and_predecessors(west.code)
    monkeypatch.setattr(tenancy.timezone, "localdate", lambda: dt.date(2026, 5, 7))
    assert WOKING in tenancy.acting_council_ids(user)
    # Woking's users do not act for West Surrey
    assert west.code not in tenancy.council_and_predecessors(WOKING)


def test_the_register_records_the_reorganisation_once(db):
    surrey = Reorganisation.objects.get(slug="surrey-2027")
    assert surrey.abolished.count() == 12 and surrey.created.count() == 2
    assert Council.objects.get(code=SURREY_CC).successors.count() == 2


def test_onss_code_replaces_the_provisional_one_and_everything_follows(
    monkeypatch, make_user, make_arrangement
):
    from sharedservices.councils import loading
    from sharedservices.councils.reorganisations import read_reorganisations

    west = Council.objects.get(name="West Surrey")
    assert west.is_provisional_code
    user = make_user(west.code)
    arrangement = make_arrangement("exploring", west.code, ELMBRIDGE, name="Shared waste")
    records = read_reorganisations()
    surrey = next(r for r in records if r.id == "surrey-2027")
    next(c for c in surrey.created if c.name == "West Surrey").ons_code = "E06000070"
    monkeypatch.setattr(loading, "read_reorganisations", lambda: records)

    report = loading.load_councils()
    assert report.recoded == 1
    new = Council.objects.get(code="E06000070")
    # the provisional code stays only as a record that never came into force, pointing on
    old = Council.objects.get(code=west.code)
    assert old.valid_to < old.valid_from and list(old.successors.all()) == [new]
    assert not Council.objects.current(dt.date(2027, 4, 1)).filter(code=west.code).exists()
    assert new.name == "West Surrey" and not new.is_provisional_code
    assert new.valid_from == dt.date(2027, 4, 1)
    user.refresh_from_db()
    assert user.council_id == "E06000070"
    assert {p.council_id for p in arrangement.partners.all()} == {"E06000070", ELMBRIDGE}
    assert list(Council.objects.get(code=WOKING).successors.all()) == [new]
    assert Reorganisation.objects.get(slug="surrey-2027").created.filter(code="E06000070")
    assert loading.load_councils().recoded == 0  # idempotent


def test_the_pages_say_what_vesting_day_does(client, make_arrangement):
    within = make_arrangement("live", WOKING, GUILDFORD, savings=120_000, name="Shared <b>ICT</b>")
    make_arrangement("live", WOKING, ELMBRIDGE, savings=30_000, name="Shared building control")
    make_arrangement("exploring", HART, "E07000092", name="Shared legal")

    page = client.get(within.get_absolute_url()).content.decode()
    assert 'data-effect="within-one-council"' in page and "West Surrey" in page
    assert "<b>ICT</b>" not in page  # escaped

    woking = client.get(f"/councils/{WOKING}/").content.decode()
    assert "data-council-reorganisation" in woking and "between the successor councils" in woking
    assert "data-council-reorganisation" not in client.get(f"/councils/{HART}/").content.decode()

    national = client.get("/reorganisations/").content.decode()
    assert 'data-stat="affected">2<' in national
    assert "£150,000" in national  # savings at stake: both live arrangements
    assert "28 October 2025" in national

    rows = client.get("/reorganisations/effects.csv").content.decode().splitlines()
    assert rows[0].startswith("arrangement_id,arrangement,status")
    assert len(rows) == 3 and any("within-one-council" in r for r in rows)


def test_a_proposal_shows_only_as_a_scenario(client, make_arrangement):
    a = make_arrangement("live", "E07000061", "E07000062", name="Eastbourne and Hastings")
    api = f"/api/v1/arrangements/{a.pk}"
    assert client.get(api).json()["reorganisation"] == []
    [effect] = client.get(f"{api}?scenario=east-sussex-2028-one-east-sussex").json()[
        "reorganisation"
    ]
    assert effect["effect"] == "within-one-council" and effect["on"] == "2028-04-01"
    assert (
        'data-effect="within-one-council"' not in client.get(a.get_absolute_url()).content.decode()
    )
    page = client.get(a.get_absolute_url() + "?scenario=east-sussex-2028-one-east-sussex")
    assert "(proposed)" in page.content.decode()


def test_council_pages_answer_for_a_date(client):
    west = Council.objects.get(name="West Surrey")
    page = client.get(f"/councils/{west.code}/").content.decode()
    assert "data-council-future" in page and "1 April 2027" in page
    assert "Provisional code" in page and "was abolished" not in page
    woking = client.get(f"/councils/{WOKING}/?on=2027-04-01").content.decode()
    assert "data-council-ending" in woking
    assert 'data-on>On 1 April 2027 this area is held by <a class="govuk-link"' in woking
    assert "West Surrey</a>." in woking
    index = client.get("/councils/?on=2027-04-01&q=surrey").content.decode()
    assert "East Surrey" in index and "West Surrey" in index
    assert 'href="/councils/E07000214/"' not in index  # Surrey Heath
    assert 'href="/councils/E07000214/"' in client.get("/councils/?q=surrey").content.decode()


def test_the_national_map_and_picture_answer_for_a_date(client, make_arrangement):
    make_arrangement("live", WOKING, ELMBRIDGE, name="Shared building control", savings=50_000)
    today = client.get("/api/v1/stats/map?provenance=all").json()
    assert {WOKING, ELMBRIDGE} <= {c["code"] for c in today["councils"]}
    vested = client.get("/api/v1/stats/map?provenance=all&on=2027-04-01").json()
    codes = {c["code"] for c in vested["councils"]}
    assert WOKING not in codes and {"E06P00001", "E06P00002"} <= codes
    assert vested["names"]["E06P00002"] == "West Surrey" and WOKING not in vested["names"]
    picture = client.get("/api/v1/stats?provenance=all&on=2027-04-01")
    assert picture.status_code == 200
    assert client.get("/api/v1/stats/map?on=tomorrow").status_code == 400
