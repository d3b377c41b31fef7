"""A NUL byte in a benefits note gave a DataError (a 500) on PostgreSQL; it is refused
by name on every database, on the page, in an upload and from ``import_actuals``
(issue 27, item 4)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from sharedservices.benefits.importing import import_actuals
from sharedservices.benefits.models import Actual
from tests.benefits.test_import import _csv

ROW = "{a},Average days to process new claims,Preston,2026-Q3,12,late\x00staff"


def test_a_nul_in_a_note_is_named_by_the_command(world):
    result = import_actuals(_csv(world, ROW))
    assert not result.ok and "NUL" in str(result.errors[0])
    assert not Actual.objects.exists()


def test_a_nul_in_an_uploaded_note_is_named(client, world):
    client.force_login(world["preston"])
    response = client.post(
        f"/register/{world['arrangement'].pk}/benefits/upload/",
        {"file": SimpleUploadedFile("a.csv", _csv(world, ROW), "text/csv")},
    )
    assert response.status_code == 200 and "NUL" in response.content.decode()
    assert not Actual.objects.exists()
