"""A case edit that does not say which revision it started from is a conflict, never a
pass (issue 12.5, as the register's edits): it cannot prove it is not stale."""

import pytest

from sharedservices.cases import services
from sharedservices.cases.models import CaseSection, SectionPart

pytestmark = pytest.mark.django_db


def test_a_service_save_without_a_revision_is_refused(case, lancaster_officer):
    section = CaseSection.objects.get(case=case, part=SectionPart.STRATEGIC)
    before = section.body
    with pytest.raises(services.EditConflict):
        services.case_section_update(
            section=section, user=lancaster_officer, body="Blind save", expected_revision=None
        )
    assert CaseSection.objects.get(pk=section.pk).body == before


@pytest.mark.parametrize("revision", [None, "", "abc", "-1", "1e3"])
def test_the_page_treats_a_missing_or_tampered_revision_as_a_conflict(
    client, case, lancaster_officer, revision
):
    section = CaseSection.objects.get(case=case, part=SectionPart.STRATEGIC)
    before = section.body
    client.force_login(lancaster_officer)
    url = f"/cases/{case.pk}/sections/strategic/"
    data = {"body": "Saved without saying what I read"}
    if revision is not None:
        data["revision"] = revision
    page = client.post(url, data)
    assert page.status_code == 200
    assert "Someone else saved this while you were editing it" in page.content.decode()
    assert CaseSection.objects.get(pk=section.pk).body == before
    # The conflict page armed the form with the saved revision: saving again lands.
    section.refresh_from_db()
    again = client.post(url, {**data, "revision": str(section.revision)})
    assert again.status_code == 302
    assert CaseSection.objects.get(pk=section.pk).body == data["body"]
