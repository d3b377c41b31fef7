"""The start-up warm-up (``operations/warmup.py``, run by ``wsgi.py``): after it, a
page is served without compiling a template or building a URL table, so a freshly
forked worker's first requests cost what its later ones do."""

import pytest
from django.template import engines
from django.template.loaders.filesystem import Loader as FileLoader
from django.urls import clear_url_caches
from django.urls.resolvers import URLResolver

from sharedservices.accounts.roles import Role
from sharedservices.cases.services import case_create
from sharedservices.operations.warmup import _template_names, warm_up
from tests.factories import ArrangementFactory
from tests.known import LANCASTER

pytestmark = pytest.mark.django_db


def _forget_templates_and_urls():
    for engine in engines.all():
        for loader in engine.engine.template_loaders:
            loader.reset()
    clear_url_caches()


def test_every_template_compiles():
    _forget_templates_and_urls()
    found = len(_template_names(engines["django"].template_dirs))
    counts = warm_up()
    assert found > 100 and counts["templates"] == found
    assert counts["form_templates"] > 10 and counts["url_patterns"] > 50


PAGES = ["/register/", "/register/{arrangement}/", "/map/", "/stats/", "/", "/accounts/sign-in/"]
SIGNED_IN = ["/dashboard/", "/cases/", "/cases/{case}/", "/cases/{case}/options/"]


@pytest.mark.parametrize("path", PAGES + SIGNED_IN)
def test_after_warming_a_page_reads_no_template_and_builds_no_url_table(
    client, monkeypatch, make_user, path
):
    officer = make_user(LANCASTER, Role.OFFICER)
    arrangement = ArrangementFactory()
    case = case_create(user=officer, title="Shared revenues", stage="obc", start_year=2026)
    if path in SIGNED_IN:
        client.force_login(officer)
    _forget_templates_and_urls()
    warm_up()
    reads, builds = [], []
    read, populate = FileLoader.get_contents, URLResolver._populate
    monkeypatch.setattr(FileLoader, "get_contents", lambda s, o: reads.append(o.name) or read(s, o))
    monkeypatch.setattr(URLResolver, "_populate", lambda s: builds.append(s) or populate(s))

    response = client.get(path.format(arrangement=arrangement.pk, case=case.pk), secure=True)

    assert response.status_code == 200
    assert reads == [] and builds == []


def test_without_warming_the_first_page_compiles_its_templates(client, monkeypatch):
    """The check above can fail: the same page, not warmed, reads its templates."""
    _forget_templates_and_urls()
    reads = []
    read = FileLoader.get_contents
    monkeypatch.setattr(FileLoader, "get_contents", lambda s, o: reads.append(o.name) or read(s, o))
    assert client.get("/register/", secure=True).status_code == 200
    assert any(name.endswith("base.html") for name in reads)
