"""Prioritisation forms: criteria, weight sets and scores."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.utils.html import conditional_escape as esc  # labels are HTML in crispy-gds

from sharedservices.programme.forms.common import RevisionMixin, form_helper
from sharedservices.programme.models import MAX_SCORE, MAX_WEIGHT


class CriterionForm(forms.Form):
    name = forms.CharField(
        label="Criterion", max_length=100, error_messages={"required": "Enter the criterion"}
    )
    description = forms.CharField(label="What it means (optional)", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("name", "description", button="Add the criterion")


class WeightSetForm(RevisionMixin):
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
        self.helper = form_helper(
            "name",
            *(Field.text(f"weight_{c.pk}", field_width=5) for c in self.criteria),
            "revision",
            button="Save the weight set",
        )

    def weights(self) -> dict[int, object]:
        return {c.pk: self.cleaned_data[f"weight_{c.pk}"] for c in self.criteria}


SCORE_CHOICES = [(str(i), str(i)) for i in range(MAX_SCORE + 1)]


class ScoreForm(RevisionMixin):
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
        self.helper = form_helper(*parts, "revision", button="Save the scores")

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"justification_{c.pk}"])
            for c in self.criteria
        }
