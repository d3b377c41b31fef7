"""A case is checked against the version of each partner's policy in force."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from sharedservices.accounts.roles import Role
from sharedservices.cases import services
from sharedservices.cases.models import Policy
from sharedservices.cases.policy_templates import TEMPLATES
from sharedservices.cases.readiness import case_readiness
from tests.known import LANCASTER, PRESTON

from .conftest import add_policy, complete_case, give_evidence

pytestmark = pytest.mark.django_db


def test_the_version_in_force_is_the_latest_that_has_started(councils):
    v1 = add_policy(councils[LANCASTER], [("a", "A")], in_force_from=datetime.date(2020, 1, 1))
    v2 = add_policy(councils[LANCASTER], [("a", "A")], in_force_from=datetime.date(2024, 4, 1))
    future = add_policy(councils[LANCASTER], [("a", "A")], in_force_from=datetime.date(2999, 1, 1))
    policy = Policy.objects.get(council=councils[LANCASTER])
    assert [v1.number, v2.number, future.number] == [1, 2, 3]
    assert policy.version_in_force(datetime.date(2023, 1, 1)) == v1
    assert policy.version_in_force(datetime.date(2024, 4, 1)) == v2
    assert policy.version_in_force() == v2
    assert policy.version_in_force(datetime.date(2019, 12, 31)) is None


def test_a_case_is_checked_against_the_version_in_force(case, councils, lancaster_officer):
    case = complete_case(case, lancaster_officer)
    v1 = add_policy(councils[LANCASTER], [("benefit", "Clear benefit"), ("staff", "Staff")])
    add_policy(councils[PRESTON], [("vfm", "Value for money")])
    for criterion in v1.criteria.all():
        give_evidence(case, criterion, lancaster_officer)
    give_evidence(
        case,
        councils[PRESTON].shared_services_policy.versions.get().criteria.get(),
        lancaster_officer,
    )
    assert case_readiness(case).ready

    # Version 2 keeps "benefit" word for word, rewords "staff" and adds "exit".
    v2 = add_policy(
        councils[LANCASTER],
        [("benefit", "Clear benefit"), ("staff", "Staff consulted"), ("exit", "Exit terms")],
        in_force_from=datetime.date(2025, 1, 1),
    )
    readiness = case_readiness(case)
    assert not readiness.ready
    assert [c.key for c in readiness.missing[councils[LANCASTER]]] == ["staff", "exit"]
    assert all(c.version == v2 for c in readiness.missing[councils[LANCASTER]])
    # On a date before version 2, the case was checked against version 1 and was ready.
    assert case_readiness(case, on=datetime.date(2024, 6, 1)).ready


def test_adopting_a_template_copies_its_criteria_and_roles(councils, make_user):
    director = make_user(LANCASTER, Role.DIRECTOR)
    policy = services.policy_adopt_template(
        council=councils[LANCASTER], template="twelve-principles", user=director
    )
    version = policy.version_in_force()
    assert version.number == 1
    assert version.scrutiny_committee == "Corporate Resources Overview and Scrutiny Committee"
    assert version.criteria.count() == len(TEMPLATES["twelve-principles"].criteria) == 12


def test_only_a_councils_lead_officer_or_director_keeps_its_policy(councils, make_user):
    with pytest.raises(PermissionDenied):
        services.policy_adopt_template(
            council=councils[LANCASTER],
            template="eight-point-protocol",
            user=make_user(LANCASTER, Role.OFFICER),
        )
    with pytest.raises(PermissionDenied):
        services.policy_adopt_template(
            council=councils[LANCASTER],
            template="eight-point-protocol",
            user=make_user(PRESTON, Role.LEAD_OFFICER),
        )
