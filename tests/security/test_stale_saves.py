"""Every edit form goes through the revision check (``base.revisions``): a walk over
the demo world finds every form a council's officer can post, and each one that edits
a saved record is posted three ways: with a revision that is not the saved one (a
stale copy), with none, and as drawn. The first two must be told "someone else saved
this" and change nothing; the third must save. A form the walk meets that is neither
listed as an edit nor as something else (a new record made once, an action, a filter)
fails the test, so a new edit form is walked the day it lands.

(A review found four of thirteen stale-edit cases saved silently: exempt marks,
implications, programme weights and opportunity scores.)"""

from __future__ import annotations

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import resolve

from sharedservices.accounts.models import User
from tests.mfa import force_login_verified
from tests.security import world as world_module

pytestmark = pytest.mark.django_db

TOLD = "Someone else saved"

# Forms that change a record someone may have open in another tab: each is walked.
EDIT_FORMS = {
    "registry:edit",
    "benefits:baseline",
    "programme:programme-edit",
    "programme:weight-set-edit",
    "programme:opportunity-edit",
    "programme:opportunity-move",
    "programme:opportunity-scores",
    "cases:edit",
    "cases:section-edit",
    "cases:option-edit",
    "cases:line-edit",
    "cases:agreement",
    "cases:preferred",
    "cases:evidence-edit",
    "cases:baseline-edit",
    "cases:risk-edit",
    "cases:consultation-edit",
    "cases:staffing",
    "reports:details",
    "reports:implication",
    "reports:exempt",
}
# Forms that are not edits of a saved record, and why.
NOT_EDITS = {
    # A new record, made once (a one-time token: base/once.py).
    "registry:add": "new",
    "benefits:indicator-add": "new",
    "benefits:review-add": "new",
    "programme:programme-create": "new",
    "programme:pot-add": "new",
    "programme:allocation-add": "new",
    "programme:spend-add": "new",
    "programme:criteria": "new criterion",
    "programme:weight-set-add": "new",
    "programme:opportunity-create": "new",
    "programme:suggestion-adopt": "new",
    "cases:create": "new",
    "cases:option-add": "new",
    "cases:line-add": "new",
    "cases:baseline-add": "new",
    "cases:risk-add": "new",
    "cases:consultation-add": "new",
    "cases:policy-adopt": "new",
    "cases:policy-new-version": "a new version beside the old one",
    "cases:risks-suggested": "new risks",
    "cases:sharing": "a new comment",
    "governance:milestone-add": "new",
    "governance:forward-plan-add": "new",
    "governance:dispute-add": "new",
    "governance:dispute-step": "a step appended to the dispute's history",
    "governance:dispute-close": "an action checked against the dispute's state",
    "benefits:cost-share": "a review held once a year",
    # Figures appended: a correction keeps the earlier figure in the history.
    "benefits:enter": "a figure for a period",
    "benefits:upload": "figures from a file",
    "registry:import": "records from a file",
    "reports:template": "a file replacing the council's template, kept in the audit trail",
    # Actions checked against the record's state, not edits of its text.
    "cases:share": "sharing with the partners",
    "cases:option-delete": "a deletion",
    "cases:line-delete": "a deletion",
    "cases:baseline-delete": "a deletion",
    "cases:risk-delete": "a deletion",
    "cases:consultation-delete": "a deletion",
    "governance:act": "a move of the workflow, checked against the case's state",
    "reports:publish": "a published edition of the saved report",
    # The person's own session and account.
    "accounts:sign-out": "session",
    "accounts:sign-in": "session",
    "accounts:password-change": "own account",
    "accounts:two-step": "own account",
    "accounts:two-step-enrol": "own account",
    "accounts:two-step-recovery-codes": "own account",
    "accounts:password-reset": "own account",
    "jobs:find-partners": "a question, answered as a job",
}
# What a person must choose on a form that is not valid as drawn ("*": the first of
# the radio buttons offered).
CHOICES = {
    "programme:opportunity-move": {"stage": "*", "reason": "Walked by a test"},
    "reports:implication": {"text": "Walked by a test", "role": "Section 151 officer"},
}


class _Forms(HTMLParser):
    """The POST forms of a page: their action and the values as drawn."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._fields: list[tuple[str, str]] | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._first_option: dict[str, str] = {}
        self._selected: set[str] = set()
        self.options: dict[str, list[str]] = {}  # every radio button's value, by name

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._fields = []
            self.forms.append((a.get("action", ""), self._fields))
        if self._fields is None or not a.get("name") and tag not in ("option",):
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind == "radio":
                self.options.setdefault(a["name"], []).append(a.get("value", ""))
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self._fields.append((a["name"], a.get("value", default)))
        elif tag == "textarea":
            self._textarea = a["name"]
            self._fields.append((a["name"], ""))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select:
            value = a.get("value", "")
            self._first_option.setdefault(self._select, value)
            if "selected" in a:
                self._selected.add(self._select)
                self._fields.append((self._select, value))

    def handle_data(self, data):
        if self._textarea and self._fields:
            name, text = self._fields[-1]
            self._fields[-1] = (name, text + data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            if self._select not in self._selected and self._fields is not None:
                self._fields.append((self._select, self._first_option.get(self._select, "")))
            self._select = None
        elif tag == "form":
            self._fields = None


def post_forms(page: str, url: str, choices: dict | None = None) -> list[tuple[str, dict]]:
    parser = _Forms()
    parser.feed(page)
    out = []
    for action, fields in parser.forms:
        data: dict[str, list[str]] = {}
        for name, value in fields:
            data.setdefault(name, []).append(value)
        for name, value in (choices or {}).items():
            data[name] = [parser.options.get(name, [""])[0] if value == "*" else value]
        out.append((urlsplit(action or url).path, data))
    return out


def start(client) -> list[str]:
    """Where the walk starts: every page with no parameter, the council's own records
    in the register, and each of its business cases' pages of records."""
    from sharedservices.cases.models import BusinessCase, CriterionEvidence
    from sharedservices.registry.models import Arrangement

    user = User.objects.get(email="lead-officer@lancaster.demo.example.org")
    own = Arrangement.objects.editable_by(user).order_by("pk")
    urls = [f"/register/{a.pk}/" for a in own[:3]]
    urls += [f"/register/{a.pk}/benefits/" for a in own.filter(indicators__isnull=False)[:1]]
    cases = BusinessCase.objects.visible_to(user).filter(lead_council=user.council)
    for related in ("risks", "consultation", "baselines"):
        case = cases.filter(**{f"{related}__isnull": False}).order_by("pk").first()
        if case is not None:
            urls.append(f"/cases/{case.pk}/{related}/")
    urls += [f"/cases/{case.pk}/reports/" for case in cases.order_by("pk")[:2]]
    # Evidence already written (a blank criterion's form makes a new record, once).
    written = CriterionEvidence.objects.filter(case__in=cases, council=user.council).first()
    if written is not None:
        urls.insert(0, f"/cases/{written.case_id}/criteria/{written.criterion_id}/")
    return urls + world_module.seeds()


def crawl(client, urls: list[str], per_route: int = 2, limit: int = 900) -> dict:
    """``world.crawl`` from ``urls``: every page reachable by links, a few of a kind."""
    seen: dict[str, object] = {}
    visits: dict[str, int] = {}
    queue = deque(urls)  # the council's own record pages first, then the rest
    while queue and len(seen) < limit:
        url = queue.popleft()
        route = world_module._route(url)
        if url in seen or visits.get(route, 0) >= per_route:
            continue
        visits[route] = visits.get(route, 0) + 1
        seen[url] = response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in world_module._HREF.findall(response.content.decode()):
            href, _ = urldefrag(href.replace("&amp;", "&"))
            parts = urlsplit(href)
            local = not (parts.scheme or parts.netloc or world_module.SKIP.match(parts.path))
            if local and parts.path.startswith("/") and href not in seen:
                queue.append(href)
    return seen


def errors(response) -> str:
    """The error summary's words, to say why a form was not saved."""
    page = response.content.decode()
    if "govuk-error-summary" not in page:
        return page[:300]
    summary = page[page.index("govuk-error-summary") :]
    return " ".join(summary[: summary.index("</ul>")].split())[:1500]


@pytest.fixture(scope="module")
def walked(django_db_setup, django_db_blocker):
    """The demo world (as ``manage.py demo`` builds it), crawled by Lancaster's lead
    officer; ``{view name: (address, drawn values)}`` of every POST form met."""
    from sharedservices.benefits.demo import load_demo_benefits
    from sharedservices.governance.demo import load_demo_governance

    with django_db_blocker.unblock(), transaction.atomic():
        world_module.build_world()
        load_demo_governance()
        load_demo_benefits()
        client = Client()
        force_login_verified(
            client, User.objects.get(email="lead-officer@lancaster.demo.example.org")
        )
        found: dict[str, tuple[str, dict]] = {}
        for url, response in crawl(client, start(client)).items():
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for action, data in post_forms(response.content.decode(), url):
                found.setdefault(resolve(action).view_name, (action, data))
        yield client, found
        transaction.set_rollback(True)


def test_every_form_met_is_classified(walked):
    _, found = walked
    unclassified = sorted(set(found) - EDIT_FORMS - set(NOT_EDITS))
    assert unclassified == [], "say whether each is an edit form (EDIT_FORMS) or not"


def test_the_walk_reaches_every_edit_form(walked):
    _, found = walked
    assert sorted(EDIT_FORMS - set(found)) == []


@pytest.mark.parametrize("name", sorted(EDIT_FORMS))
def test_a_stale_save_is_refused(walked, name):
    client, found = walked
    if name not in found:
        pytest.fail(f"the walk did not reach {name}")
    action, drawn = found[name]
    # Each form is drawn afresh: an earlier test may have saved its record.
    page = client.get(action).content.decode()
    (data,) = [d for a, d in post_forms(page, action, CHOICES.get(name)) if a == action]
    assert "revision" in data, f"{name} has no revision"
    revision = data["revision"][0]
    with transaction.atomic():
        stale = client.post(action, data | {"revision": [str(int(revision or 0) + 1000)]})
        missing = client.post(action, {k: v for k, v in data.items() if k != "revision"})
        for response in (stale, missing):
            assert response.status_code == 200, name
            assert TOLD in response.content.decode(), (name, errors(response))
        saved = client.post(action, data)
        assert saved.status_code == 302, (name, errors(saved))
        # A copy opened before that save is now stale, if the save moved the revision on.
        after = [
            d for a, d in post_forms(client.get(action).content.decode(), action) if a == action
        ]
        if after and after[0].get("revision", [revision])[0] != revision:
            # Refused, not saved (the move form may refuse first: the stage it would
            # move to is now the stage it is at).
            assert client.post(action, data).status_code == 200, name
        transaction.set_rollback(True)
