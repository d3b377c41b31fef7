"""A demo full business case is submitted only with what its stage requires: emptied of
its strategic case, the submission is refused (API and page) and the refusal names the
section; every other demo case went through its states with the rule in force."""

from __future__ import annotations

import json

import pytest

from sharedservices.accounts.demo import load_demo_users
from sharedservices.accounts.roles import Role
from sharedservices.cases import services as case_services
from sharedservices.cases.demo import load_demo_cases
from sharedservices.cases.models import BusinessCase, SectionPart
from sharedservices.governance.demo import load_demo_governance
from sharedservices.governance.models import CaseState

from .conftest import LANCASTER

TITLE = "Mid Lancashire revenues and benefits (demo)"


@pytest.fixture
def demo_fbc(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo_users()
    load_demo_cases()
    load_demo_governance()
    return BusinessCase.objects.get(title=TITLE, is_demo=True)


def _director(code=LANCASTER):
    from sharedservices.accounts.models import User

    slug = {"E07000121": "lancaster", "E07000123": "preston"}[code]
    return User.objects.get(email=f"{Role.DIRECTOR.value}@{slug}.demo.example.org")


def _empty_strategic_case(case):
    section = case.sections.get(part=SectionPart.STRATEGIC)
    case_services.case_section_update(
        section=section, user=_director(), body="", expected_revision=section.revision
    )


def test_a_demo_fbc_with_an_empty_strategic_case_cannot_be_submitted(client, demo_fbc):
    _empty_strategic_case(demo_fbc)
    client.force_login(_director())
    response = client.post(
        f"/api/v1/cases/{demo_fbc.pk}/actions",
        data=json.dumps({"action": "submit"}),
        content_type="application/json",
    )
    assert response.status_code == 409
    messages = [e["message"] for e in response.json()["errors"]]
    assert any("Strategic case" in m and "not written" in m for m in messages), messages
    # The criteria whose evidence points at the strategic case no longer count either,
    # each listed for its council.
    assert any(m.startswith("Not ready to submit: Policy criteria, Lancaster:") for m in messages)
    demo_fbc.refresh_from_db()
    assert demo_fbc.governance.state == CaseState.DRAFT
    # Every other demo case went through its states with the rule in force.
    assert demo_fbc.stage == "fbc"
    assert BusinessCase.objects.get(title="Mid Lancashire licensing (demo)").governance.state == (
        CaseState.LIVE
    )

    body = client.get(f"/api/v1/cases/{demo_fbc.pk}").json()
    strategic = [g for g in body["readiness"]["gaps"] if g["section"] == "Strategic case"]
    assert strategic[0]["council"] is None
    assert strategic[0]["url"] == f"/cases/{demo_fbc.pk}/sections/#strategic"


def test_the_page_refuses_too_and_links_each_gap(client, demo_fbc):
    _empty_strategic_case(demo_fbc)
    client.force_login(_director())
    response = client.post(f"/cases/{demo_fbc.pk}/governance/submit/", follow=True)
    page = response.content.decode()
    assert "Strategic case" in page and "not written yet" in page
    assert f'href="/cases/{demo_fbc.pk}/sections/#strategic"' in page
    assert 'data-gap-section="Policy criteria"' in page
    demo_fbc.refresh_from_db()
    assert demo_fbc.governance.state == CaseState.DRAFT

    # Written again, it goes.
    section = demo_fbc.sections.get(part=SectionPart.STRATEGIC)
    case_services.case_section_update(
        section=section,
        user=_director(),
        body="The case for change, written again.",
        expected_revision=section.revision,
    )
    client.post(f"/cases/{demo_fbc.pk}/governance/submit/")
    demo_fbc.refresh_from_db()
    assert demo_fbc.governance.state == CaseState.SUBMITTED
