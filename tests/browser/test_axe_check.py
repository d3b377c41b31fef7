"""The accessibility check the journeys rely on can fail: on a page with known faults it
names each one (a check that finds nothing on a broken page would pass every journey)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

BROKEN = """<!doctype html><html lang="en"><head><title>Broken</title></head><body>
<main><h1>Broken</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color:#bbb;background:#fff">Text too pale to read</p>
<label>Name</label><input type="text" id="nameless">
</main></body></html>"""


def test_axe_names_every_fault_on_a_broken_page_and_none_on_a_sound_one(page):
    page.set_content(BROKEN)
    found = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "color-contrast", "label"} <= found, found
    assert all(v["nodes"] for v in axe_violations(page))  # and again: axe is loaded once

    page.set_content(
        '<!doctype html><html lang="en"><head><title>Sound</title></head><body>'
        "<main><h1>Sound</h1><p>Plain text.</p></main></body></html>"
    )
    assert axe_violations(page) == []
