"""The neighbours as the rest of the product reads them from the database: the partner finder's
council lookup and the council page."""

import pytest

from sharedservices.jobs.selectors import council_lookup

pytestmark = pytest.mark.django_db

LIVERPOOL_CITY_REGION = {
    "E08000012": "Liverpool",
    "E08000015": "Wirral",
    "E08000014": "Sefton",
    "E08000011": "Knowsley",
    "E08000013": "St Helens",
    "E06000006": "Halton",
}


def test_a_liverpool_city_region_search_can_put_wirral_with_liverpool():
    lookup = council_lookup(list(LIVERPOOL_CITY_REGION))
    assert "E08000012" in lookup["E08000015"]["neighbours"]  # across the Mersey
    assert "E08000014" in lookup["E08000015"]["neighbours"]
    # the six councils form one connected region, so "connected partnerships" can use it all
    seen, todo = set(), ["E08000015"]
    while todo:
        code = todo.pop()
        if code not in seen:
            seen.add(code)
            todo += [c for c in lookup[code]["neighbours"] if c in LIVERPOOL_CITY_REGION]
    assert seen == set(LIVERPOOL_CITY_REGION)


def test_the_council_page_lists_neighbours_across_water(client):
    html = client.get("/councils/E07000088/").content.decode()  # Gosport
    assert 'href="/councils/E06000044/"' in html  # Portsmouth, across the harbour mouth
