"""Register edits carry the revision they started from: a second officer's stale save is
refused and shown what the first saved, never silently reverting it (issue 12, item 5).
A missing or empty revision is a conflict, never a pass."""

import json

import pytest

from sharedservices.base.revisions import EditConflict
from sharedservices.registry.models import Arrangement
from sharedservices.registry.services import arrangement_input_from, arrangement_update
from tests.known import LANCASTER, PRESTON

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else saved this arrangement while you were editing it"


def _form(a, **changes):
    data = arrangement_input_from(a)
    values = {
        "name": data.name,
        "councils": "\n".join(c.code for c in data.councils),
        "lead_council": data.lead_council.code,
        "service_areas": [s.slug for s in data.service_areas],
        "delivery_model": data.delivery_model,
        "status": data.status,
        "start_year": data.start_year or "",
        "savings_basis": data.savings_basis,
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def _revision_in(page: str) -> str:
    marker = 'name="revision" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def test_the_second_saver_is_told_and_the_first_save_is_kept(client, make_user, make_arrangement):
    a = make_arrangement("live", LANCASTER, PRESTON, name="Shared payroll")
    first, second = make_user(LANCASTER), make_user(PRESTON)
    client.force_login(first)
    opened = _revision_in(client.get(f"/register/{a.pk}/edit/").content.decode())
    assert opened == str(a.revision)
    response = client.post(
        f"/register/{a.pk}/edit/", _form(a, name="Payroll by Lancaster", revision=opened)
    )
    assert response.status_code == 302

    client.force_login(second)  # opened the form before the first save, saves after it
    response = client.post(
        f"/register/{a.pk}/edit/", _form(a, name="Payroll by Preston", revision=opened)
    )
    page = response.content.decode()
    assert response.status_code == 200 and CONFLICT in page
    assert Arrangement.objects.get(pk=a.pk).name == "Payroll by Lancaster"
    # Their version is shown beside the writer's text, which stays in the form.
    assert "Payroll by Lancaster" in page and 'value="Payroll by Preston"' in page
    armed = _revision_in(page)
    assert armed == str(Arrangement.objects.get(pk=a.pk).revision) != opened

    # Having compared, the second officer saves again and replaces it, on purpose.
    response = client.post(
        f"/register/{a.pk}/edit/", _form(a, name="Payroll by Preston", revision=armed)
    )
    assert response.status_code == 302
    assert Arrangement.objects.get(pk=a.pk).name == "Payroll by Preston"
    assert a.changes.count() == 3


@pytest.mark.parametrize("revision", [None, "", "  ", "x", "-1"])
def test_a_missing_or_empty_revision_is_a_conflict_never_a_pass(
    client, make_user, make_arrangement, revision
):
    a = make_arrangement("live", LANCASTER, PRESTON, name="Shared payroll")
    client.force_login(make_user(LANCASTER))
    response = client.post(f"/register/{a.pk}/edit/", _form(a, name="Changed", revision=revision))
    page = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT in page
    assert Arrangement.objects.get(pk=a.pk).name == "Shared payroll"
    assert a.changes.count() == 1


def test_the_service_refuses_a_missing_or_stale_revision(make_user, make_arrangement):
    a = make_arrangement("live", LANCASTER, PRESTON)
    user = make_user(LANCASTER)
    for stale in (None, a.revision - 1, a.revision + 1):
        with pytest.raises(EditConflict) as conflict:
            arrangement_update(
                user=user,
                arrangement=a,
                data=arrangement_input_from(a),
                expected_revision=stale,
            )
        assert conflict.value.current.revision == a.revision
    saved = arrangement_update(
        user=user, arrangement=a, data=arrangement_input_from(a), expected_revision=a.revision
    )
    assert saved.revision == a.revision + 1 == Arrangement.objects.get(pk=a.pk).revision


def _patch(client, pk, body):
    return client.patch(
        f"/api/v1/arrangements/{pk}", json.dumps(body), content_type="application/json"
    )


def test_the_api_patch_needs_the_revision_it_read(client, make_user, make_arrangement):
    a = make_arrangement("live", LANCASTER, PRESTON, name="Shared payroll")
    client.force_login(make_user(LANCASTER))
    read = client.get(f"/api/v1/arrangements/{a.pk}").json()["revision"]

    response = _patch(client, a.pk, {"name": "No revision"})
    assert response.status_code == 409
    assert response.json()["errors"][0]["path"] == "$.revision"
    response = _patch(client, a.pk, {"name": "Null revision", "revision": None})
    assert response.status_code == 409

    response = _patch(client, a.pk, {"name": "First", "revision": read})
    assert response.status_code == 200 and response.json()["revision"] == read + 1

    response = _patch(client, a.pk, {"name": "Second, from a stale copy", "revision": read})
    assert response.status_code == 409
    assert f"revision {read + 1}" in response.json()["errors"][0]["message"]
    assert Arrangement.objects.get(pk=a.pk).name == "First"
    assert a.changes.count() == 2
