"""Each council's statutory officers, set only by its corporate director or a platform
administrator; only the holder or the named deputy signs off the financial (s.151) and
legal (monitoring officer) implications, and a sign-off is voided when its words change."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from sharedservices.accounts.models import StatutoryOfficer, User
from sharedservices.accounts.roles import Role
from sharedservices.accounts.statutory import statutory_officer_set
from sharedservices.base.revisions import UNCHECKED
from sharedservices.governance.models import AuditEvent
from sharedservices.reports import services
from sharedservices.reports.models import Meeting, Report
from tests.known import LANCASTER, PRESTON

pytestmark = pytest.mark.django_db
PAGE = f"/reports/statutory-officers/{LANCASTER}/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _revision(client, url) -> str:
    html = client.get(url).content.decode()
    assert 'name="revision"' in html
    found = re.search(r'name="revision" value="(\d*)"', html)
    return found.group(1) if found else ""


def test_a_director_records_the_section_151_officer_and_it_is_audited(make_user):
    director = make_user(LANCASTER, Role.DIRECTOR)
    holder, deputy = make_user(LANCASTER), make_user(LANCASTER)
    client = _client(director)
    url = PAGE + "s151/"
    response = client.post(
        url, {"holder": holder.pk, "deputy": deputy.pk, "revision": _revision(client, url)}
    )
    assert response.status_code == 302
    officer = StatutoryOfficer.objects.get(council_id=LANCASTER, post="s151")
    assert (officer.holder, officer.deputy) == (holder, deputy)
    event = AuditEvent.objects.get(action="council.statutory_officer_set")
    assert event.after["holder"]["id"] == holder.pk and event.before is None
    page = client.get(PAGE).content.decode()
    assert holder.full_name in page and f"Deputy: {deputy.full_name}" in page


def test_another_councils_users_cannot_see_or_set_them(make_user):
    preston_director = _client(make_user(PRESTON, Role.DIRECTOR))
    lancaster_person = make_user(LANCASTER)
    assert preston_director.get(PAGE).status_code == 404
    assert preston_director.get(PAGE + "s151/").status_code == 404
    response = preston_director.post(PAGE + "s151/", {"holder": lancaster_person.pk})
    assert response.status_code == 404
    assert not StatutoryOfficer.objects.exists()
    with pytest.raises(PermissionDenied):
        statutory_officer_set(
            council=lancaster_person.council,
            post="s151",
            holder=lancaster_person,
            deputy=None,
            by=make_user(PRESTON, Role.DIRECTOR),
        )


def test_only_the_director_or_an_administrator_sets_them(make_user):
    officer = _client(make_user(LANCASTER, Role.OFFICER))
    holder = make_user(LANCASTER)
    assert officer.get(PAGE).status_code == 200  # the council's users read them
    assert officer.post(PAGE + "s151/", {"holder": holder.pk}).status_code == 403
    admin = make_user(None, is_superuser=True)
    statutory_officer_set(
        council=holder.council, post="monitoring", holder=holder, deputy=None, by=admin
    )
    assert StatutoryOfficer.objects.get(post="monitoring").holder == holder


def test_hostile_and_wrong_input_is_refused_and_changes_nothing(make_user):
    director = make_user(LANCASTER, Role.DIRECTOR)
    client = _client(director)
    person = make_user(LANCASTER)
    outsider = make_user(PRESTON)
    assert client.get(PAGE + "treasurer/").status_code == 404
    assert client.get("/reports/statutory-officers/NOT-A-CODE/").status_code == 404
    url = PAGE + "s151/"
    for data, message in [
        ({"holder": outsider.pk}, "Choose a user of this council"),
        ({"holder": "<script>alert(1)</script>"}, "Choose a user of this council"),
        ({"holder": person.pk, "deputy": person.pk}, "someone other than the holder"),
        ({}, "Choose who holds the post"),
    ]:
        response = client.post(url, {**data, "revision": ""})
        page = response.content.decode()
        assert response.status_code == 200 and message in page, message
        assert "<script>alert(1)</script>" not in page
    assert not StatutoryOfficer.objects.exists()
    with pytest.raises(ValidationError):
        statutory_officer_set(
            council=person.council, post="s151", holder=outsider, deputy=None, by=director
        )


def test_a_second_saver_is_told_not_overwritten(make_user):
    director = make_user(LANCASTER, Role.DIRECTOR)
    first, second = make_user(LANCASTER), make_user(LANCASTER)
    client = _client(director)
    url = PAGE + "s151/"
    statutory_officer_set(
        council=first.council, post="s151", holder=first, deputy=None, by=director
    )
    stale = _revision(client, url)
    statutory_officer_set(
        council=first.council,
        post="s151",
        holder=second,
        deputy=None,
        by=director,
        expected_revision=int(stale),
    )
    response = client.post(url, {"holder": first.pk, "revision": stale})
    assert (
        response.status_code == 200 and "Someone else saved this post" in response.content.decode()
    )
    assert StatutoryOfficer.objects.get().holder == second


@pytest.fixture
def report(lancaster_report, make_user):
    return lancaster_report


def _sign(report, user, kind="financial", text="Costs are in section 5.", **extra):
    return services.implication_save(
        report=report, user=user, kind=kind, text=text, sign_off=True, **extra
    )


def test_signing_off_as_s151_without_holding_the_post_is_refused(report, make_user):
    director = make_user(LANCASTER, Role.DIRECTOR)
    holder, deputy = make_user(LANCASTER), make_user(LANCASTER)
    monitoring = make_user(LANCASTER)
    statutory_officer_set(
        council=holder.council,
        post="s151",
        holder=holder,
        deputy=deputy,
        by=director,
        expected_revision=UNCHECKED,
    )
    statutory_officer_set(
        council=holder.council,
        post="monitoring",
        holder=monitoring,
        deputy=None,
        by=director,
        expected_revision=UNCHECKED,
    )
    for someone in (director, monitoring, make_user(LANCASTER, Role.LEAD_OFFICER)):
        with pytest.raises(ValidationError, match="Only Lancaster's chief finance officer"):
            _sign(report, someone)
    assert not report.implications.exists()
    # Preston's chief finance officer cannot sign Lancaster's either.
    preston_director = make_user(PRESTON, Role.DIRECTOR)
    preston_s151 = make_user(PRESTON, Role.DIRECTOR)
    statutory_officer_set(
        council=preston_s151.council,
        post="s151",
        holder=preston_s151,
        deputy=None,
        by=preston_director,
        expected_revision=UNCHECKED,
    )
    with pytest.raises(PermissionDenied):
        _sign(report, preston_s151)
    # The deputy signs, as the deputy, in their own name.
    signed = _sign(report, deputy)
    assert signed.is_signed and signed.signed_off_by == deputy.full_name
    assert signed.signed_off_role.startswith("Deputy to the chief finance officer")
    # The monitoring officer signs the legal implications, not the financial ones.
    assert _sign(report, monitoring, kind="legal", text="Section 101 applies.").is_signed


def test_the_page_refuses_a_sign_off_by_someone_without_the_post(report, make_user):
    officer = make_user(LANCASTER, Role.OFFICER)
    client = _client(officer)
    url = f"/cases/{report.case_id}/reports/{LANCASTER}/executive/implications/financial/"
    response = client.post(url, {"text": "Costs in section 5.", "sign_off": "on", "revision": 0})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Only Lancaster&#x27;s chief finance officer" in page or (
        "Only Lancaster's chief finance officer" in page
    )
    assert not Report.objects.get(pk=report.pk).implications.exists()
    # Saving the words without signing is allowed: they wait for the officer.
    assert client.post(url, {"text": "Costs in section 5.", "revision": 0}).status_code == 302
    implication = report.implications.get()
    assert not implication.is_signed
    page = client.get(url.rsplit("implications", 1)[0]).content.decode()
    assert "Written, not signed off" in page


def test_changing_the_words_voids_the_sign_off(report, make_user):
    director = make_user(LANCASTER, Role.DIRECTOR)
    holder = make_user(LANCASTER)
    statutory_officer_set(
        council=holder.council,
        post="s151",
        holder=holder,
        deputy=None,
        by=director,
        expected_revision=UNCHECKED,
    )
    signed = _sign(report, holder, officer_comments="Agreed.")
    assert signed.is_signed
    changed = services.implication_save(
        report=report,
        user=make_user(LANCASTER, Role.OFFICER),
        kind="financial",
        text="Costs are in section 5, and now more.",
        officer_comments="Agreed.",
    )
    assert not changed.is_signed and changed.signed_off_at is None
    assert AuditEvent.objects.filter(action="report.implication_sign_off_voided").count() == 1
    from sharedservices.reports.document import report_document

    document = report_document(Report.objects.get(pk=report.pk))
    section = next(s for s in document.sections if s.key == "implication-financial")
    assert any(b.kind == "draft" for b in section.blocks)
    # Words changed by any other door (no service) void it too: the digest no longer matches.
    resigned = _sign(report, holder, text="Costs are in section 5.")
    assert resigned.is_signed
    type(resigned).objects.filter(pk=resigned.pk).update(text="Something else")
    assert not type(resigned).objects.get(pk=resigned.pk).is_signed


def test_demo_councils_have_their_statutory_officers(demo_case):
    for code in (LANCASTER, PRESTON):
        posts = set(StatutoryOfficer.objects.filter(council_id=code).values_list("post", flat=True))
        assert posts == {"s151", "monitoring", "head-of-paid-service"}
    holder = StatutoryOfficer.objects.get(council_id=LANCASTER, post="s151").holder
    assert holder.email == "s151-officer@lancaster.demo.example.org"
    assert holder.council_id == LANCASTER and Meeting.EXECUTIVE
    assert User.objects.filter(email__startswith="monitoring-officer@").count() == 9
