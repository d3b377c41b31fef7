"""Programme pages: the list, one programme with its funding, and their forms."""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from sharedservices.analysis.money import format_pounds
from sharedservices.base.access import council_owned, signed_in
from sharedservices.programme import permissions
from sharedservices.programme.forms import (
    AllocationForm,
    PotForm,
    ProgrammeForm,
    SpendForm,
    lines_of,
)
from sharedservices.programme.models import Allocation, FundingPot, Opportunity, Programme
from sharedservices.programme.selectors import funding, my_programmes, programme_list
from sharedservices.programme.services.funding import allocation_create, spend_record
from sharedservices.programme.services.funding import pot_add as pot_add_service
from sharedservices.programme.services.programmes import (
    ProgrammeInput,
    programme_update,
)
from sharedservices.programme.services.programmes import (
    programme_create as programme_create_service,
)
from sharedservices.programme.suggestions import suggestions_for
from sharedservices.programme.views.common import form_page


@signed_in
def index(request):
    mine = list(my_programmes(user=request.user))
    others = programme_list(user=request.user).exclude(pk__in=[p.pk for p in mine])
    opportunities = Opportunity.objects.visible_to(request.user)
    return render(
        request,
        "programme/index.html",
        {
            "mine": mine,
            "others": others,
            "opportunity_count": opportunities.count(),
            "can_write": permissions.can_write(request.user),
        },
    )


def _programme(request, pk) -> Programme:
    return get_object_or_404(programme_list(user=request.user), pk=pk)


@signed_in  # every programme's page is open to every signed-in user; members see more
def programme(request, pk):
    p = _programme(request, pk)
    member = permissions.is_member(request.user, p)
    council = request.user.council
    context = {
        "programme": p,
        "member": member,
        "can_edit": permissions.can_edit_programme(request.user, p),
        "pots": funding(p),
        "clusters": p.clusters.all(),
    }
    if member:
        context |= {
            "opportunities": p.opportunities.visible_to(request.user).select_related(
                "council", "service_area"
            ),
            "criteria": list(p.criteria.all()),
            "weight_sets": list(p.weight_sets.all()),
            "events": p.events.all()[:30],
        }
    if council is not None and council.is_current:
        context["suggestions"] = suggestions_for(council, limit=5)
        context["suggestions_council"] = council
        context["can_adopt"] = permissions.can_act_for(request.user, council)
    return render(request, "programme/programme.html", context)


def _input(form) -> ProgrammeInput:
    d = form.cleaned_data
    return ProgrammeInput(
        name=d["name"],
        members=d["members"],
        parent=d["parent"],
        project_manager=d["project_manager"],
        method=d["method"],
        start_date=d["start_date"],
        end_date=d["end_date"],
        description=d["description"],
        private_notes=d["private_notes"],
    )


@signed_in
def programme_create(request):
    if not permissions.can_write(request.user):
        raise PermissionDenied("Your role cannot start a programme")
    initial = {"members": request.user.council.name if request.user.council else ""}
    parent = request.GET.get("parent")
    if parent and parent.isdigit():
        initial["parent"] = parent
    form = ProgrammeForm(request.POST or None, initial=initial, user=request.user)
    return form_page(
        request,
        form,
        save=lambda f: programme_create_service(
            user=request.user, data=_input(f), submission_token=f.cleaned_data["submission_token"]
        ),
        title="Start a programme or cluster",
        caption="Programmes",
        cancel_url="/programmes/",
        success="The programme was started",
        intro="Your council must be one of the members. Officers of every member council can"
        " then keep it up to date.",
    )


@council_owned
def programme_edit(request, pk):
    p = _programme(request, pk)
    if not permissions.can_edit_programme(request.user, p):
        raise PermissionDenied
    initial = {
        "name": p.name,
        "parent": p.parent_id,
        "members": lines_of(p.members.all()),
        "project_manager": p.project_manager,
        "method": p.method,
        "start_date": p.start_date,
        "end_date": p.end_date,
        "description": p.description,
        "private_notes": p.private_notes,
        "revision": p.revision,
    }
    form = ProgrammeForm(request.POST or None, initial=initial, user=request.user, programme=p)
    return form_page(
        request,
        form,
        save=lambda f: programme_update(
            user=request.user,
            programme=p,
            data=_input(f),
            expected_revision=f.cleaned_data["revision"],
        ),
        title=f"Change {p.name}",
        caption="Programmes",
        cancel_url=p.get_absolute_url(),
        success="Your changes were saved",
    )


def _funding_page(
    request, programme, form_class, *, record, title, success, intro="", form_kwargs=None
):
    """A pot, an allocation or a spend: the form's fields are the service's arguments, so
    one page asks for each (only those who may edit the programme; ``base/once.py``'s
    token in the form makes a double click one record)."""
    if not permissions.can_edit_programme(request.user, programme):
        raise PermissionDenied

    def save(f):
        record(user=request.user, **f.cleaned_data)
        return programme

    return form_page(
        request,
        form_class(request.POST or None, **(form_kwargs or {})),
        save=save,
        title=title,
        caption=programme.name,
        cancel_url=programme.get_absolute_url(),
        success=success,
        intro=intro,
    )


@council_owned
def pot_add(request, pk):
    p = _programme(request, pk)
    return _funding_page(
        request,
        p,
        PotForm,
        record=functools.partial(pot_add_service, programme=p),
        title="Add a funding pot",
        success="The funding pot was added",
    )


@council_owned
def allocation_add(request, pk):
    pot = get_object_or_404(FundingPot.objects.visible_to(request.user), pk=pk)

    def record(*, councils, **data):
        allocation_create(pot=pot, councils=list(councils), **data)

    return _funding_page(
        request,
        pot.programme,
        AllocationForm,
        record=record,
        title=f"Allocate from {pot.source}",
        success="The money was allocated",
        intro=(
            f"The pot holds {format_pounds(pot.amount_gbp)}. "
            "An allocation cannot be more than is left."
        ),
        form_kwargs={"programme": pot.programme, "user": request.user},
    )


@council_owned
def spend_add(request, pk):
    allocation = get_object_or_404(
        Allocation.objects.visible_to(request.user).select_related("pot__programme"), pk=pk
    )
    return _funding_page(
        request,
        allocation.pot.programme,
        SpendForm,
        record=functools.partial(spend_record, allocation=allocation),
        title=f"Record spend: {allocation.purpose}",
        success="The spend was recorded",
        intro=f"{format_pounds(allocation.amount_gbp)} was allocated.",
    )
