"""Ready for scrutiny only when every criterion of every partner has complete evidence."""

import pytest

from sharedservices.cases.models import EvidenceStatus
from sharedservices.cases.readiness import case_readiness
from tests.known import LANCASTER, PRESTON

from .conftest import add_policy, give_evidence

pytestmark = pytest.mark.django_db


def test_readiness_lists_exactly_what_is_missing_per_council(case, councils, lancaster_officer):
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
        "Lancaster: 2 Staff",
        "Lancaster: 3 Exit",
        "Preston: 2 Baselines",
    ]


def test_a_case_is_ready_when_everything_is_evidenced(case, councils, lancaster_officer):
    for council in (councils[LANCASTER], councils[PRESTON]):
        version = add_policy(council, [("a", "Benefit")])
        give_evidence(case, version.criteria.get(), lancaster_officer)
    readiness = case_readiness(case)
    assert readiness.ready and readiness.missing == {} and readiness.without_policy == []


def test_a_partner_without_a_policy_stops_the_case_being_ready(case, councils, lancaster_officer):
    version = add_policy(councils[LANCASTER], [("a", "Benefit")])
    give_evidence(case, version.criteria.get(), lancaster_officer)
    readiness = case_readiness(case)
    assert not readiness.ready
    assert readiness.without_policy == [councils[PRESTON]]
    assert readiness.reasons() == ["Preston has no shared-services policy recorded"]
