"""Opportunity forms: the record, a stage move, and the pipeline's filter."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Layout, Size
from django import forms

from sharedservices.accounts.models import User
from sharedservices.base.tenancy import acting_council_ids
from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.forms import CouncilListField, CouncilPickerField
from sharedservices.programme.forms.common import (
    RevisionMixin,
    TokenMixin,
    date_widget,
    form_helper,
)
from sharedservices.programme.models import OpportunityStage, Programme


class OpportunityForm(TokenMixin, RevisionMixin):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the title"}
    )
    description = forms.CharField(
        label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    service_area = forms.ModelChoiceField(
        label="Service area",
        queryset=ServiceArea.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label="Not chosen yet",
    )
    programme = forms.ModelChoiceField(
        label="Programme (optional)",
        queryset=Programme.objects.none(),
        required=False,
        empty_label="None",
    )
    proposed_partners = CouncilListField(
        label="Proposed partner councils (optional)",
        required=False,
        help_text="One per line: a GSS code or the council's name.",
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
    )
    organisations = forms.CharField(
        label="Proposed partner organisations (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line, for example Lancashire Constabulary.",
    )
    sponsor_name = forms.CharField(
        label="Sponsor's name (optional)", max_length=200, required=False
    )
    sponsor_role = forms.CharField(
        label="Sponsor's role (optional)", max_length=200, required=False
    )
    owner = forms.ModelChoiceField(
        label="Owner (optional)", queryset=None, required=False, empty_label="No owner yet"
    )
    next_step = forms.CharField(label="Next step (optional)", max_length=300, required=False)
    next_step_due = forms.DateField(
        label="Next step due (optional)", required=False, widget=date_widget
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, council, **kwargs):
        super().__init__(*args, **kwargs)
        codes = acting_council_ids(user) | ({council.pk} if council else set())
        self.fields["programme"].queryset = Programme.objects.filter(
            members__in=[council.pk] if council else codes
        ).distinct()
        self.fields["owner"].queryset = User.objects.filter(
            council_id__in=codes, is_active=True
        ).order_by("full_name")
        self.set_token()
        self.helper = form_helper(
            "title",
            "service_area",
            "programme",
            "description",
            "proposed_partners",
            "organisations",
            Fieldset(
                Field.text("sponsor_name"),
                Field.text("sponsor_role"),
                legend="Sponsor",
                legend_size=Size.SMALL,
            ),
            "owner",
            "next_step",
            Field.text("next_step_due", field_width=10),
            "notes",
            "submission_token",
            "revision",
            button="Save opportunity",
        )

    def clean_organisations(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["organisations"].splitlines() if line.strip()
        ]


class MoveForm(RevisionMixin):
    stage = forms.ChoiceField(
        label="Move to", choices=OpportunityStage.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to go back a stage, to stop (not pursued) or to take it up again.",
    )

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [c for c in OpportunityStage.choices if c[0] != current]
        self.helper = form_helper(
            Field.radios("stage", legend_size=Size.SMALL, small=True),
            "reason",
            "revision",
            button="Move",
        )


class OpportunityFilterForm(forms.Form):
    q = forms.CharField(label="Title or description contains", required=False, max_length=100)
    stage = forms.ChoiceField(label="Stage", required=False)
    service_area = forms.ChoiceField(label="Service area", required=False)
    programme = forms.TypedChoiceField(
        label="Programme", required=False, coerce=int, empty_value=None
    )
    council = CouncilPickerField(label="Council", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", "Any")]
        self.fields["council"].set_choices()
        self.fields["stage"].choices = anything + OpportunityStage.choices
        self.fields["service_area"].choices = anything + [
            (a.slug, a.name) for a in ServiceArea.objects.order_by("name")
        ]
        self.fields["programme"].choices = anything + [
            (str(p.pk), p.name) for p in Programme.objects.visible_to(user)
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            "q",
            "stage",
            "service_area",
            "programme",
            Field.select("council"),
            Button("filter", "Apply filters"),
        )

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {k: v for k, v in data.items() if v not in (None, "")}
