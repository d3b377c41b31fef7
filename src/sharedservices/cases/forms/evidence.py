"""What each partner council contributes: criteria evidence and baselines."""

from __future__ import annotations

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fixed, Size
from django import forms

from sharedservices.cases.forms.common import RevisionMixin, form_helper
from sharedservices.cases.models import (
    Baseline,
    BaselineKind,
    CriterionEvidence,
    EvidenceSource,
)
from sharedservices.councils.models import Council


class EvidenceForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = CriterionEvidence
        fields = ["evidence", "where_shown", "where_detail", "status"]
        labels = {
            "evidence": "Evidence",
            "where_shown": "Where in the case is it shown?",
            "where_detail": "Paragraph, table or appendix (optional)",
            "status": "Status",
        }
        help_texts = {
            "where_shown": "Evidence counts only when it points at something the case holds:"
            " a written section, the appraisal result, the risk register, the consultation"
            " record, the sharing agreement or the baselines."
        }
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["where_shown"].choices = [("", "Not said"), *EvidenceSource.choices]
        self.fields["revision"].initial = self.instance.revision
        self.helper = form_helper(
            Field.textarea("evidence", rows=8, label_size=Size.SMALL),
            Field.select("where_shown"),
            Field.text("where_detail"),
            Field.radios("status", legend_size=Size.SMALL, inline=True),
            "revision",
        )


class BaselineForm(RevisionMixin, forms.ModelForm):
    as_at = DateInputField(label="Date of the measure", help_text="For example, 31 3 2025")

    class Meta:
        model = Baseline
        fields = ["council", "kind", "measure", "value", "unit", "as_at", "source"]
        labels = {"council": "Council", "kind": "Cost or quality?", "measure": "Measure"}
        help_texts = {"source": "Where the figure comes from, e.g. 2024/25 outturn, KPI return"}
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.filter(pk__in=[c.pk for c in councils])
        self.fields["council"].empty_label = None
        # A required choice between the two, with no "---------" radio before them.
        self.fields["kind"].choices = BaselineKind.choices
        self.fields["revision"].initial = self.instance.revision
        self.helper = form_helper(
            Field.select("council"),
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field.text("measure"),
            Field.text("value", field_width=Fixed.TEN),
            Field.text("unit", field_width=Fixed.TEN),
            Field("as_at"),
            Field.text("source"),
            "revision",
        )
