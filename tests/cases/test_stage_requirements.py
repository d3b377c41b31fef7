"""What each stage of a business case must hold before it is submitted (HM Treasury's
five cases), and evidence that counts only when it points at something the case holds."""

import pytest

from sharedservices.base.text import is_placeholder
from sharedservices.cases import services
from sharedservices.cases.models import BusinessCase, EvidenceSource, SectionPart
from sharedservices.cases.readiness import case_readiness
from sharedservices.cases.stage_requirements import STAGE_REQUIREMENTS
from tests.known import LANCASTER, PRESTON

from .conftest import add_policy, complete_case, give_evidence, write_sections

pytestmark = pytest.mark.django_db


def _keys(stage):
    return [r.key for r in STAGE_REQUIREMENTS[stage]]


def test_each_stage_asks_more_than_the_one_before():
    soc, obc, fbc = _keys("soc"), _keys("obc"), _keys("fbc")
    assert soc == ["strategic-case", "economic-case", "options"]
    assert set(soc) < set(obc) < set(fbc)
    assert {"preferred-option", "appraisal"} <= set(obc) - set(soc)
    assert set(fbc) - set(obc) == {"sharing-agreement", "risk-register", "consultation-record"}
    assert {"commercial-case", "financial-case", "management-case"} <= set(fbc)
    assert _keys("bjc") == fbc


@pytest.mark.parametrize(
    "text, placeholder",
    [
        ("", True),
        ("   \n", True),
        ("DRAFT, to be completed", True),
        ("draft, to be completed: the legal view", True),
        ("TBC", True),
        ("To be completed.", True),
        ("Lorem ipsum dolor sit amet", True),
        ("Draft proposals were put to staff in May.", False),
        ("The date of transfer is to be confirmed by the joint board.", False),
    ],
)
def test_what_counts_as_a_placeholder(text, placeholder):
    assert is_placeholder(text) is placeholder


def _gaps(case):
    return {(g.part, g.message) for g in case_readiness(case).gaps()}


def test_an_empty_full_business_case_lists_each_gap_by_section(case, lancaster_officer):
    BusinessCase.objects.filter(pk=case.pk).update(stage="fbc")
    case.refresh_from_db()
    for council in case.councils:
        add_policy(council, [("a", "Benefit")])
    readiness = case_readiness(case)
    assert not readiness.ready
    sections = [g.part for g in readiness.gaps() if g.council is None]
    assert sections.count("Strategic case") == 1
    assert {"Economic case", "Commercial case", "Financial case", "Management case"} <= set(
        sections
    )
    assert (
        "Strategic case",
        "The case for change is written: The strategic case is not written yet",
    ) in _gaps(case)
    assert (
        "Management case",
        "A risk register, each open risk with an owner and a mitigation:"
        " The risk register is empty",
    ) in _gaps(case)
    urls = {g.part: g.url for g in readiness.gaps() if g.council is None}
    assert urls["Strategic case"] == f"/cases/{case.pk}/sections/#strategic"
    # Each council's unevidenced criterion is listed for that council, linked to its form.
    criteria = [g for g in readiness.gaps() if g.council is not None]
    assert {g.council.pk for g in criteria} == {LANCASTER, PRESTON}
    assert all(g.url.startswith(f"/cases/{case.pk}/criteria/") for g in criteria)


def test_a_complete_case_meets_its_stage(case, councils, lancaster_officer):
    case = complete_case(case, lancaster_officer)
    for stage in ("soc", "obc", "fbc", "bjc"):
        BusinessCase.objects.filter(pk=case.pk).update(stage=stage)
        case.refresh_from_db()
        assert all(c.met for c in case_readiness(case).stage), stage


def test_a_placeholder_section_is_not_written(case, lancaster_officer):
    case = complete_case(case, lancaster_officer)
    section = case.sections.get(part=SectionPart.COMMERCIAL)
    services.case_section_update(
        section=section,
        user=lancaster_officer,
        body="DRAFT, to be completed",
        expected_revision=section.revision,
    )
    gaps = [c for c in case_readiness(case).stage if not c.met]
    assert [(c.requirement.key, c.reason) for c in gaps] == [
        ("commercial-case", "The commercial case is not written yet")
    ]


def test_an_open_risk_without_an_owner_leaves_the_register_incomplete(case, lancaster_officer):
    case = complete_case(case, lancaster_officer)
    BusinessCase.objects.filter(pk=case.pk).update(stage="fbc")
    case.refresh_from_db()
    case.risks.update(owner="")
    (gap,) = [c for c in case_readiness(case).stage if not c.met]
    assert gap.requirement.key == "risk-register"
    assert gap.reason == "1 open risk without an owner or a mitigation"


def test_evidence_pointing_at_an_unwritten_section_does_not_count(
    case, councils, lancaster_officer
):
    version = add_policy(councils[LANCASTER], [("a", "Benefit"), ("b", "Staff")])
    write_sections(case, lancaster_officer, parts=[SectionPart.ECONOMIC])
    a, b = version.criteria.all()
    give_evidence(case, a, lancaster_officer, where=SectionPart.STRATEGIC)  # not written
    give_evidence(case, b, lancaster_officer, where=SectionPart.ECONOMIC)  # written
    check = case_readiness(case).checks[0]
    assert check.missing == [a] and check.evidenced == [b]
    assert check.reasons[a.pk] == "It points at the strategic case, which is not written yet"


@pytest.mark.parametrize(
    "where, reason",
    [
        ("", "The evidence does not say where in the case it is shown"),
        (EvidenceSource.APPRAISAL, "It points at the appraisal result, which has no result"),
        (EvidenceSource.RISKS, "It points at the risk register, which is empty"),
        (
            EvidenceSource.CONSULTATION,
            "It points at the consultation record, which records no consultation",
        ),
        (EvidenceSource.AGREEMENT, "It points at the sharing agreement, which is not agreed"),
        (EvidenceSource.BASELINES, "It points at the baselines, which holds no baselines"),
    ],
)
def test_evidence_must_point_at_a_record_the_case_holds(
    case, councils, lancaster_officer, where, reason
):
    version = add_policy(councils[LANCASTER], [("a", "Benefit")])
    criterion = version.criteria.get()
    give_evidence(case, criterion, lancaster_officer, where=where)
    assert case_readiness(case).checks[0].reasons[criterion.pk] == reason


def test_the_same_evidence_counts_once_the_record_exists(case, councils, lancaster_officer):
    version = add_policy(councils[LANCASTER], [("a", "Benefit")])
    preston = add_policy(councils[PRESTON], [("x", "Value")])
    give_evidence(case, version.criteria.get(), lancaster_officer, where=EvidenceSource.RISKS)
    give_evidence(case, preston.criteria.get(), lancaster_officer, where=EvidenceSource.ECONOMIC)
    assert case_readiness(case).missing
    case = complete_case(case, lancaster_officer)
    assert case_readiness(case).ready


def test_the_criteria_page_shows_why_a_criterion_is_not_evidenced(
    client, case, councils, lancaster_officer
):
    version = add_policy(councils[LANCASTER], [("a", "Benefit")])
    criterion = version.criteria.get()
    give_evidence(
        case, criterion, lancaster_officer, text="Set out in the strategic case <script>x</script>"
    )
    client.force_login(lancaster_officer)
    page = client.get(f"/cases/{case.pk}/criteria/").content.decode()
    assert f'data-not-evidenced="{criterion.pk}"' in page
    assert "Not evidenced: It points at the strategic case, which is not written yet" in page
    assert "<script>x</script>" not in page


def test_the_case_page_shows_the_stage_checklist_with_links(client, case, lancaster_officer):
    client.force_login(lancaster_officer)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-stage-checklist="obc"' in page
    assert 'data-requirement="strategic-case" data-met="no"' in page
    assert f'href="/cases/{case.pk}/sections/#strategic"' in page
    write_sections(case, lancaster_officer, parts=[SectionPart.STRATEGIC])
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-requirement="strategic-case" data-met="yes"' in page


def test_an_unknown_source_is_refused_by_the_evidence_form(
    client, case, councils, lancaster_officer
):
    version = add_policy(councils[LANCASTER], [("a", "Benefit")])
    criterion = version.criteria.get()
    client.force_login(lancaster_officer)
    url = f"/cases/{case.pk}/criteria/{criterion.pk}/"
    client.get(url)
    response = client.post(
        url,
        {"evidence": "Shown", "where_shown": "the-moon", "status": "complete", "revision": 1},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not case.evidence.exists()
