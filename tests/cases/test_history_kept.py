"""The admin leaves no hole in the history (issue 12, item 7): history rows are
PROTECTed, so deleting a case or an arrangement cannot cascade them away, and a case
version keeps the saver's name after the user is gone."""

import pytest
from django.db.models import ProtectedError

from sharedservices.cases.models import BusinessCase, CaseVersion
from sharedservices.registry.models import Arrangement, ArrangementChange
from sharedservices.registry.services import ArrangementInput, arrangement_create
from tests.known import LANCASTER, PRESTON

pytestmark = pytest.mark.django_db


def test_deleting_a_case_cannot_take_its_versions(case):
    assert case.versions.exists()
    with pytest.raises(ProtectedError):
        BusinessCase.objects.filter(pk=case.pk).delete()
    assert CaseVersion.objects.filter(case=case).exists()


def test_deleting_an_arrangement_cannot_take_its_history(make_user, councils):
    a = arrangement_create(
        user=make_user(LANCASTER),
        data=ArrangementInput(
            name="Shared payroll",
            status="live",
            delivery_model="lead-authority",
            councils=[councils[LANCASTER], councils[PRESTON]],
        ),
    )
    with pytest.raises(ProtectedError):
        Arrangement.objects.filter(pk=a.pk).delete()
    assert ArrangementChange.objects.filter(arrangement=a).count() == 1
    # Only the deliberate door removes both (a demo reset, tests).
    Arrangement.objects.filter(pk=a.pk).delete_with_history()
    assert not ArrangementChange.objects.filter(arrangement_id=a.pk).exists()


def test_a_version_keeps_the_savers_name_after_the_user_is_deleted(client, case, make_user):
    version = case.versions.first()
    saver = version.saved_by
    assert version.saved_by_name == saver.full_name
    saver.delete()
    version.refresh_from_db()
    assert version.saved_by is None and version.saved_by_name == saver.full_name
    reader = make_user(LANCASTER)
    client.force_login(reader)
    page = client.get(f"/cases/{case.pk}/versions/").content.decode()
    assert saver.full_name in page
