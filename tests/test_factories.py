"""Each factory builds a record the app itself would accept (``full_clean``), and a
factory of a child record builds its parents (``SubFactory``)."""

from __future__ import annotations

import pytest

from sharedservices.accounts.roles import Role
from tests.factories import (
    AnalysisJobFactory,
    ArrangementFactory,
    ArrangementPartnerFactory,
    BusinessCaseFactory,
    OpportunityFactory,
    OptionFactory,
    OptionLineFactory,
    UserFactory,
    council,
)
from tests.known import LANCASTER, PRESTON

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory",
    [
        AnalysisJobFactory,
        ArrangementFactory,
        ArrangementPartnerFactory,
        BusinessCaseFactory,
        OpportunityFactory,
        OptionFactory,
        OptionLineFactory,
    ],
)
def test_each_factory_builds_a_valid_record(factory):
    record = factory()
    record.full_clean()
    assert type(record).objects.filter(pk=record.pk).exists()


def test_a_job_input_is_one_the_analysis_accepts():
    from sharedservices.analysis import sharing

    result = sharing.run(AnalysisJobFactory().input)
    assert result["partners"] == [LANCASTER, PRESTON]
    assert {c: t["costs"] for c, t in result["totals"].items()} == {
        LANCASTER: 50000,
        PRESTON: 50000,
    }


def test_a_user_has_real_roles_and_signs_in():
    user = UserFactory(council=council(PRESTON), roles=[Role.DIRECTOR])
    assert user.council_id == PRESTON and user.has_role(Role.DIRECTOR)


def test_a_line_brings_its_option_and_case():
    line = OptionLineFactory(values={"2028": 5000})
    assert line.option.case.lead_council_id == LANCASTER
    assert list(line.option.case.options.all()) == [line.option]


def test_a_partner_brings_an_arrangement_with_no_other_partner():
    partner = ArrangementPartnerFactory(council=council(PRESTON))
    assert [p.council_id for p in partner.arrangement.partners.all()] == [PRESTON]
    arrangement = ArrangementFactory(partners=[PRESTON, LANCASTER])
    assert [(p.council_id, p.role) for p in arrangement.partners.order_by("pk")] == [
        (PRESTON, "lead"),
        (LANCASTER, "partner"),
    ]
