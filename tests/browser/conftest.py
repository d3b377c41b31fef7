"""A real server for the browser tests, on the demo a user builds.

How to use it (for a new journey): take the ``live_site`` fixture (the server's base
URL, for example ``http://127.0.0.1:8123``) and the ``page`` fixture (a Playwright page
that fails the test on any content-security-policy violation), sign in as a demo user
(``officer@lancaster.demo.example.org`` and the others ``manage.py demo`` prints, with
the demo password), and check each page with ``assert_accessible(page)``. Nothing else
to set up: the demo is already loaded.

The demo database is built ONCE for the whole run by ``manage.py demo`` (so these tests
also prove the demo command works), by whichever test process asks first, and shared by
every pytest-xdist worker (``tests/shared_demo.py``: a PostgreSQL template database when
DATABASE_URL names one, else an SQLite file). Each worker's server runs on a private copy
of it, made in seconds, so what one worker's journeys change the others never see; the
journeys of one worker share its copy, so a journey should make its own records (a name
of its own) rather than count on the demo's being untouched.
"""

from __future__ import annotations

import functools
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.shared_demo import demo_database, demo_database_copy

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_site_env(tmp_path_factory) -> dict[str, str]:
    """The environment of this worker's demo server (its ``DATABASE_URL``, data folder):
    for a process that must work on the same database, such as a jobs worker."""
    template = demo_database(tmp_path_factory)
    assert "officer@lancaster.demo.example.org" in template["stdout"]
    return demo_database_copy(template, tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="session")
def live_site(live_site_env):
    """Base URL of a demo server; yields once the demo data is in."""
    env = live_site_env
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # a loaded CI machine starts Django slowly
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2)  # noqa: S310 (loopback only)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("the demo server did not start") from None
            time.sleep(0.3)
    yield base
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    """Module-scoped: Playwright's sync API keeps an event loop running while it
    is open, and Django refuses database work inside one, so it must close
    before other tests' database fixtures run."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page that fails its test on any content-security-policy violation the
    browser reports: a blocked inline script, style, frame or connection means a
    map, chart or progress bar silently stopped working."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert refused == [], "content security policy violations:\n" + "\n".join(refused)


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page for WCAG 2.0, 2.1 and 2.2 A and AA; return violations."""
    # Evaluated through the DevTools protocol, which the page's content security
    # policy does not govern (add_script_tag would inject an inline script it blocks).
    # Once per document: a page checked again (at another width) keeps axe loaded.
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(_axe_source())
    # Only the violations come back, already cut down in the page: axe's full result
    # lists every passing node with its HTML (megabytes on the map and register pages),
    # and ``resultTypes`` spares it collecting those details at all.
    return page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: 'tag', values:
                ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']},
            resultTypes: ['violations'],
        }).then(result => result.violations.map(v => ({
            id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target),
        })))"""
    )


@pytest.fixture
def assert_accessible():
    def check(page):
        violations = axe_violations(page)
        assert violations == [], f"{page.url}: {violations}"

    return check
