"""Partners under the code they had on the arrangement's dates, and legacy codes that resolve to
today's council: Barnsley across its recoding on 1 April 2025, Caradon (15UB) into Cornwall."""

import pytest

from tests.known import BARNSLEY, CARADON, CORNWALL, OLD_BARNSLEY, RESTORMEL, ROTHERHAM

pytestmark = pytest.mark.django_db


def page(client, arrangement) -> str:
    return client.get(arrangement.get_absolute_url()).content.decode()


def test_a_2024_25_arrangement_shows_the_code_barnsley_had_then(client, make_arrangement):
    a = make_arrangement(
        "ended", BARNSLEY, ROTHERHAM, name="Joint waste 2024-25", start_year=2024, end_year=2024
    )
    html = page(client, a)
    assert f'href="/councils/{BARNSLEY}/">Barnsley</a>' in html
    assert f"ONS code {OLD_BARNSLEY} at the time" in html


def test_a_2025_26_arrangement_needs_no_note(client, make_arrangement):
    a = make_arrangement(
        "ended", BARNSLEY, ROTHERHAM, name="Joint waste 2025-26", start_year=2025, end_year=2025
    )
    html = page(client, a)
    assert f'href="/councils/{BARNSLEY}/">Barnsley</a>' in html
    assert OLD_BARNSLEY not in html


def test_an_arrangement_across_the_change_shows_both_codes(client, make_arrangement):
    a = make_arrangement("live", BARNSLEY, ROTHERHAM, name="Joint audit", start_year=2023)
    assert f"{OLD_BARNSLEY} until 31 March 2025, then {BARNSLEY}" in page(client, a)


def test_a_partner_recorded_under_the_old_code_links_to_barnsley_as_it_is_now(
    client, make_arrangement
):
    a = make_arrangement(
        "ended", OLD_BARNSLEY, ROTHERHAM, name="Old record", start_year=2019, end_year=2020
    )
    html = page(client, a)
    assert f'href="/councils/{BARNSLEY}/">Barnsley</a>' in html
    assert "abolished" not in html  # recoded, not abolished
    assert f"ONS code {OLD_BARNSLEY} at the time" in html


@pytest.fixture
def caradon(make_arrangement):
    return make_arrangement(
        "ended", CARADON, RESTORMEL, name="East Cornwall building control",
        areas=("building-control",), start_year=2004, end_year=2008,
    )  # fmt: skip


def test_the_register_filter_for_cornwall_finds_caradons_arrangement(client, caradon):
    html = client.get("/register/", {"council": CORNWALL}).content.decode()
    assert "East Cornwall building control" in html


def test_the_api_filter_for_cornwall_finds_caradons_arrangement(client, caradon):
    rows = client.get("/api/v1/arrangements", {"council": CORNWALL}).json()
    names = [a["name"] for a in rows.get("items", rows.get("results", rows))]
    assert "East Cornwall building control" in names


def test_cornwalls_page_lists_caradons_arrangement(client, caradon):
    html = client.get(f"/councils/{CORNWALL}/").content.decode()
    assert "East Cornwall building control" in html


def test_the_arrangement_page_names_caradon_and_links_to_cornwall(client, caradon):
    html = page(client, caradon)
    assert f'href="/councils/{CARADON}/">Caradon</a>' in html
    assert "abolished 2009" in html and f'href="/councils/{CORNWALL}/">Cornwall</a>' in html


def test_caradons_own_page_names_its_successor(client):
    html = client.get(f"/councils/{CARADON}/").content.decode()
    assert "Caradon" in html and f'href="/councils/{CORNWALL}/"' in html


def test_the_old_barnsley_page_says_it_is_the_same_council_recoded(client):
    html = client.get(f"/councils/{OLD_BARNSLEY}/").content.decode()
    assert "ONS replaced this code on 1 April 2025" in html
    assert f'href="/councils/{BARNSLEY}/">Barnsley</a>' in html
    assert "was abolished" not in html


def test_barnsleys_page_gives_its_earlier_code(client):
    html = client.get(f"/councils/{BARNSLEY}/").content.decode()
    assert f"{OLD_BARNSLEY} until 31 March 2025" in html
