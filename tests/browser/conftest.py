"""A real server for the browser tests, built the way a user builds the demo.

The server runs in its own process on its own database (a fresh PostgreSQL
database when DATABASE_URL names one, else SQLite in a temporary folder), set up
by ``manage.py demo``: so these tests also prove the demo command works.
"""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import dj_database_url
import pytest

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


def _fresh_database_url(tmp: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp / 'browser.sqlite3'}"
    import psycopg

    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_browser_{os.getpid()}"
    admin = dict(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with psycopg.connect(**admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    """Base URL of a demo server; yields once the demo data is in."""
    tmp = tmp_path_factory.mktemp("browser")
    env = {
        **os.environ,
        "DATABASE_URL": _fresh_database_url(tmp),
        "SHAREDSERVICES_DATA_DIR": str(tmp),
        "GEOGRAPHY_CACHE_DIR": os.environ.get(
            "GEOGRAPHY_CACHE_DIR", str(ROOT / "data" / "geography")
        ),
        "DJANGO_DEBUG": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    demo = subprocess.run(
        [sys.executable, "manage.py", "demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert demo.returncode == 0, demo.stderr[-3000:]
    assert "officer@lancaster.demo.example.org" in demo.stdout
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
