"""The sharing agreement tab: each line of an option split among the partners by
an agreed basis, adding up to the appraisal, with the "better off than alone" check."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from sharedservices.cases import services
from sharedservices.cases.models import Baseline, OptionLine, SharingAgreement
from tests.cases.conftest import SHARED_LINES, add_option
from tests.known import LANCASTER, PRESTON, WYRE_FOREST

pytestmark = pytest.mark.django_db


def set_baseline(case, user, code, value):
    services.case_record_save(
        case=case,
        record=Baseline(
            case=case,
            council_id=code,
            kind="cost",
            measure="Net cost of the service",
            value=value,
            unit="£ a year",
            as_at=datetime.date(2026, 4, 1),
            source="Budget book",
        ),
        user=user,
    )


@pytest.fixture
def shared_option(case, lancaster_officer):
    return add_option(
        case,
        lancaster_officer,
        "Shared service",
        [
            {**line, "kind": "cost" if line["category"] == "capital" else "benefit"}
            for line in SHARED_LINES
        ],
    )


def agree(case, user, option, bases=None, custom_pct=None):
    case.refresh_from_db()
    return services.sharing_agreement_save(
        case=case,
        user=user,
        option=option,
        bases=bases or {},
        custom_pct=custom_pct or {},
        expected_revision=None,
    )


def pvs(case, option):
    figures = next(o for o in case.appraisal["options"] if o["name"] == option.name)
    return {line["name"]: line["pv"] for line in figures["lines"]}, figures["npsv"]


def test_equal_split_adds_up_to_the_npsv(case, shared_option, lancaster_officer):
    agreement = agree(case, lancaster_officer, shared_option)
    assert agreement.errors == []
    line_pv, npsv = pvs(case, shared_option)
    partners = {p["code"]: p for p in agreement.result["partners"]}
    assert set(partners) == {LANCASTER, PRESTON}
    assert partners[LANCASTER]["net"] == pytest.approx(npsv / 2, abs=0.02)
    assert sum(p["net"] for p in partners.values()) == pytest.approx(npsv, abs=0.02)
    assert agreement.result["everyone_better_off"] is (npsv >= 0)


def test_baseline_cost_split_follows_the_baselines(case, shared_option, lancaster_officer):
    set_baseline(case, lancaster_officer, LANCASTER, 2_900_000)
    set_baseline(case, lancaster_officer, PRESTON, 3_100_000)
    agreement = agree(
        case,
        lancaster_officer,
        shared_option,
        bases={"Staff savings": "baseline_cost", "ICT integration": "equal"},
    )
    line_pv, _ = pvs(case, shared_option)
    staff = next(line for line in agreement.result["lines"] if line["name"] == "Staff savings")
    # By hand: Lancaster's share is 2.9m / 6.0m of the line's present value.
    assert staff["shares"][LANCASTER] == pytest.approx(line_pv["Staff savings"] * 29 / 60, abs=0.02)
    assert "Lancaster receives" in staff["explanations"][LANCASTER]


def test_custom_percentages_and_a_partner_worse_off(case, shared_option, lancaster_officer):
    agreement = agree(
        case,
        lancaster_officer,
        shared_option,
        bases={"Staff savings": "custom", "ICT integration": "equal"},
        custom_pct={LANCASTER: 100.0, PRESTON: 0.0},
    )
    partners = {p["code"]: p for p in agreement.result["partners"]}
    # Preston pays half the ICT and receives none of the savings: worse off than alone.
    assert partners[PRESTON]["net"] < 0 and not partners[PRESTON]["better_off"]
    assert agreement.result["everyone_better_off"] is False


def test_a_partners_own_line_stays_with_it(case, shared_option, lancaster_officer):
    services.option_line_save(
        line=OptionLine(
            option=shared_option,
            name="Preston's redundancy costs",
            kind="cost",
            category="transition",
            partner_id=PRESTON,
            values={"2026": 100000},
        ),
        user=lancaster_officer,
    )
    agreement = agree(case, lancaster_officer, shared_option)
    partners = {p["code"]: p for p in agreement.result["partners"]}
    assert partners[PRESTON]["own_costs"] == pytest.approx(100000)
    assert partners[LANCASTER]["own_costs"] == 0
    assert "Preston's redundancy costs" not in {line["name"] for line in agreement.result["lines"]}


def test_missing_baseline_is_a_clear_error_naming_the_council(
    case, shared_option, lancaster_officer
):
    set_baseline(case, lancaster_officer, LANCASTER, 2_900_000)
    agreement = agree(
        case, lancaster_officer, shared_option, bases={"Staff savings": "baseline_cost"}
    )
    assert agreement.result is None
    assert any("Preston" in e["path"] or "Preston" in e["message"] for e in agreement.errors)


def test_agreement_is_recomputed_when_the_appraisal_changes(case, shared_option, lancaster_officer):
    agree(case, lancaster_officer, shared_option)
    line = shared_option.lines.get(name="ICT integration")
    line.values = {"2026": 500000, "2027": 50000}
    services.option_line_save(line=line, user=lancaster_officer, expected_revision=line.revision)
    case.refresh_from_db()
    _, npsv = pvs(case, shared_option)
    agreement = SharingAgreement.objects.get(case=case)
    assert sum(p["net"] for p in agreement.result["partners"]) == pytest.approx(npsv, abs=0.02)


def test_only_the_lead_councils_drafters_may_save(case, shared_option, preston_officer):
    with pytest.raises(PermissionDenied):
        services.sharing_agreement_save(
            case=case,
            user=preston_officer,
            option=shared_option,
            bases={},
            custom_pct={},
            expected_revision=None,
        )


def test_page_saves_and_shows_the_split(client, case, shared_option, lancaster_officer):
    client.force_login(lancaster_officer)
    url = f"/cases/{case.pk}/agreement/"
    page = client.get(url).content.decode()
    assert "Agree the bases" in page and "Staff savings (benefit)" in page
    response = client.post(
        url, {"option": shared_option.pk, "basis_0": "equal", "basis_1": "households"}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "What each council pays, receives and gains" in page
    assert f'data-net="{PRESTON}"' in page


def test_page_custom_percentages_must_add_up(client, case, shared_option, lancaster_officer):
    client.force_login(lancaster_officer)
    page = client.post(
        f"/cases/{case.pk}/agreement/",
        {
            "option": shared_option.pk,
            "basis_0": "custom",
            "basis_1": "equal",
            f"pct_{LANCASTER}": "60",
            f"pct_{PRESTON}": "30",
        },
    ).content.decode()
    assert "govuk-error-summary" in page and "adding up to 100" in page
    assert not SharingAgreement.objects.filter(case=case).exists()


def test_other_councils_get_404(client, case, make_user):
    client.force_login(make_user(WYRE_FOREST))
    assert client.get(f"/cases/{case.pk}/agreement/").status_code == 404


def test_a_second_saver_is_told_and_sees_the_first_savers_split(
    client, case, shared_option, lancaster_officer
):
    """Two officers open the page at the same revision; the first saves, the second is
    shown the conflict with the first's figures, and nothing of the first is lost."""
    agree(case, lancaster_officer, shared_option)  # revision 1, every line equal
    client.force_login(lancaster_officer)
    url = f"/cases/{case.pk}/agreement/"
    assert 'name="revision" value="1"' in client.get(url).content.decode()
    first = {"option": shared_option.pk, "basis_0": "equal", "basis_1": "households"}
    assert client.post(url, {**first, "revision": "1"}).status_code == 302
    second = {**first, "basis_0": "households", "basis_1": "equal", "revision": "1"}
    response = client.post(url, second)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this while you were editing it" in page
    assert "What each council pays, receives and gains" in page  # the first saver's split
    saved = SharingAgreement.objects.get(case=case)
    assert list(saved.bases.values()) == ["equal", "households"]
    assert 'name="revision" value="2"' in page  # saving again replaces it, knowingly
    assert client.post(url, {**second, "revision": "2"}).status_code == 302
    assert list(SharingAgreement.objects.get(case=case).bases.values()) == ["households", "equal"]


def test_the_agreement_page_without_an_option_to_share(client, case, lancaster_officer):
    client.force_login(lancaster_officer)
    page = client.get(f"/cases/{case.pk}/agreement/").content.decode()
    assert "Add an option besides doing nothing" in page
