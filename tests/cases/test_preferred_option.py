"""The overview flags a preferred option other than the highest-NPSV one."""

import pytest

from sharedservices.cases import services
from tests.cases.conftest import SHARED_LINES, add_option

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_option(case, lancaster_officer):
    lines = [
        {**line, "kind": "cost" if line["category"] == "capital" else "benefit"}
        for line in SHARED_LINES
    ]
    return add_option(case, lancaster_officer, "Shared service", lines)


def test_overview_warns_when_the_preferred_option_is_not_the_highest_npsv(
    client, case, shared_option, lancaster_officer
):
    from sharedservices.cases.models import BusinessCase

    case.refresh_from_db()
    do_nothing = case.options.get(is_do_nothing=True)
    best = case.appraisal["preferred_option"]
    chosen = do_nothing if best != do_nothing.name else shared_option
    services.case_preferred_option_update(
        case=case,
        user=lancaster_officer,
        option=chosen,
        reasons="Members prefer it.",
        expected_revision=BusinessCase.objects.get(pk=case.pk).revision,
    )
    client.force_login(lancaster_officer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "data-preferred-differs" in page
