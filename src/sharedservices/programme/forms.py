"""Forms of the programme pages, laid out the GOV.UK way (crispy-forms-gds).

The rules live in the services; forms turn what people type into service input.
Every create form carries a one-time token, so a double click stores one record.
"""

from __future__ import annotations

import uuid

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Layout, Size
from django import forms
from django.db.models import Q
from django.utils.html import conditional_escape as esc  # labels are HTML in crispy-gds

from sharedservices.accounts.models import User
from sharedservices.base.tenancy import acting_council_ids
from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council
from sharedservices.programme.models import MAX_SCORE, MAX_WEIGHT, OpportunityStage, Programme


def _helper(*fields, button: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields, Button("save", button))
    return helper


def resolve_council(text: str) -> Council:
    text = text.strip()
    matches = list(Council.objects.filter(Q(code__iexact=text) | Q(name__iexact=text)))
    if not matches:
        raise forms.ValidationError(f"There is no council '{text}': enter a GSS code or its name")
    matches.sort(key=lambda c: (not c.is_current, c.code))
    return matches[0]


class CouncilLinesField(forms.CharField):
    """Councils one per line (or separated by semicolons), by GSS code or name."""

    widget = forms.Textarea(attrs={"rows": 4, "spellcheck": "false"})

    def clean(self, value):
        text = super().clean(value) or ""
        councils, errors = [], []
        for line in text.replace(";", "\n").splitlines():
            if line.strip():
                try:
                    councils.append(resolve_council(line))
                except forms.ValidationError as e:
                    errors.extend(e.messages)
        if errors:
            raise forms.ValidationError(errors)
        return councils


def lines_of(councils) -> str:
    return "\n".join(c.name for c in councils)


class TokenMixin(forms.Form):
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def set_token(self) -> None:
        if not self.is_bound:
            self.fields["submission_token"].initial = uuid.uuid4()


class RevisionMixin(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


date_widget = forms.DateInput(attrs={"type": "date"})


class ProgrammeForm(TokenMixin, RevisionMixin):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the name of the programme"}
    )
    parent = forms.ModelChoiceField(
        label="Part of (optional)",
        queryset=Programme.objects.none(),
        required=False,
        help_text="For a cluster: the programme it belongs to, e.g. Team Lancashire.",
    )
    members = CouncilLinesField(
        label="Member councils",
        help_text="One per line: a GSS code (E07000121) or the council's name.",
        error_messages={"required": "Name at least one member council"},
    )
    project_manager = forms.CharField(
        label="Project manager (optional)", max_length=200, required=False
    )
    method = forms.CharField(
        label="Project method (optional)",
        max_length=200,
        required=False,
        help_text="For example Lancaster's LAMP project management method.",
    )
    start_date = forms.DateField(label="Start date (optional)", required=False, widget=date_widget)
    end_date = forms.DateField(label="End date (optional)", required=False, widget=date_widget)
    description = forms.CharField(
        label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    private_notes = forms.CharField(
        label="Private notes (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen only by the member councils' users.",
    )

    def __init__(self, *args, user, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Programme.objects.visible_to(user)
        if programme is not None:
            parents = parents.exclude(pk=programme.pk)
        self.fields["parent"].queryset = parents
        self.set_token()
        self.helper = _helper(
            "name",
            "parent",
            "members",
            "project_manager",
            "method",
            Field.text("start_date", field_width=10),
            Field.text("end_date", field_width=10),
            "description",
            "private_notes",
            "submission_token",
            "revision",
            button="Save programme",
        )


class PotForm(TokenMixin):
    source = forms.CharField(
        label="Where the money comes from",
        max_length=200,
        error_messages={"required": "Say where the money comes from"},
    )
    amount_gbp = forms.IntegerField(
        label="Amount in pounds",
        min_value=1,
        help_text="Whole pounds, for example 100000.",
        error_messages={
            "required": "Enter the amount in whole pounds",
            "invalid": "The amount must be a whole number of pounds, like 100000",
            "min_value": "The amount must be more than £0",
        },
    )
    conditions = forms.CharField(
        label="Conditions (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    awarded_on = forms.DateField(label="Awarded on (optional)", required=False, widget=date_widget)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_token()
        self.helper = _helper(
            "source",
            Field.text("amount_gbp", field_width=10),
            "conditions",
            Field.text("awarded_on", field_width=10),
            "submission_token",
            button="Add the funding pot",
        )


class AllocationForm(TokenMixin):
    amount_gbp = forms.IntegerField(
        label="Amount in pounds",
        min_value=1,
        error_messages={
            "required": "Enter the amount in whole pounds",
            "invalid": "The amount must be a whole number of pounds, like 50000",
            "min_value": "The amount must be more than £0",
        },
    )
    purpose = forms.CharField(
        label="What it is for", max_length=300, error_messages={"required": "Say what it is for"}
    )
    councils = forms.ModelMultipleChoiceField(
        label="To member councils",
        queryset=Council.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opportunity = forms.ModelChoiceField(
        label="For an opportunity (optional)", queryset=None, required=False
    )
    made_on = forms.DateField(label="Allocated on (optional)", required=False, widget=date_widget)

    def __init__(self, *args, programme, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["councils"].queryset = programme.members.all()
        self.fields["opportunity"].queryset = programme.opportunities.visible_to(user)
        self.set_token()
        self.helper = _helper(
            Field.text("amount_gbp", field_width=10),
            "purpose",
            Field.checkboxes("councils", legend_size=Size.SMALL, small=True),
            "opportunity",
            Field.text("made_on", field_width=10),
            "submission_token",
            button="Allocate",
        )


class SpendForm(TokenMixin):
    amount_gbp = forms.IntegerField(
        label="Amount in pounds",
        min_value=1,
        error_messages={
            "required": "Enter the amount in whole pounds",
            "invalid": "The amount must be a whole number of pounds, like 12500",
            "min_value": "The amount must be more than £0",
        },
    )
    description = forms.CharField(
        label="What it was spent on",
        max_length=300,
        error_messages={"required": "Say what it was spent on"},
    )
    spent_on = forms.DateField(label="Spent on (optional)", required=False, widget=date_widget)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_token()
        self.helper = _helper(
            Field.text("amount_gbp", field_width=10),
            "description",
            Field.text("spent_on", field_width=10),
            "submission_token",
            button="Record the spend",
        )


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
    )
    programme = forms.ModelChoiceField(
        label="Programme (optional)", queryset=Programme.objects.none(), required=False
    )
    proposed_partners = CouncilLinesField(
        label="Proposed partner councils (optional)",
        required=False,
        help_text="One per line: a GSS code or the council's name.",
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
    owner = forms.ModelChoiceField(label="Owner (optional)", queryset=None, required=False)
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
        self.helper = _helper(
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


class MoveForm(forms.Form):
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
        self.helper = _helper(
            Field.radios("stage", legend_size=Size.SMALL, small=True), "reason", button="Move"
        )


class CriterionForm(forms.Form):
    name = forms.CharField(
        label="Criterion", max_length=100, error_messages={"required": "Enter the criterion"}
    )
    description = forms.CharField(label="What it means (optional)", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("name", "description", button="Add the criterion")


class WeightSetForm(forms.Form):
    name = forms.CharField(
        label="Name of the weight set",
        max_length=100,
        error_messages={"required": "Enter a name for the weight set"},
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"weight_{c.pk}"] = forms.DecimalField(
                label=esc(c.name),
                min_value=0,
                max_value=MAX_WEIGHT,
                decimal_places=2,
                help_text=esc(c.description),
                error_messages={
                    "required": f"Give '{c.name}' a weight",
                    "invalid": f"The weight of '{c.name}' must be a number",
                },
            )
        self.helper = _helper(
            "name",
            *(Field.text(f"weight_{c.pk}", field_width=5) for c in self.criteria),
            button="Save the weight set",
        )

    def weights(self) -> dict[int, object]:
        return {c.pk: self.cleaned_data[f"weight_{c.pk}"] for c in self.criteria}


SCORE_CHOICES = [(str(i), str(i)) for i in range(MAX_SCORE + 1)]


class ScoreForm(forms.Form):
    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        parts = []
        for c in self.criteria:
            self.fields[f"score_{c.pk}"] = forms.TypedChoiceField(
                label=esc(f"Score for {c.name}"),
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": f"Score '{c.name}' from 0 to {MAX_SCORE}"},
            )
            self.fields[f"justification_{c.pk}"] = forms.CharField(
                label=esc(f"Why (for {c.name})"), max_length=500, required=False
            )
            parts.append(
                Fieldset(
                    Field.radios(f"score_{c.pk}", inline=True, small=True),
                    f"justification_{c.pk}",
                    legend=esc(f"{c.name}" + (f": {c.description}" if c.description else "")),
                    legend_size=Size.SMALL,
                )
            )
        self.helper = _helper(*parts, button="Save the scores")

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"justification_{c.pk}"])
            for c in self.criteria
        }


class OpportunityFilterForm(forms.Form):
    q = forms.CharField(label="Title or description contains", required=False, max_length=100)
    stage = forms.ChoiceField(label="Stage", required=False)
    service_area = forms.ChoiceField(label="Service area", required=False)
    programme = forms.TypedChoiceField(
        label="Programme", required=False, coerce=int, empty_value=None
    )
    council = forms.CharField(
        label="Council", required=False, max_length=9, help_text="GSS code, for example E07000121"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", "Any")]
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
            Field.text("council", field_width=10),
            Button("filter", "Apply filters"),
        )

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {k: v for k, v in data.items() if v not in (None, "")}
