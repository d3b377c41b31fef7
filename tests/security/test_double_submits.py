"""A double-submitted risk, comment or arrangement creates one record (issue 12, item 5):
create forms carry a one-time token, and the API's create endpoints take an
``Idempotency-Key`` header. The PostgreSQL test sends both copies at the same moment."""

from __future__ import annotations

import json
import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from sharedservices.accounts.roles import Role
from sharedservices.cases import services
from sharedservices.cases.models import CaseComment, Risk
from sharedservices.registry.models import Arrangement
from tests.known import LANCASTER, PRESTON


def token_in(page: str) -> str:
    match = re.search(r'name="submission" value="([^"]+)"', page)
    assert match, "the form carries no one-time token"
    return match.group(1)


ARRANGEMENT_FORM = {
    "name": "Shared payroll",
    "councils": f"{LANCASTER}\n{PRESTON}",
    "lead_council": LANCASTER,
    "delivery_model": "lead-authority",
    "status": "live",
    "savings_basis": "estimated",
}
RISK_FORM = {
    "description": "Staff leave during the transfer",
    "likelihood": 3,
    "impact": 4,
    "residual_likelihood": 2,
    "residual_impact": 3,
    "status": "open",
}


@pytest.fixture
def case(make_user, councils):
    officer = make_user(LANCASTER, Role.OFFICER)
    case = services.case_create(
        user=officer,
        title="Shared revenues and benefits",
        stage="obc",
        partner_councils=[councils[PRESTON]],
        start_year=2026,
    )
    return case, officer


@pytest.mark.django_db
def test_a_double_submitted_arrangement_is_recorded_once(client, make_user):
    client.force_login(make_user(LANCASTER))
    form = {
        **ARRANGEMENT_FORM,
        "submission": token_in(client.get("/register/add/").content.decode()),
    }
    first, second = client.post("/register/add/", form), client.post("/register/add/", form)
    assert first.status_code == second.status_code == 302
    assert Arrangement.objects.count() == 1
    assert first.url == second.url == Arrangement.objects.get().get_absolute_url()
    # A fresh form is a fresh token: the same words sent again on purpose are a new record.
    form["submission"] = token_in(client.get("/register/add/").content.decode())
    assert client.post("/register/add/", form).status_code == 302
    assert Arrangement.objects.count() == 2


@pytest.mark.django_db
def test_a_double_submitted_risk_is_recorded_once(client, case):
    case, officer = case
    client.force_login(officer)
    url = reverse("cases:risk-add", args=[case.pk])
    form = {**RISK_FORM, "submission": token_in(client.get(url).content.decode())}
    responses = [client.post(url, form) for _ in range(3)]
    assert {r.status_code for r in responses} == {302}
    assert Risk.objects.filter(case=case).count() == 1


@pytest.mark.django_db
def test_a_double_submitted_comment_is_recorded_once(client, case):
    case, officer = case
    client.force_login(officer)
    url = reverse("cases:sharing", args=[case.pk])
    form = {"text": "Looks right to us.", "submission": token_in(client.get(url).content.decode())}
    assert client.post(url, form).status_code == client.post(url, form).status_code == 302
    assert CaseComment.objects.filter(case=case).count() == 1


@pytest.mark.django_db
def test_a_refused_submission_leaves_its_token_unused(client, make_user):
    client.force_login(make_user(LANCASTER))
    token = token_in(client.get("/register/add/").content.decode())
    bad = {**ARRANGEMENT_FORM, "councils": PRESTON, "lead_council": "", "submission": token}
    page = client.post("/register/add/", bad)
    assert page.status_code == 200 and not Arrangement.objects.exists()
    assert token_in(page.content.decode()) == token  # corrected and sent again: it counts
    assert (
        client.post("/register/add/", {**ARRANGEMENT_FORM, "submission": token}).status_code == 302
    )
    assert Arrangement.objects.count() == 1


API_BODY = {
    "name": "Shared ICT",
    "status": "live",
    "delivery_model": "lead-authority",
    "councils": [LANCASTER, PRESTON],
}


def api_post(client, body, key=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(
        "/api/v1/arrangements", json.dumps(body), content_type="application/json", **headers
    )


@pytest.mark.django_db
def test_an_api_retry_with_the_same_idempotency_key_records_once(client, make_user):
    client.force_login(make_user(LANCASTER))
    first = api_post(client, API_BODY, key="order-7f3a")
    again = api_post(client, API_BODY, key="order-7f3a")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Arrangement.objects.count() == 1
    # The same key with another body is a client's mistake, said at the header.
    other = api_post(client, {**API_BODY, "name": "Shared HR"}, key="order-7f3a")
    assert other.status_code == 422
    assert other.json()["errors"][0]["path"] == "header.Idempotency-Key"
    for bad in ("", "x" * 201, "caf\u00e9"):
        response = api_post(client, API_BODY, key=bad)
        assert response.status_code == 422, bad
    assert Arrangement.objects.count() == 1
    # Keys are per user: another officer's same key is their own.
    client.force_login(make_user(PRESTON))
    assert api_post(client, API_BODY, key="order-7f3a").status_code == 201
    assert Arrangement.objects.count() == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (CI runs it)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_copies_sent_at_the_same_moment_make_one_record(make_user):
    user = make_user(LANCASTER)
    browser = Client()
    browser.force_login(user)
    token = token_in(browser.get("/register/add/").content.decode())
    form = {**ARRANGEMENT_FORM, "submission": token}
    start = threading.Barrier(4)
    statuses, errors = [], []

    def send(kind):
        try:
            c = Client()
            c.force_login(user)
            start.wait(timeout=10)
            if kind == "form":
                statuses.append(c.post("/register/add/", form).status_code)
            else:
                statuses.append(api_post(c, API_BODY, key="same-moment").status_code)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(k,)) for k in ("form", "form", "api", "api")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert sorted(statuses) == [201, 201, 302, 302]
    assert Arrangement.objects.filter(name="Shared payroll").count() == 1
    assert Arrangement.objects.filter(name="Shared ICT").count() == 1
