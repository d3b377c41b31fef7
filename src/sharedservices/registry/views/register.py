"""The register: list with filters, an arrangement, add and edit, import."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from sharedservices.base.access import council_owned, public, signed_in
from sharedservices.base.once import Outcome, submit_once
from sharedservices.base.panels import page_panels
from sharedservices.base.revisions import EditConflict, set_form_revision
from sharedservices.base.tenancy import acting_council_ids
from sharedservices.councils.dates import DateError, parse_scenario, reorganisations_in_view
from sharedservices.registry.forms import ArrangementFilterForm, ArrangementForm, ImportForm
from sharedservices.registry.importing import detect_format, import_arrangements
from sharedservices.registry.models import Arrangement
from sharedservices.registry.permissions import can_record_arrangements
from sharedservices.registry.reorganisation import arrangement_effects, named_effects
from sharedservices.registry.selectors import (
    arrangement_detail,
    arrangement_list,
    is_partner_user,
)
from sharedservices.registry.services import (
    ArrangementInput,
    arrangement_create,
    arrangement_input_from,
    arrangement_update,
)
from sharedservices.registry.spreadsheets import COLUMN_GUIDE
from sharedservices.registry.statistics import register_version

PAGE_SIZE = 50
LISTING_CACHE_SECONDS = 24 * 3600  # a new version makes a new key long before
CONFLICT_MESSAGE = (
    "Someone else saved this arrangement while you were editing it. Your changes have not"
    " been saved yet: they are still in the form. Compare them with the saved version"
    " below, then save again to replace it."
)


@public
def index(request):
    """Public arrangements for everyone, plus a signed-in user's council's private ones.

    The listing (filter form, table, pages) is the costly part. For a visitor who is not
    signed in and has not filtered, it is the same for everyone, so it is kept in the
    cache under the register's version (``statistics.register_version``: every
    arrangement write moves it) and the page number; filtered lists, and everything a
    signed-in user sees, are drawn fresh. The number of cached pages is bounded by the
    register's page count (``?page=`` is resolved before it names a key)."""
    shared = not request.user.is_authenticated and set(request.GET) <= {"page"}
    if shared:
        version = register_version()
        page = Paginator(Arrangement.objects.visible_to(request.user), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        key = f"registry.index.{version}.{page.number}"
        listing = cache.get(key)
        if listing is None:
            listing = _listing(request)
            cache.set(key, listing, timeout=LISTING_CACHE_SECONDS)
        form = None  # unbound: the page title carries no "Error:"
    else:
        form = ArrangementFilterForm(request.GET or None, user=request.user)
        listing = _listing(request, form)
    return render(
        request,
        "registry/index.html",
        {"listing": listing, "form": form, "can_record": can_record_arrangements(request.user)},
    )


def _listing(request, form: ArrangementFilterForm | None = None) -> str:
    """The filter form, the table of one page and the download links, as HTML."""
    form = form or ArrangementFilterForm(request.GET or None, user=request.user)
    filters = form.filters() if request.GET else None
    page = Paginator(arrangement_list(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render_to_string(
        "registry/includes/register_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": bool(filters),
        },
        request=request,
    )


def _visible_or_404(user, pk) -> Arrangement:
    try:
        return arrangement_detail(user=user, pk=pk)
    except Arrangement.DoesNotExist:
        raise Http404("No arrangement you can see has that number") from None


@public
def detail(request, pk):
    arrangement = _visible_or_404(request.user, pk)
    partner = is_partner_user(request.user, arrangement)
    return render(
        request,
        "registry/detail.html",
        {
            "arrangement": arrangement,
            "can_edit": Arrangement.objects.editable_by(request.user).filter(pk=pk).exists(),
            # Officers' names are shown to the partner councils, not to the public.
            "history": arrangement.changes.all()[:50] if partner else None,
            "yearly_savings": list(arrangement.yearly_savings.all()),
            "panels": page_panels("arrangement-summary", request, arrangement),
            "vesting_effects": named_effects(
                arrangement_effects(arrangement, reorganisations_in_view(_scenario(request)))
            ),
        },
    )


def _scenario(request):
    """The proposed reorganisations the visitor asked to see (``?scenario=``); none if bad."""
    try:
        return parse_scenario(request.GET.getlist("scenario"))
    except DateError:
        return ()


def _save(request, form, *, arrangement):
    try:
        return arrangement_update(
            user=request.user,
            arrangement=arrangement,
            data=form.to_input(),
            expected_revision=form.cleaned_data.get("revision"),
        )
    except ValidationError as e:
        form.add_service_errors(e.message_dict)
        return None


def _create_once(request, form) -> Outcome | None:
    """Create from a valid form, once per its one-time token (``base/once.py``)."""

    def create() -> str:
        arrangement = arrangement_create(user=request.user, data=form.to_input())
        return arrangement.get_absolute_url()

    try:
        return submit_once(form, user=request.user, run=create)
    except ValidationError as e:
        form.add_service_errors(e.message_dict if hasattr(e, "error_dict") else {"": e.messages})
        return None


def _theirs(form: ArrangementForm, current: Arrangement) -> list[tuple[str, str]]:
    """The saved record, labelled as in the form, to show beside the writer's text."""
    saved = ArrangementForm(initial=ArrangementForm.initial_from(arrangement_input_from(current)))
    rows = []
    for name, field in form.fields.items():
        if name == "revision":
            continue
        value = saved.initial.get(name)
        if name == "service_areas":
            value = "; ".join(a.name for a in current.service_areas.all())
        elif isinstance(field, forms.ChoiceField) and value:
            value = dict(field.choices).get(value, value)
        rows.append((str(field.label), "" if value is None else str(value)))
    return rows


@signed_in
def add(request):
    if not can_record_arrangements(request.user):
        raise PermissionDenied("Your role cannot record arrangements")
    if request.method == "POST":
        form = ArrangementForm(request.POST)
        if form.is_valid() and (outcome := _create_once(request, form)):
            if not outcome.repeated:  # a double click: the first one already said so
                messages.success(
                    request, f"‘{form.cleaned_data['name']}’ was added to the register"
                )
            return redirect(outcome.result)
    else:
        initial = ArrangementInput(
            name="", status="", councils=[request.user.council] if request.user.council else []
        )
        form = ArrangementForm(initial=ArrangementForm.initial_from(initial) | {"status": None})
    return render(request, "registry/form.html", {"form": form, "arrangement": None})


@council_owned
def edit(request, pk):
    arrangement = _visible_or_404(request.user, pk)
    if not Arrangement.objects.editable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied("Only officers of a partner council may change this arrangement")
    conflict = None
    if request.method == "POST":
        form = ArrangementForm(request.POST, editing=True)
        try:
            if form.is_valid() and _save(request, form, arrangement=arrangement):
                messages.success(request, "Your changes were saved")
                return redirect(arrangement)
        except EditConflict as error:
            # The house pattern (cases' edit_page): keep the writer's text, show what the
            # other person saved, and arm the next save with the revision now saved.
            conflict = _theirs(form, error.current)
            set_form_revision(form, error.current.revision)
            form.add_error(None, CONFLICT_MESSAGE)
    else:
        form = ArrangementForm(
            initial=ArrangementForm.initial_from(arrangement_input_from(arrangement))
            | {"revision": arrangement.revision},
            editing=True,
        )
    return render(
        request,
        "registry/form.html",
        {"form": form, "arrangement": arrangement, "conflict": conflict},
    )


@signed_in
def import_file(request):
    """Upload an Excel, CSV or JSON file; every row must include the uploader's council."""
    if not can_record_arrangements(request.user):
        raise PermissionDenied("Your role cannot record arrangements")
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            acting = None if request.user.is_superuser else set(acting_council_ids(request.user))
            result = import_arrangements(
                content,
                fmt=detect_format(upload.name, content),
                dry_run=form.cleaned_data["dry_run"],
                user=request.user,
                acting_council_ids=acting,
            )
            if result.ok and not result.dry_run:
                messages.success(
                    request,
                    f"{result.created} arrangement{'s were' if result.created != 1 else ' was'}"
                    " imported into the register",
                )
                return redirect("registry:index")
    else:
        form = ImportForm()
    return render(
        request,
        "registry/import.html",
        {"form": form, "result": result, "columns": COLUMN_GUIDE},
    )
