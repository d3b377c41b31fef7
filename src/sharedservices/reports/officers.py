"""A council's statutory officers page: who holds each post and the named deputy, set by
the council's corporate director or a platform administrator (``accounts/statutory.py``).
Users of the council read it; another council's users get 404."""

from __future__ import annotations

from crispy_forms_gds.layout import Field
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from sharedservices.accounts.models import StatutoryOfficer, StatutoryPost, User
from sharedservices.accounts.statutory import (
    can_set_statutory_officers,
    statutory_officer_set,
    statutory_officers,
)
from sharedservices.base.access import council_owned
from sharedservices.base.revisions import EditConflict
from sharedservices.base.tenancy import acting_council_ids, is_superuser
from sharedservices.cases.forms.common import RevisionMixin, form_helper
from sharedservices.councils.models import Council


class StatutoryOfficerForm(RevisionMixin, forms.Form):
    holder = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Who holds the post",
        error_messages={
            "invalid_choice": "Choose a user of this council",
            "required": "Choose who holds the post",
        },
    )
    deputy = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Named deputy (optional)",
        required=False,
        error_messages={"invalid_choice": "Choose a user of this council"},
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        people = User.objects.filter(council=council, is_active=True).order_by("full_name")
        self.fields["holder"].queryset = people
        self.fields["deputy"].queryset = people
        self.fields["deputy"].empty_label = "No deputy"
        self.helper = form_helper(
            Field.select("holder"), Field.select("deputy"), "revision", submit="Save"
        )


def _council(request, code: str) -> Council:
    council = get_object_or_404(Council, pk=code)
    if not is_superuser(request.user) and code not in acting_council_ids(request.user):
        raise Http404  # another council's officers are its own business
    return council


@council_owned
def statutory_officers_page(request, code):
    council = _council(request, code)
    held = statutory_officers(council)
    return render(
        request,
        "reports/statutory_officers.html",
        {
            "council": council,
            "posts": [(post, label, held.get(post)) for post, label in StatutoryPost.choices],
            "can_set": can_set_statutory_officers(request.user, council),
        },
    )


@council_owned
def statutory_officer_edit(request, code, post):
    council = _council(request, code)
    if post not in StatutoryPost.values:
        raise Http404
    if not can_set_statutory_officers(request.user, council):
        raise PermissionDenied
    current = StatutoryOfficer.objects.filter(council=council, post=post).first()
    initial = (
        {"holder": current.holder_id, "deputy": current.deputy_id, "revision": current.revision}
        if current
        else {}
    )
    form = StatutoryOfficerForm(request.POST or None, council=council, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            statutory_officer_set(
                council=council,
                post=post,
                holder=form.cleaned_data["holder"],
                deputy=form.cleaned_data["deputy"],
                by=request.user,
                expected_revision=form.cleaned_data["revision"],
            )
        except EditConflict as error:
            saved = error.current
            conflict = [
                ("Who holds the post", str(saved.holder)),
                ("Named deputy", str(saved.deputy or "No deputy")),
            ]
            form.set_revision(saved.revision)
            form.add_error(
                None,
                "Someone else saved this post while you were editing it. Your choice has not"
                " been saved yet: compare it with theirs below, then save again to replace it.",
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, f"{StatutoryPost(post).label} saved")
            return redirect("reports:statutory-officers", code=code)
    return render(
        request,
        "reports/statutory_officer_form.html",
        {
            "council": council,
            "title": StatutoryPost(post).label,
            "form": form,
            "conflict": conflict,
        },
    )
