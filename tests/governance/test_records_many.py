"""The dashboard reads every active case's governance records at once (issue 12, the
load goal): the same records as one case at a time, in a number of queries that does
not grow with the cases."""

from __future__ import annotations

from sharedservices.accounts.roles import Role
from sharedservices.cases import services as case_services
from sharedservices.cases.selectors import cases_visible_to
from sharedservices.governance.records import load_records, load_records_many
from sharedservices.governance.waiting import waiting_for
from tests.governance.conftest import LANCASTER, MID_LANCS, PRESTON, scrutinise_all


def _more_cases(people, councils, n):
    for i in range(n):
        case_services.case_create(
            user=people[LANCASTER][Role.OFFICER],
            title=f"Shared service {i}",
            stage="obc",
            partner_councils=[councils[PRESTON]],
            start_year=2026,
            monte_carlo_iterations=0,
        )


def _view(records):
    return (
        records.state,
        [c.pk for c in records.councils],
        sorted(records.exits),
        sorted(records.scrutiny),
        {code: [d.pk for d in made] for code, made in records.decisions.items() if made},
        sorted(records.withdrawals),
    )


def test_many_at_once_are_the_records_one_at_a_time(api, people, councils, ready_case):
    api.act(people[LANCASTER][Role.DIRECTOR], "submit")
    scrutinise_all(api, people)
    _more_cases(people, councils, 2)
    cases = list(cases_visible_to(people[LANCASTER][Role.OFFICER]))
    loaded = load_records_many(cases)
    assert set(loaded) == {c.pk for c in cases}
    for case in cases:
        assert _view(loaded[case.pk]) == _view(load_records(case))
    assert sorted(loaded[ready_case.pk].scrutiny) == sorted(MID_LANCS)


def test_the_dashboard_list_does_not_grow_in_queries_with_the_cases(
    people, councils, ready_case, django_assert_max_num_queries
):
    member = people[LANCASTER][Role.LEAD_OFFICER]
    with django_assert_max_num_queries(60) as one:
        waiting_for(member)
    _more_cases(people, councils, 4)
    assert len(list(cases_visible_to(member))) == 5
    with django_assert_max_num_queries(len(one.captured_queries)):
        waiting_for(member)
