"""The one door: every council-owned model reads through ``CouncilOwnedQuerySet``,
and a successor council's users see and act on their predecessors' records."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import models

from sharedservices.accounts.roles import Role
from sharedservices.base.tenancy import (
    DRAFTING_ROLES,
    CouncilOwnedQuerySet,
    acting_council_ids,
    council_and_predecessors,
)
from sharedservices.cases import permissions
from sharedservices.cases import services as case_services
from sharedservices.cases.models import BusinessCase
from sharedservices.jobs.models import AnalysisJob
from sharedservices.programme.models import Opportunity
from sharedservices.registry.models import Arrangement
from tests.factories import (
    AnalysisJobFactory,
    ArrangementFactory,
    BusinessCaseFactory,
    OpportunityFactory,
    council,
)
from tests.known import (
    ALLERDALE,
    CARLISLE,
    COPELAND,
    CUMBERLAND,
    EDEN,
    LANCASTER,
    WESTMORLAND_AND_FURNESS,
)

# Models that point at a council without belonging to it: the council itself (its
# successors), the user (their membership, kept by accounts and the admin), and the
# reorganisations (public reference data, like the councils they change).
NOT_COUNCIL_OWNED = {
    "councils.Council",
    "accounts.User",
    "councils.Reorganisation",
    "councils.CreatedCouncil",
}


def _council_owned_models():
    council = apps.get_model("councils", "Council")
    for model in apps.get_models():
        if model._meta.label in NOT_COUNCIL_OWNED or model._meta.auto_created:
            continue
        if any(
            isinstance(f, models.ForeignKey | models.ManyToManyField) and f.related_model is council
            for f in model._meta.get_fields()
            if not f.auto_created
        ):
            yield model


def test_the_walk_finds_the_known_council_owned_models():
    labels = {m._meta.label for m in _council_owned_models()}
    assert {
        "cases.BusinessCase",
        "jobs.AnalysisJob",
        "programme.Opportunity",
        "registry.ArrangementPartner",
    } <= labels


@pytest.mark.parametrize("model", list(_council_owned_models()), ids=lambda m: m._meta.label)
def test_every_council_owned_model_goes_through_the_one_door(db, model):
    qs = model._default_manager.all()
    assert isinstance(qs, CouncilOwnedQuerySet), f"{model._meta.label} bypasses the door"
    # One implementation of the rule: no model writes its own visible_to/editable_by.
    assert type(qs).visible_to is CouncilOwnedQuerySet.visible_to
    assert type(qs).editable_by is CouncilOwnedQuerySet.editable_by
    # owned_by is declared (the base raises) and runs as SQL.
    list(qs.owned_by(frozenset({LANCASTER}))[:1])
    list(qs.visible_to(AnonymousUser())[:1])


def test_drafting_roles_are_real_roles():
    assert set(Role.values) >= DRAFTING_ROLES


@pytest.mark.django_db
def test_acting_council_ids():
    assert {CUMBERLAND, CARLISLE, ALLERDALE, COPELAND} <= council_and_predecessors(CUMBERLAND)
    assert council_and_predecessors(LANCASTER) == frozenset({LANCASTER})
    assert acting_council_ids(AnonymousUser()) == frozenset()


def test_users_without_a_council_act_for_none(make_user):
    assert acting_council_ids(make_user(None, is_superuser=True)) == frozenset()
    assert acting_council_ids(make_user(CUMBERLAND)) >= {CARLISLE, ALLERDALE, COPELAND}


@pytest.fixture
def carlisle_records(db):
    case = BusinessCaseFactory(lead_council=council(CARLISLE), start_year=2020)
    job = AnalysisJobFactory(council=council(CARLISLE))
    opportunity = OpportunityFactory(council=council(CARLISLE))
    return case, job, opportunity


def test_a_successors_users_see_their_predecessors_records(client, make_user, carlisle_records):
    case, job, opportunity = carlisle_records
    client.force_login(make_user(CUMBERLAND, Role.OFFICER))
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    assert client.get(f"/partners/jobs/{job.pk}/").status_code == 200
    assert client.get(f"/programmes/opportunities/{opportunity.pk}/").status_code == 200
    assert client.get(f"/api/v1/jobs/{job.pk}").status_code == 200


def test_another_councils_users_do_not(client, make_user, carlisle_records):
    case, job, opportunity = carlisle_records
    client.force_login(make_user(LANCASTER, Role.OFFICER))
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.get(f"/partners/jobs/{job.pk}/").status_code == 404
    assert client.get(f"/programmes/opportunities/{opportunity.pk}/").status_code == 404
    assert client.get(f"/api/v1/jobs/{job.pk}").status_code == 404


def test_a_successors_drafters_act_on_their_predecessors_cases(make_user, carlisle_records):
    case, _, _ = carlisle_records
    cumberland = make_user(CUMBERLAND, Role.OFFICER)
    member = make_user(CUMBERLAND, Role.LEAD_MEMBER)
    assert permissions.can_draft(cumberland, case)
    assert not permissions.can_draft(member, case)
    assert not permissions.can_draft(make_user(LANCASTER, Role.OFFICER), case)
    assert BusinessCase.objects.editable_by(cumberland).filter(pk=case.pk).exists()
    assert not BusinessCase.objects.editable_by(member).filter(pk=case.pk).exists()
    case.title = "Renamed"
    case_services.case_update(case=case, user=cumberland, expected_revision=case.revision)
    assert BusinessCase.objects.get(pk=case.pk).title == "Renamed"


def test_superusers_see_all_and_anonymous_users_see_only_public(make_user, carlisle_records):
    case, job, opportunity = carlisle_records
    admin = make_user(None, is_superuser=True)
    assert BusinessCase.objects.visible_to(admin).filter(pk=case.pk).exists()
    assert AnalysisJob.objects.visible_to(admin).filter(pk=job.pk).exists()
    anonymous = AnonymousUser()
    assert not BusinessCase.objects.visible_to(anonymous).exists()
    assert not AnalysisJob.objects.visible_to(anonymous).exists()
    assert not Opportunity.objects.visible_to(anonymous).exists()
    assert not BusinessCase.objects.editable_by(anonymous).exists()


def test_a_successor_keeps_its_predecessors_private_arrangements(make_user):
    private = ArrangementFactory(partners=[CARLISLE, EDEN], status="exploring", delivery_model="")
    cumberland, westmorland = make_user(CUMBERLAND), make_user(WESTMORLAND_AND_FURNESS)
    lancaster = make_user(LANCASTER)
    for user in (cumberland, westmorland):
        assert Arrangement.objects.visible_to(user).filter(pk=private.pk).exists()
        assert Arrangement.objects.editable_by(user).filter(pk=private.pk).exists()
    assert not Arrangement.objects.visible_to(lancaster).filter(pk=private.pk).exists()
    assert not Arrangement.objects.visible_to(AnonymousUser()).filter(pk=private.pk).exists()


def test_shared_cases_reach_the_successors_of_partners(make_user, councils):
    lancaster = make_user(LANCASTER, Role.OFFICER)
    case = case_services.case_create(
        user=lancaster, title="Shared audit", partner_councils=[councils[CARLISLE]]
    )
    cumberland = make_user(CUMBERLAND, Role.OFFICER)
    assert not BusinessCase.objects.visible_to(cumberland).filter(pk=case.pk).exists()
    case.shared_with_partners = True
    case.save()
    assert BusinessCase.objects.visible_to(cumberland).filter(pk=case.pk).exists()
    assert not BusinessCase.objects.editable_by(cumberland).filter(pk=case.pk).exists()
    assert permissions.can_contribute_for(cumberland, case, councils[CARLISLE])
    assert permissions.can_comment(cumberland, case)
