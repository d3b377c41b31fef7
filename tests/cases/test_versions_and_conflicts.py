"""Every save is a version that can be compared; a second saver is told, not overwritten."""

import pytest

from sharedservices.cases import services
from sharedservices.cases.models import CaseSection, SectionPart
from sharedservices.cases.versions import compare_snapshots

pytestmark = pytest.mark.django_db


def test_two_people_editing_a_section_get_a_conflict_not_a_lost_save(
    case, lancaster_officer, make_user
):
    colleague = make_user("E07000121")
    opened = CaseSection.objects.get(case=case, part=SectionPart.STRATEGIC)
    mine = CaseSection.objects.get(pk=opened.pk)  # both open revision 1
    theirs = CaseSection.objects.get(pk=opened.pk)
    services.case_section_update(
        section=theirs, user=colleague, body="Their text", expected_revision=1
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.case_section_update(
            section=mine, user=lancaster_officer, body="My text", expected_revision=1
        )
    assert conflict.value.current.body == "Their text"
    assert CaseSection.objects.get(pk=opened.pk).body == "Their text"
    # Saving again from the latest revision is a deliberate overwrite.
    services.case_section_update(
        section=mine, user=lancaster_officer, body="My text", expected_revision=2
    )
    assert CaseSection.objects.get(pk=opened.pk).body == "My text"


def test_every_save_is_a_version_that_can_be_compared(case, lancaster_officer):
    section = case.sections.get(part=SectionPart.ECONOMIC)
    services.case_section_update(
        section=section,
        user=lancaster_officer,
        body="Three options were shortlisted.",
        expected_revision=section.revision,
    )
    section.refresh_from_db()
    services.case_section_update(
        section=section,
        user=lancaster_officer,
        body="Two options were shortlisted.",
        expected_revision=section.revision,
    )
    versions = list(case.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[2].change == "Edited the economic case"
    assert versions[2].saved_by == lancaster_officer

    differences = compare_snapshots(versions[1].snapshot, versions[2].snapshot)
    assert [(d.label, d.change, d.before, d.after) for d in differences] == [
        (
            "Economic case",
            "changed",
            "Three options were shortlisted.",
            "Two options were shortlisted.",
        ),
    ]
    assert differences[0].words() == [
        ("-", "Three"),
        ("+", "Two"),
        ("", "options were shortlisted."),
    ]
    added = compare_snapshots(versions[0].snapshot, versions[1].snapshot)
    assert [(d.label, d.change) for d in added] == [("Economic case", "added")]
