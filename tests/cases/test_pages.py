"""The case pages through the test client: who sees what, who may write, conflicts."""

import pytest
from django.urls import reverse

from sharedservices.accounts.roles import Role
from sharedservices.cases import services
from sharedservices.cases.models import Baseline, CaseSection, Option, Risk, SectionPart
from tests.known import LANCASTER, PRESTON, WYRE_FOREST

from .conftest import SHARED_LINES, add_option, add_policy

pytestmark = pytest.mark.django_db

PAGES = [
    "detail",
    "edit",
    "sections",
    "options",
    "appraisal",
    "preferred",
    "criteria",
    "baselines",
    "risks",
    "risks-suggested",
    "risk-add",
    "consultation",
    "consultation-add",
    "staffing",
    "sharing",
    "versions",
    "compare",
    "baseline-add",
    "option-add",
]


@pytest.fixture
def full_case(case, lancaster_officer, councils):
    add_policy(councils[LANCASTER], [("a", "Benefit")])
    add_policy(councils[PRESTON], [("b", "Baselines")])
    add_option(case, lancaster_officer, "Shared service", SHARED_LINES)
    services.risks_add_suggested(case=case, user=lancaster_officer, keys=["savings-not-realised"])
    return case


def test_every_case_page_renders_for_the_lead_councils_officer(
    client, full_case, lancaster_officer
):
    client.force_login(lancaster_officer)
    for name in PAGES:
        response = client.get(reverse(f"cases:{name}", args=[full_case.pk]))
        assert response.status_code == 200, name
    page = client.get(reverse("cases:appraisal", args=[full_case.pk])).content.decode()
    assert 'data-npsv="Shared service"' in page and "<svg" in page
    assert "Distribution of the net present social value" in page


@pytest.mark.parametrize("name", PAGES)
def test_a_non_partner_councils_user_gets_404_everywhere(client, full_case, make_user, name):
    full_case.shared_with_partners = True
    full_case.save()
    client.force_login(make_user(WYRE_FOREST, Role.DIRECTOR))
    assert client.get(reverse(f"cases:{name}", args=[full_case.pk])).status_code == 404


def test_a_partner_sees_the_case_only_once_shared(
    client, full_case, preston_officer, lancaster_officer
):
    client.force_login(preston_officer)
    assert client.get(full_case.get_absolute_url()).status_code == 404
    assert "Shared revenues" not in client.get("/cases/").content.decode()
    client.force_login(lancaster_officer)
    client.post(reverse("cases:share", args=[full_case.pk]), {"shared": "yes"})
    client.force_login(preston_officer)
    assert client.get(full_case.get_absolute_url()).status_code == 200
    assert "Shared revenues" in client.get("/cases/").content.decode()


def test_a_partner_adds_own_baselines_and_comments_but_cannot_draft(
    client, full_case, preston_officer, councils
):
    services.case_share(case=full_case, user=full_case.versions.first().saved_by)
    client.force_login(preston_officer)
    section_url = reverse("cases:section-edit", args=[full_case.pk, "strategic"])
    assert client.get(section_url).status_code == 403
    assert client.post(section_url, {"body": "x", "revision": 1}).status_code == 403
    response = client.post(
        reverse("cases:baseline-add", args=[full_case.pk]),
        {
            "council": PRESTON,
            "kind": "cost",
            "measure": "Cost of the service",
            "value": "1200000",
            "unit": "£ a year",
            "as_at_0": "31",
            "as_at_1": "3",
            "as_at_2": "2025",
            "source": "2024/25 outturn",
            "revision": "",
        },
    )
    assert response.status_code == 302
    assert Baseline.objects.get(case=full_case).council_id == PRESTON
    listed = client.get(reverse("cases:baselines", args=[full_case.pk])).content.decode()
    assert "£1,200,000 a year" in listed  # money first, separated; not "1,200,000 £ a year"
    # Preston cannot write Lancaster's baselines: the council is not offered, and is refused.
    response = client.post(
        reverse("cases:baseline-add", args=[full_case.pk]),
        {
            "council": LANCASTER,
            "kind": "cost",
            "measure": "X",
            "value": "1",
            "unit": "£",
            "as_at_0": "1",
            "as_at_1": "1",
            "as_at_2": "2025",
            "source": "s",
        },
    )
    assert response.status_code == 200 and Baseline.objects.filter(case=full_case).count() == 1
    client.post(reverse("cases:sharing", args=[full_case.pk]), {"text": "Looks right to us."})
    assert full_case.comments.get().council_id == PRESTON


def test_members_read_but_do_not_draft(client, full_case, make_user):
    client.force_login(make_user(LANCASTER, Role.SCRUTINY_MEMBER))
    assert client.get(full_case.get_absolute_url()).status_code == 200
    assert client.get(reverse("cases:edit", args=[full_case.pk])).status_code == 403


def test_the_second_saver_sees_a_conflict_and_keeps_their_text(
    client, full_case, lancaster_officer, make_user
):
    url = reverse("cases:section-edit", args=[full_case.pk, "economic"])
    colleague = make_user(LANCASTER, Role.DIRECTOR)
    client.force_login(colleague)
    assert client.post(url, {"body": "Colleague's economic case", "revision": 1}).status_code == 302
    client.force_login(lancaster_officer)
    response = client.post(url, {"body": "My economic case", "revision": 1})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this while you were editing it" in page
    assert "My economic case</textarea>" in page  # nothing lost
    assert "Colleague&#x27;s economic case" in page  # theirs shown beside
    assert 'name="revision" value="2"' in page
    section = CaseSection.objects.get(case=full_case, part=SectionPart.ECONOMIC)
    assert section.body == "Colleague's economic case"
    # Saving again replaces it deliberately.
    assert client.post(url, {"body": "My economic case", "revision": 2}).status_code == 302
    section.refresh_from_db()
    assert section.body == "My economic case"


def test_a_stale_risk_edit_is_a_conflict(client, full_case, lancaster_officer):
    risk = Risk.objects.get(case=full_case)
    url = reverse("cases:risk-edit", args=[full_case.pk, risk.pk])
    data = {
        "description": "Savings slip",
        "cause": "",
        "likelihood": 3,
        "impact": 4,
        "owner": "s151",
        "mitigation": "",
        "residual_likelihood": 2,
        "residual_impact": 4,
        "status": "open",
        "revision": risk.revision,
    }
    client.force_login(lancaster_officer)
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "owner": "Head of Revenues"})
    assert "Someone else saved this" in response.content.decode()
    risk.refresh_from_db()
    assert risk.owner == "s151"


def test_version_comparison_page_shows_what_changed(client, full_case, lancaster_officer):
    client.force_login(lancaster_officer)
    url = reverse("cases:section-edit", args=[full_case.pk, "strategic"])
    client.post(url, {"body": "Small teams are fragile.", "revision": 1})
    client.post(url, {"body": "Small teams are not resilient.", "revision": 2})
    latest = full_case.versions.first().number
    page = client.get(
        reverse("cases:compare", args=[full_case.pk]), {"from": latest - 1, "to": latest}
    ).content.decode()
    assert "Strategic case" in page
    assert "fragile.</del>" in page and "not resilient.</ins>" in page


def test_an_officer_writes_a_case_and_the_appraisal_updates(client, lancaster_officer):
    client.force_login(lancaster_officer)
    response = client.post(
        reverse("cases:create"),
        {
            "title": "Joint building control",
            "stage": "soc",
            "partners": "Preston, E07000118",
            "start_year": 2026,
            "price_base_year": 2026,
            "horizon_years": 5,
            "monte_carlo_iterations": 1000,
            "summary": "",
        },
    )
    assert response.status_code == 302
    case_url = response.url
    pk = int(case_url.strip("/").split("/")[-1])
    client.post(
        reverse("cases:option-add", args=[pk]),
        {
            "name": "Lead authority",
            "delivery_model": "lead-authority",
            "ob_capital": "24",
            "ob_transition": "0",
            "ob_running": "0",
        },
    )
    option = Option.objects.get(case_id=pk, name="Lead authority")
    assert float(option.optimism_bias_capital) == 0.24
    response = client.post(
        reverse("cases:line-add", args=[pk, option.pk]),
        {
            "name": "Shared manager saving",
            "category": "cashable-saving",
            "partner": "",
            "year_2027": "60000",
            "year_2028": "60000",
            "distribution": "",
            "notes": "",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("cases:appraisal", args=[pk])).content.decode()
    assert 'data-appraisal="highest">Lead authority<' in page


def test_bad_partner_names_are_errors(client, lancaster_officer):
    client.force_login(lancaster_officer)
    response = client.post(
        reverse("cases:create"),
        {
            "title": "X",
            "stage": "soc",
            "partners": "Atlantis",
            "start_year": 2026,
            "price_base_year": 2026,
            "horizon_years": 5,
            "monte_carlo_iterations": 0,
        },
    )
    assert "There is no council “Atlantis”" in response.content.decode()
