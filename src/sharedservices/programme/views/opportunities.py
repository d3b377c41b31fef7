"""Opportunity pages: the filterable list, the board by stage, one opportunity with
its history, its forms, and Wyre Forest's two lists for a council."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from sharedservices.base.access import council_owned, signed_in
from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council
from sharedservices.programme import permissions
from sharedservices.programme.forms import (
    MoveForm,
    OpportunityFilterForm,
    OpportunityForm,
    ScoreForm,
    lines_of,
)
from sharedservices.programme.models import Opportunity, OpportunityStage
from sharedservices.programme.selectors import (
    OpportunityFilters,
)
from sharedservices.programme.selectors import (
    board as board_selector,
)
from sharedservices.programme.selectors import (
    council_lists as council_lists_selector,
)
from sharedservices.programme.selectors import (
    opportunity_list as opportunity_list_selector,
)
from sharedservices.programme.services.opportunities import (
    OpportunityInput,
    opportunity_update,
)
from sharedservices.programme.services.opportunities import (
    opportunity_create as opportunity_create_service,
)
from sharedservices.programme.services.opportunities import (
    opportunity_move as opportunity_move_service,
)
from sharedservices.programme.services.scoring import scores_save
from sharedservices.programme.views.common import form_page


def _filters(request):
    form = OpportunityFilterForm(request.GET or None, user=request.user)
    return form, OpportunityFilters(**form.filters()) if request.GET else None


@signed_in
def opportunity_list(request):
    form, filters = _filters(request)
    page = Paginator(opportunity_list_selector(user=request.user, filters=filters), 50).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programme/opportunities.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_write": permissions.can_write(request.user),
        },
    )


@signed_in
def board(request):
    form, filters = _filters(request)
    return render(
        request,
        "programme/board.html",
        {"form": form, "columns": board_selector(user=request.user, filters=filters)},
    )


def _visible(request, pk) -> Opportunity:
    return get_object_or_404(
        Opportunity.objects.visible_to(request.user).select_related(
            "council", "programme", "service_area", "owner", "arrangement"
        ),
        pk=pk,
    )


@council_owned
def opportunity(request, pk):
    o = _visible(request, pk)
    can_edit = permissions.can_edit_opportunity(request.user, o)
    scores = list(o.scores.select_related("criterion", "scored_by"))
    return render(
        request,
        "programme/opportunity.html",
        {
            "opportunity": o,
            "can_edit": can_edit,
            "move_form": MoveForm(current=o.stage) if can_edit else None,
            "events": o.events.all()[:100],
            "scores": scores,
            "business_cases": o.business_cases.visible_to(request.user),
            "partners": o.proposed_partners.all(),
            "organisations": o.partner_organisations.all(),
        },
    )


def _input(form, *, council, base: Opportunity | None = None) -> OpportunityInput:
    d = form.cleaned_data
    return OpportunityInput(
        title=d["title"],
        council=council,
        programme=d["programme"],
        service_area=d["service_area"],
        description=d["description"],
        proposed_partners=d["proposed_partners"],
        organisations=d["organisations"],
        sponsor_name=d["sponsor_name"],
        sponsor_role=d["sponsor_role"],
        owner=d["owner"],
        next_step=d["next_step"],
        next_step_due=d["next_step_due"],
        notes=d["notes"],
        arrangement=base.arrangement if base else None,
        stage=base.stage if base else OpportunityStage.IDEA,
        stage_reason=base.stage_reason if base else "",
    )


def _prefill(request) -> dict:
    """``?service_area=slug&council=CODE&council=CODE&programme=ID&title=...``: how
    Find partners and the suggestions start an opportunity."""
    initial = {}
    slug = request.GET.get("service_area", "")
    area = ServiceArea.objects.filter(slug=slug).first() if slug else None
    if area:
        initial["service_area"] = area.slug
    codes = [c.strip().upper() for c in request.GET.getlist("council") if c.strip()][:50]
    partners = Council.objects.filter(pk__in=codes).exclude(pk=request.user.council_id)
    if partners:
        initial["proposed_partners"] = lines_of(partners)
    programme = request.GET.get("programme", "")
    if programme.isdigit():
        initial["programme"] = programme
    title = request.GET.get("title", "")[:200]
    if title:
        initial["title"] = title
    elif area:
        initial["title"] = f"Shared {area.name.lower()}"
    return initial


@signed_in
def opportunity_create(request):
    council = request.user.council
    if council is None or not permissions.can_write(request.user):
        raise PermissionDenied("Your role cannot record opportunities")
    form = OpportunityForm(
        request.POST or None,
        initial=_prefill(request) | {"owner": request.user.pk},
        user=request.user,
        council=council,
    )
    return form_page(
        request,
        form,
        save=lambda f: opportunity_create_service(
            user=request.user,
            data=_input(f, council=council),
            submission_token=f.cleaned_data["submission_token"],
        ),
        title="Record an opportunity",
        caption=council.name,
        cancel_url="/programmes/opportunities/",
        success="The opportunity was recorded",
        intro="It starts as an idea. Your council and the members of its programme can see it.",
    )


@council_owned
def opportunity_edit(request, pk):
    o = _visible(request, pk)
    if not permissions.can_edit_opportunity(request.user, o):
        raise PermissionDenied
    initial = {
        "title": o.title,
        "description": o.description,
        "service_area": o.service_area.slug if o.service_area_id else None,
        "programme": o.programme_id,
        "proposed_partners": lines_of(o.proposed_partners.all()),
        "organisations": "\n".join(org.name for org in o.partner_organisations.all()),
        "sponsor_name": o.sponsor_name,
        "sponsor_role": o.sponsor_role,
        "owner": o.owner_id,
        "next_step": o.next_step,
        "next_step_due": o.next_step_due,
        "notes": o.notes,
        "revision": o.revision,
    }
    form = OpportunityForm(
        request.POST or None, initial=initial, user=request.user, council=o.council
    )
    return form_page(
        request,
        form,
        save=lambda f: opportunity_update(
            user=request.user,
            opportunity=o,
            data=_input(f, council=o.council, base=o),
            expected_revision=f.cleaned_data["revision"],
        ),
        title=f"Change {o.title}",
        caption="Opportunity",
        cancel_url=o.get_absolute_url(),
        success="Your changes were saved",
    )


@council_owned
def opportunity_move(request, pk):
    o = _visible(request, pk)
    if not permissions.can_edit_opportunity(request.user, o):
        raise PermissionDenied
    form = MoveForm(request.POST or None, current=o.stage, initial={"revision": o.revision})

    def save(f):
        opportunity_move_service(
            user=request.user,
            opportunity=o,
            to_stage=f.cleaned_data["stage"],
            reason=f.cleaned_data["reason"],
            expected_revision=f.cleaned_data["revision"],
        )
        return o

    return form_page(
        request,
        form,
        save=save,
        title=f"Move {o.title}",
        caption=f"Now: {o.get_stage_display()}",
        cancel_url=o.get_absolute_url(),
        success="The stage was changed",
    )


@council_owned
def opportunity_scores(request, pk):
    o = _visible(request, pk)
    if not permissions.can_edit_opportunity(request.user, o):
        raise PermissionDenied
    if o.programme_id is None:
        messages.error(request, "Put the opportunity in a programme before scoring it")
        return redirect(o)
    criteria = list(o.programme.criteria.all())
    if not criteria:
        messages.error(request, f"{o.programme.name} has no criteria yet")
        return redirect("programme:criteria", pk=o.programme_id)
    existing = {s.criterion_id: s for s in o.scores.all()}
    initial = {"revision": o.revision}
    for c in criteria:
        if c.pk in existing:
            initial[f"score_{c.pk}"] = str(existing[c.pk].value)
            initial[f"justification_{c.pk}"] = existing[c.pk].justification
    form = ScoreForm(request.POST or None, initial=initial, criteria=criteria)

    def save(f):
        scores_save(
            user=request.user,
            opportunity=o,
            scores=f.scores(),
            expected_revision=f.cleaned_data["revision"],
        )
        return o

    return form_page(
        request,
        form,
        save=save,
        title=f"Score {o.title}",
        caption=o.programme.name,
        cancel_url=o.get_absolute_url(),
        success="The scores were saved",
        intro="Score each criterion from 0 to 5, where 5 is always best (a low risk scores"
        " high), and say why in a sentence.",
    )


@signed_in
def council_lists(request, code):
    council = Council.objects.filter(pk=code.upper()).first()
    if council is None:
        raise Http404("No council with that code")
    exploring, not_pursued = council_lists_selector(user=request.user, council=council)
    return render(
        request,
        "programme/council_lists.html",
        {"council": council, "exploring": exploring, "not_pursued": not_pursued},
    )
