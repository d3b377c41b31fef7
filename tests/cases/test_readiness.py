"""Ready for scrutiny only when every criterion of every partner has complete evidence."""

import datetime

import pytest

from sharedservices.cases.models import EvidenceStatus
from sharedservices.cases.readiness import case_readiness
from tests.known import LANCASTER, PRESTON

from .conftest import add_policy, complete_case, give_evidence

pytestmark = pytest.mark.django_db


def test_readiness_lists_exactly_what_is_missing_per_council(case, councils, lancaster_officer):
    case = complete_case(case, lancaster_officer)
    lancaster = add_policy(councils[LANCASTER], [("a", "Benefit"), ("b", "Staff"), ("c", "Exit")])
    preston = add_policy(councils[PRESTON], [("x", "Value for money"), ("y", "Baselines")])
    la, lb, lc = lancaster.criteria.all()
    px, py = preston.criteria.all()
    give_evidence(case, la, lancaster_officer)
    give_evidence(case, lb, lancaster_officer, status=EvidenceStatus.DRAFT)  # not yet complete
    give_evidence(case, px, lancaster_officer)
    give_evidence(case, py, lancaster_officer, text="   ")  # blank is not evidence

    readiness = case_readiness(case)

    assert readiness.ready is False
    assert readiness.missing == {councils[LANCASTER]: [lb, lc], councils[PRESTON]: [py]}
    assert readiness.missing_count == 3
    assert readiness.reasons() == [
        "Policy criteria, Lancaster: 2 Staff: The evidence is still a draft",
        "Policy criteria, Lancaster: 3 Exit: No evidence given yet",
        "Policy criteria, Preston: 2 Baselines: No evidence given yet",
    ]


def test_a_case_is_ready_when_everything_is_evidenced(case, councils, lancaster_officer):
    case = complete_case(case, lancaster_officer)
    for council in (councils[LANCASTER], councils[PRESTON]):
        version = add_policy(council, [("a", "Benefit")])
        give_evidence(case, version.criteria.get(), lancaster_officer)
    readiness = case_readiness(case)
    assert readiness.ready and readiness.missing == {} and readiness.without_policy == []


def test_a_partner_without_a_policy_stops_the_case_being_ready(case, councils, lancaster_officer):
    case = complete_case(case, lancaster_officer)
    version = add_policy(councils[LANCASTER], [("a", "Benefit")])
    give_evidence(case, version.criteria.get(), lancaster_officer)
    readiness = case_readiness(case)
    assert not readiness.ready
    assert readiness.without_policy == [councils[PRESTON]]
    assert readiness.reasons() == [
        "Policy criteria, Preston: Preston has no shared-services policy recorded"
    ]


def test_readiness_reads_the_policies_in_a_fixed_number_of_queries(
    case, councils, lancaster_officer, django_assert_max_num_queries
):
    """The case page and the dashboard check every case: three queries per partner
    council (policy, version, criteria) grew with the partnership; now two in all."""
    from sharedservices.cases.models import BusinessCase

    for code in (LANCASTER, PRESTON):
        add_policy(councils[code], [("a", "Benefit")], in_force_from=datetime.date(2020, 1, 1))
        add_policy(
            councils[code],
            [("a", "Benefit"), ("b", "Exit")],
            in_force_from=datetime.date(2099, 1, 1),
        )  # fmt: skip  (not yet in force)
    fresh = BusinessCase.objects.prefetch_related("partner_councils").get(pk=case.pk)
    with django_assert_max_num_queries(50) as two:
        small = case_readiness(fresh)
    more = ["E07000118", "E07000127", "E07000126"]  # Chorley, West Lancashire, South Ribble
    for code in more:
        add_policy(councils[code], [("a", "Benefit")])
    case.partner_councils.add(*[councils[c] for c in more])
    fresh = BusinessCase.objects.prefetch_related("partner_councils").get(pk=case.pk)
    with django_assert_max_num_queries(len(two.captured_queries)):
        large = case_readiness(fresh)
    assert [len(c.criteria) for c in small.checks] == [1, 1]  # the version in force, not 2099's
    assert len(large.checks) == 5 and all(len(c.criteria) == 1 for c in large.checks)
