"""Fetches every public page of a running server and fails unless each answers 200.

Run by ``scripts/smoke-production`` against gunicorn on production settings (CI,
``.ci/run``). The list of pages is not written down here: it comes from the URL
configuration's access declarations (``public``), so a new public page joins the
smoke test the day it is added. Pages whose route takes parameters (a council's
code, an arrangement's id) are reached the way a visitor reaches them: through a
link on another public page, or (a page linked from an e-mail) from the example
``smoke_kwargs`` its view names; a public page reached neither way is reported.
Every stylesheet, script and image the pages use is fetched too, because a
broken static manifest is exactly what stopped production once.

    python scripts/smoke_production.py http://127.0.0.1:8765
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import django
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

# The proxy in front of gunicorn terminates TLS and says so (SECURE_PROXY_SSL_HEADER);
# without this header production settings redirect every request to https.
HEADERS = {"X-Forwarded-Proto": "https", "User-Agent": "sharedservices-smoke"}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.pages: set[str] = set()
        self.assets: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.pages.add(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.assets.add(attrs["src"])
        elif tag == "link" and attrs.get("href") and "stylesheet" in (attrs.get("rel") or ""):
            self.assets.add(attrs["href"])


def walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, f"{prefix}{p.namespace}:" if p.namespace else prefix)
        elif isinstance(p, URLPattern):
            yield f"{prefix}{p.name}", p


def answers_get(callback) -> bool:
    view_class = getattr(callback, "view_class", None)
    return view_class is None or "get" in view_class.http_method_names


def public_pages():
    """(name, pattern) of every public page that answers GET, from the URL conf."""
    from sharedservices.web.access import PUBLIC, access_of

    return [
        (name, p)
        for name, p in walk(get_resolver().url_patterns)
        # Unnamed patterns are catch-alls (the API's JSON 404), not pages anyone links to.
        if p.name and access_of(p.callback) == PUBLIC and answers_get(p.callback)
    ]


def fetch(url: str) -> tuple[int, bytes]:
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"not a web address: {url}")
    request = urllib.request.Request(url, headers=HEADERS)  # noqa: S310 (scheme checked above)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer in its own right, not a 200


def route_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def main(base: str) -> int:
    from django.urls import reverse

    pages = public_pages()
    wanted = {name for name, _ in pages}
    queue = [reverse(name) for name, p in pages if not p.pattern.regex.groupindex]
    # Pages reached from outside the site (a password-reset e-mail) name an example.
    queue += [
        reverse(name, kwargs=kwargs)
        for name, p in pages
        if (kwargs := getattr(getattr(p.callback, "view_class", p.callback), "smoke_kwargs", None))
    ]
    seen_names: set[str] = set()
    seen_paths: set[str] = set()
    assets: set[str] = set()
    failures: list[str] = []
    while queue:
        path = queue.pop(0)
        name = route_name(path)
        if path in seen_paths or name in seen_names:
            continue
        seen_paths.add(path)
        seen_names.add(name)
        status, body = fetch(urljoin(base, path))
        print(f"{status} {path} ({name})")
        if status != 200:
            failures.append(f"{path} answered {status}")
            continue
        links = Links()
        links.feed(body.decode("utf-8", "replace"))
        assets |= {urlsplit(urljoin(path, a)).path for a in links.assets if not urlsplit(a).netloc}
        for href in sorted(links.pages):
            parts = urlsplit(urljoin(path, href))
            if parts.netloc or parts.scheme not in ("", "http", "https"):
                continue
            if route_name(parts.path) in wanted - seen_names:
                queue.append(parts.path)
    for path in sorted(assets):
        status, _ = fetch(urljoin(base, path))
        print(f"{status} {path}")
        if status != 200:
            failures.append(f"{path} answered {status}")
    unreached = sorted(wanted - seen_names)
    if unreached:
        failures.append(f"public pages no public page links to: {', '.join(unreached)}")
    print(f"{len(seen_names)} public pages and {len(assets)} static files fetched")
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sharedservices.settings_production")
    django.setup()
    sys.exit(main(sys.argv[1]))
