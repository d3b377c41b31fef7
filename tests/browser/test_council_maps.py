"""The council maps draw from our own boundaries with no tile server, and the
pages stay accessible with the map drawn."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path,least",
    [("/councils/", 300), ("/councils/E07000121/", 300), ("/councils/E07000028/", 1)],
)
def test_map_is_drawn_and_page_is_accessible(page, live_site, assert_accessible, path, least):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(live_site + path)
    page.wait_for_selector("[data-council-map][data-drawn]", timeout=20_000)
    drawn = int(page.locator("[data-council-map]").get_attribute("data-drawn"))
    assert drawn >= least
    assert all(url.startswith(live_site) for url in requests), "the map must not call outside"
    assert_accessible(page)


def test_clicking_a_council_on_the_map_opens_its_page(page, live_site):
    page.goto(live_site + "/councils/E07000121/")
    page.wait_for_selector("[data-council-map][data-drawn]", timeout=20_000)
    box = page.locator("[data-council-map]").bounding_box()
    # Lancaster is highlighted and the map is fitted to it and its neighbours;
    # click a little left and below the centre, where Lancaster lies.
    page.mouse.click(box["x"] + box["width"] * 0.30, box["y"] + box["height"] * 0.62)
    page.wait_for_url(f"{live_site}/councils/*/", timeout=10_000)
    assert page.url != live_site + "/councils/E07000121/" or page.locator("h1").inner_text()
