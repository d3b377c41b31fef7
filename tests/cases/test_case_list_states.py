"""/cases/ shows each case's workflow state as governance records it, and filters by it."""

from __future__ import annotations

import pytest

from sharedservices.cases import services
from sharedservices.governance.models import CaseGovernance
from tests.known import PRESTON

pytestmark = pytest.mark.django_db


def test_the_list_shows_and_filters_by_workflow_state(client, case, lancaster_officer, councils):
    live = services.case_create(
        user=lancaster_officer,
        title="Shared payroll",
        stage="fbc",
        partner_councils=[councils[PRESTON]],
        start_year=2026,
    )
    CaseGovernance.objects.update_or_create(case=live, defaults={"state": "live"})
    client.force_login(lancaster_officer)
    page = client.get("/cases/").content.decode()
    assert '<td class="govuk-table__cell" data-state>Live</td>' in page
    assert '<td class="govuk-table__cell" data-state>Draft</td>' in page
    assert "Full business case" in page  # the stage stays, in its own column
    live_only = client.get("/cases/", {"state": "live"}).content.decode()
    assert "Shared payroll" in live_only and case.title not in live_only
    drafts = client.get("/cases/", {"state": "draft"}).content.decode()
    assert case.title in drafts and "Shared payroll" not in drafts
    # Junk is ignored rather than a 500.
    assert client.get("/cases/", {"state": "<script>"}).status_code == 200
