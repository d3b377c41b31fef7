"""Programme, funding pot, allocation and spend forms."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Size
from django import forms

from sharedservices.base.money import MoneyField
from sharedservices.councils.forms import CouncilListField
from sharedservices.councils.models import Council
from sharedservices.programme.forms.common import (
    RevisionMixin,
    TokenMixin,
    date_widget,
    form_helper,
)
from sharedservices.programme.models import Programme


class ProgrammeForm(TokenMixin, RevisionMixin):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the name of the programme"}
    )
    parent = forms.ModelChoiceField(
        label="Part of (optional)",
        queryset=Programme.objects.none(),
        required=False,
        empty_label="None: a programme of its own",
        help_text="For a cluster: the programme it belongs to, e.g. Team Lancashire.",
    )
    members = CouncilListField(
        label="Member councils",
        help_text="One per line: a GSS code (E07000121) or the council's name.",
        error_messages={"required": "Name at least one member council"},
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
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
        self.helper = form_helper(
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
    amount_gbp = MoneyField(
        label="Amount in pounds", min_value=1, example=100000, help_text="For example £100,000."
    )
    conditions = forms.CharField(
        label="Conditions (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    awarded_on = forms.DateField(label="Awarded on (optional)", required=False, widget=date_widget)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_token()
        self.helper = form_helper(
            "source",
            Field.text("amount_gbp", field_width=10),
            "conditions",
            Field.text("awarded_on", field_width=10),
            "submission_token",
            button="Add the funding pot",
        )


class AllocationForm(TokenMixin):
    amount_gbp = MoneyField(label="Amount in pounds", min_value=1, example=50000)
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
        label="For an opportunity (optional)",
        queryset=None,
        required=False,
        empty_label="None: for the programme as a whole",
    )
    made_on = forms.DateField(label="Allocated on (optional)", required=False, widget=date_widget)

    def __init__(self, *args, programme, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["councils"].queryset = programme.members.all()
        self.fields["opportunity"].queryset = programme.opportunities.visible_to(user)
        self.set_token()
        self.helper = form_helper(
            Field.text("amount_gbp", field_width=10),
            "purpose",
            Field.checkboxes("councils", legend_size=Size.SMALL, small=True),
            "opportunity",
            Field.text("made_on", field_width=10),
            "submission_token",
            button="Allocate",
        )


class SpendForm(TokenMixin):
    amount_gbp = MoneyField(label="Amount in pounds", min_value=1, example=12500)
    description = forms.CharField(
        label="What it was spent on",
        max_length=300,
        error_messages={"required": "Say what it was spent on"},
    )
    spent_on = forms.DateField(label="Spent on (optional)", required=False, widget=date_widget)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_token()
        self.helper = form_helper(
            Field.text("amount_gbp", field_width=10),
            "description",
            Field.text("spent_on", field_width=10),
            "submission_token",
            button="Record the spend",
        )
