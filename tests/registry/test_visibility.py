"""Who sees and who edits: every status, every role, by page and by id."""

import pytest

from sharedservices.accounts.roles import Role
from sharedservices.registry.models import Arrangement, ArrangementStatus
from tests.known import CARLISLE, CUMBERLAND, LANCASTER, PRESTON, WYRE_FOREST

pytestmark = pytest.mark.django_db

PRIVATE = ["exploring", "business-case", "not-pursued"]
PUBLIC = ["live", "ended"]


@pytest.mark.parametrize("status", PUBLIC)
def test_live_and_ended_arrangements_are_seen_by_everyone(
    client, make_user, make_arrangement, status
):
    a = make_arrangement(status, LANCASTER, PRESTON)
    assert client.get(a.get_absolute_url()).status_code == 200
    assert a.name in client.get("/register/").content.decode()
    client.force_login(make_user(WYRE_FOREST, Role.SCRUTINY_MEMBER))
    assert client.get(a.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("status", PRIVATE)
def test_private_arrangements_are_hidden_from_the_public(client, make_arrangement, status):
    a = make_arrangement(status, LANCASTER, PRESTON, name="Secret talks")
    assert client.get(a.get_absolute_url()).status_code == 404
    assert "Secret talks" not in client.get("/register/").content.decode()
    assert client.get(f"/api/v1/arrangements/{a.pk}").status_code == 404


@pytest.mark.parametrize("status", PRIVATE)
@pytest.mark.parametrize("role", list(Role))
def test_a_user_of_another_council_gets_404_by_id_whatever_their_role(
    client, make_user, make_arrangement, status, role
):
    a = make_arrangement(status, LANCASTER, PRESTON, name="Secret talks")
    client.force_login(make_user(WYRE_FOREST, role))
    assert client.get(a.get_absolute_url()).status_code == 404
    assert client.get(f"/register/{a.pk}/edit/").status_code == 404
    assert client.get(f"/api/v1/arrangements/{a.pk}").status_code == 404
    assert "Secret talks" not in client.get("/register/").content.decode()


@pytest.mark.parametrize("status", PRIVATE)
@pytest.mark.parametrize("role", list(Role))
def test_every_role_of_a_partner_council_reads_private_arrangements(
    client, make_user, make_arrangement, status, role
):
    a = make_arrangement(status, LANCASTER, PRESTON, name="Secret talks")
    client.force_login(make_user(PRESTON, role))
    assert client.get(a.get_absolute_url()).status_code == 200
    assert "Secret talks" in client.get("/register/").content.decode()


@pytest.mark.parametrize("role", [Role.OFFICER, Role.DIRECTOR, Role.LEAD_OFFICER])
def test_officers_of_a_partner_council_may_edit(client, make_user, make_arrangement, role):
    a = make_arrangement("exploring", LANCASTER, PRESTON)
    client.force_login(make_user(PRESTON, role))
    assert client.get(f"/register/{a.pk}/edit/").status_code == 200


@pytest.mark.parametrize("role", [Role.LEAD_MEMBER, Role.SCRUTINY_MEMBER, Role.EXECUTIVE_MEMBER])
def test_members_of_a_partner_council_read_but_do_not_edit(
    client, make_user, make_arrangement, role
):
    a = make_arrangement("exploring", LANCASTER, PRESTON)
    client.force_login(make_user(PRESTON, role))
    assert client.get(a.get_absolute_url()).status_code == 200
    assert client.get(f"/register/{a.pk}/edit/").status_code == 403


@pytest.mark.parametrize("status", PUBLIC)
def test_another_council_may_read_a_public_arrangement_but_not_edit_it(
    client, make_user, make_arrangement, status
):
    a = make_arrangement(status, LANCASTER, PRESTON)
    client.force_login(make_user(WYRE_FOREST))
    assert client.get(a.get_absolute_url()).status_code == 200
    assert client.get(f"/register/{a.pk}/edit/").status_code == 403
    response = client.post(f"/register/{a.pk}/edit/", {"name": "Hijacked"})
    assert response.status_code == 403
    a.refresh_from_db()
    assert a.name != "Hijacked"


def test_anonymous_users_are_sent_to_sign_in_to_edit(client, make_arrangement):
    a = make_arrangement("live", LANCASTER, PRESTON)
    response = client.get(f"/register/{a.pk}/edit/")
    assert response.status_code == 302 and "/accounts/sign-in/" in response.url
    assert client.get("/register/add/").status_code == 302
    assert client.get("/register/import/").status_code == 302


def test_the_successor_of_an_abolished_partner_sees_and_edits_its_arrangements(
    client, make_user, make_arrangement
):
    a = make_arrangement("exploring", CARLISLE, "E07000030", name="Carlisle's payroll talks")
    client.force_login(make_user(CUMBERLAND))
    assert client.get(a.get_absolute_url()).status_code == 200
    assert client.get(f"/register/{a.pk}/edit/").status_code == 200


def test_platform_administrators_see_everything(make_user, make_arrangement):
    a = make_arrangement("exploring", LANCASTER, PRESTON)
    admin = make_user(None, is_superuser=True)
    assert Arrangement.objects.visible_to(admin).filter(pk=a.pk).exists()
    assert Arrangement.objects.editable_by(admin).filter(pk=a.pk).exists()


def test_visible_to_lists_each_arrangement_once(make_user, make_arrangement):
    make_arrangement(ArrangementStatus.LIVE, LANCASTER, PRESTON)
    user = make_user(LANCASTER)
    assert Arrangement.objects.visible_to(user).count() == 1
