"""One revision rule in programme (``base.revisions``): a second saver of a programme,
an opportunity, its stage, its scores or a weight set is told, never overwrites; a
missing revision is a conflict too; and the opportunities API carries the revision as
the arrangements API does (a review found stale weights and scores saved silently)."""

from __future__ import annotations

import pytest

from sharedservices.programme.services.scoring import criterion_add, weight_set_save
from tests.known import LANCASTER, PRESTON

TOLD = "Someone else saved this while you were editing it"


@pytest.fixture
def lancaster(client, officer):
    client.force_login(officer)
    return client


def test_a_stale_weight_set_save_is_told(lancaster, make_programme, officer):
    p = make_programme(LANCASTER, PRESTON)
    c = criterion_add(user=officer, programme=p, name="Savings potential")
    ws = weight_set_save(user=officer, programme=p, name="Main", weights={c.pk: 3})
    url = f"/programmes/{p.pk}/weights/{ws.pk}/"
    assert f'name="revision" value="{ws.revision}"' in lancaster.get(url).content.decode()
    first = lancaster.post(url, {"name": "Main", f"weight_{c.pk}": "5", "revision": ws.revision})
    assert first.status_code == 302
    stale = lancaster.post(url, {"name": "Main", f"weight_{c.pk}": "1", "revision": ws.revision})
    assert stale.status_code == 200 and TOLD in stale.content.decode()
    missing = lancaster.post(url, {"name": "Main", f"weight_{c.pk}": "1"})
    assert missing.status_code == 200 and TOLD in missing.content.decode()
    assert ws.weights.get().value == 5


def test_stale_scores_are_told(lancaster, make_programme, make_opportunity, officer):
    p = make_programme(LANCASTER, PRESTON)
    c = criterion_add(user=officer, programme=p, name="Readiness")
    o = make_opportunity(LANCASTER, programme=p)
    url = f"/programmes/opportunities/{o.pk}/scores/"
    opened = o.revision
    assert f'name="revision" value="{opened}"' in lancaster.get(url).content.decode()
    saved = lancaster.post(url, {f"score_{c.pk}": "4", "revision": opened})
    assert saved.status_code == 302
    stale = lancaster.post(url, {f"score_{c.pk}": "1", "revision": opened})
    assert stale.status_code == 200 and TOLD in stale.content.decode()
    assert o.scores.get().value == 4


def test_a_stale_or_missing_api_patch_is_refused(lancaster, make_opportunity):
    o = make_opportunity(LANCASTER, title="Licensing")
    url = f"/api/v1/opportunities/{o.pk}"
    read = lancaster.get(url).json()
    assert read["revision"] == o.revision
    first = lancaster.patch(
        url, {"title": "Licensing (new)", "revision": read["revision"]}, "application/json"
    )
    assert first.status_code == 200 and first.json()["revision"] == read["revision"] + 1
    for body in (
        {"title": "Stale", "revision": read["revision"]},
        {"title": "No revision"},
        {"stage": "research", "revision": read["revision"]},
    ):
        refused = lancaster.patch(url, body, "application/json")
        assert refused.status_code == 409, body
        assert refused.json()["errors"][0]["path"] == "$.revision"
    o.refresh_from_db()
    assert (o.title, o.stage) == ("Licensing (new)", "idea")


def test_a_null_list_in_a_patch_leaves_it_as_it_is(lancaster, make_opportunity):
    o = make_opportunity(LANCASTER, title="Licensing")
    url = f"/api/v1/opportunities/{o.pk}"
    revision = lancaster.get(url).json()["revision"]
    response = lancaster.patch(
        url,
        {"proposed_partners": None, "organisations": None, "revision": revision},
        "application/json",
    )
    assert response.status_code == 200, response.content
