"""The content security policy and Permissions-Policy on every page (issue 12.3)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.parametrize("url", ["/", "/register/", "/councils/", "/map/", "/stats/"])
def test_pages_carry_a_strict_script_policy_and_inline_scripts_carry_its_nonce(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = directives(response.headers["Content-Security-Policy"])
    scripts = policy["script-src"]
    assert "'self'" in scripts and "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    nonces = [w for w in scripts if w.startswith("'nonce-")]
    assert len(nonces) == 1
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    html = response.content.decode()
    nonce = nonces[0][len("'nonce-") : -1]
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or f'nonce="{nonce}"' in tag, tag
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_each_response_gets_its_own_nonce(client):
    first = client.get("/").headers["Content-Security-Policy"]
    second = client.get("/").headers["Content-Security-Policy"]
    assert first != second
