"""Risks (and the suggested ones) and the consultation log."""

from __future__ import annotations

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Size
from django import forms

from sharedservices.cases.forms.common import SCORES, RevisionMixin, form_helper
from sharedservices.cases.guidance import SUGGESTED_RISKS
from sharedservices.cases.models import (
    ConsultationEntry,
    Risk,
)


class RiskForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = Risk
        fields = [
            "description",
            "cause",
            "likelihood",
            "impact",
            "owner",
            "mitigation",
            "residual_likelihood",
            "residual_impact",
            "status",
        ]
        labels = {
            "likelihood": "Likelihood (1 rare to 5 almost certain)",
            "impact": "Impact (1 minimal to 5 severe)",
            "residual_likelihood": "Likelihood after mitigation",
            "residual_impact": "Impact after mitigation",
        }
        widgets = {
            f: forms.RadioSelect(choices=SCORES)
            for f in ("likelihood", "impact", "residual_likelihood", "residual_impact")
        } | {"status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in ("likelihood", "impact", "residual_likelihood", "residual_impact"):
            self.fields[f] = forms.TypedChoiceField(
                label=self._meta.labels[f], choices=SCORES, coerce=int, widget=forms.RadioSelect
            )
            self.fields[f].initial = getattr(self.instance, f, None)
        self.fields["revision"].initial = self.instance.revision
        self.helper = form_helper(
            Field.textarea("description", rows=2),
            Field.textarea("cause", rows=2),
            Field.radios("likelihood", legend_size=Size.SMALL, inline=True),
            Field.radios("impact", legend_size=Size.SMALL, inline=True),
            Field.text("owner"),
            Field.textarea("mitigation", rows=3),
            Field.radios("residual_likelihood", legend_size=Size.SMALL, inline=True),
            Field.radios("residual_impact", legend_size=Size.SMALL, inline=True),
            Field.radios("status", legend_size=Size.SMALL, inline=True),
            "revision",
        )


class SuggestedRisksForm(forms.Form):
    risks = forms.MultipleChoiceField(
        label="Which risks apply to this case?",
        choices=[(r.key, r.description) for r in SUGGESTED_RISKS],
        widget=forms.CheckboxSelectMultiple,
        help_text="Drawn from the trade unions' concerns in Wyre Forest's strategy (2007)."
        " You can change each one after adding it.",
        error_messages={"required": "Select at least one risk to add"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.checkboxes("risks", legend_size=Size.MEDIUM), submit="Add to the register"
        )


class ConsultationForm(RevisionMixin, forms.ModelForm):
    date = DateInputField(label="Date", help_text="For example, 14 9 2025")

    class Meta:
        model = ConsultationEntry
        fields = ["date", "group", "who", "what_was_said", "response"]
        labels = {
            "group": "Who was consulted?",
            "who": "Name of the group or meeting",
            "what_was_said": "What was said",
            "response": "Our response",
        }
        widgets = {"group": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = ConsultationEntry._meta.get_field("group").choices
        self.fields["revision"].initial = self.instance.revision
        self.helper = form_helper(
            Field("date"),
            Field.radios("group", legend_size=Size.SMALL, small=True),
            Field.text("who"),
            Field.textarea("what_was_said", rows=4),
            Field.textarea("response", rows=4),
            "revision",
        )
