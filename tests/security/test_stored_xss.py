"""The two stored-XSS holes found in the attack of issue 12: a label built from an
option line's name, and a ``javascript:`` source address sent through the API."""

import json

import pytest

from sharedservices.accounts.roles import Role
from sharedservices.registry.links import web_address_problem
from tests.cases.conftest import add_option
from tests.known import LANCASTER, PRESTON

pytestmark = pytest.mark.django_db

PAYLOAD = "<script>alert(1)</script>"


@pytest.fixture
def case(make_user, councils):
    from sharedservices.cases import services

    officer = make_user(LANCASTER, Role.OFFICER)
    case = services.case_create(
        user=officer,
        title="Shared revenues and benefits",
        stage="obc",
        partner_councils=[councils[PRESTON]],
        start_year=2026,
    )
    add_option(
        case,
        officer,
        "Shared service",
        [{"name": PAYLOAD, "category": "cashable-saving", "kind": "benefit",
          "values": {"2027": 1000}}],
    )  # fmt: skip
    return case, officer


def test_a_line_named_like_a_script_is_shown_as_text_on_the_agreement(client, case):
    case, officer = case
    client.force_login(officer)
    page = client.get(f"/cases/{case.pk}/agreement/").content.decode()
    assert PAYLOAD not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.domain)//",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "ftp://example.org/paper.pdf",
        "//evil.example.org/x",
        "https://",
        "https://exa mple.org/",
        "http://example.org/\x00",
    ],
)
def test_only_http_and_https_addresses_pass_the_rule(url):
    assert web_address_problem(url) is not None


@pytest.mark.parametrize(
    "url", ["https://example.org/paper.pdf", "http://moderngov.lancaster.gov.uk/x?a=1&b=2"]
)
def test_ordinary_web_addresses_pass_the_rule(url):
    assert web_address_problem(url) is None


def _post(client, url):
    payload = {
        "name": "Shared ICT",
        "status": "live",
        "delivery_model": "lead-authority",
        "councils": [LANCASTER, PRESTON],
        "source_url": url,
    }
    return client.post("/api/v1/arrangements", json.dumps(payload), content_type="application/json")


def test_the_api_refuses_a_javascript_source(client, make_user):
    client.force_login(make_user(LANCASTER))
    response = _post(client, "javascript:alert(document.domain)//")
    assert response.status_code == 422, response.content
    assert "source_url" in json.dumps(response.json())
    response = _post(client, "https://example.org/paper.pdf")
    assert response.status_code == 201
    pk = response.json()["id"]
    response = client.patch(
        f"/api/v1/arrangements/{pk}",
        json.dumps({"source_url": "javascript:alert(1)"}),
        content_type="application/json",
    )
    assert response.status_code == 422


def test_the_register_form_refuses_a_javascript_source(client, make_user):
    client.force_login(make_user(LANCASTER))
    response = client.post(
        "/register/add/",
        {
            "name": "Shared ICT",
            "status": "live",
            "delivery_model": "lead-authority",
            "councils": LANCASTER,
            "savings_basis": "estimated",
            "source_url": "javascript:alert(1)",
        },
    )
    assert response.status_code == 200
    assert "Source must be a web address" in response.content.decode()
