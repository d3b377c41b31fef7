"""The case itself: its details, the five cases' text, staffing and comments."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Fieldset, Fixed, Size
from django import forms

from sharedservices.cases.forms.common import RevisionMixin, form_helper
from sharedservices.cases.models import (
    BusinessCase,
    CaseStage,
)
from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.forms import CouncilListField
from sharedservices.programme.models import Opportunity
from sharedservices.registry.models import Arrangement, Organisation


class CaseForm(RevisionMixin, forms.ModelForm):
    partners = CouncilListField(
        label="Partner councils",
        required=False,
        help_text="Names or GSS codes, separated by commas. For example: Preston, E07000118",
    )

    class Meta:
        model = BusinessCase
        fields = [
            "title",
            "stage",
            "summary",
            "service_areas",
            "partner_organisations",
            "arrangement",
            "opportunity",
            "start_year",
            "price_base_year",
            "horizon_years",
            "monte_carlo_iterations",
        ]
        labels = {
            "title": "Title",
            "stage": "Stage",
            "summary": "Summary",
            "service_areas": "Service areas",
            "partner_organisations": "Partner organisations (not councils)",
            "arrangement": "Linked arrangement in the register",
            "opportunity": "Linked opportunity in the programme",
            "start_year": "First year of the appraisal",
            "price_base_year": "Price base year",
            "horizon_years": "Years appraised",
            "monte_carlo_iterations": "Monte Carlo iterations",
        }
        help_texts = {
            "price_base_year": "Every amount is entered in this year's prices (real terms).",
            "horizon_years": "From 1 to 60 years; 10 is usual for a shared service.",
            "monte_carlo_iterations": "0 to skip the risk simulation; 10,000 is usually enough.",
        }
        widgets = {
            "service_areas": forms.CheckboxSelectMultiple,
            "partner_organisations": forms.CheckboxSelectMultiple,
            "stage": forms.RadioSelect,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = CaseStage.choices
        self.fields["service_areas"].queryset = ServiceArea.objects.all()
        self.fields["partner_organisations"].queryset = Organisation.objects.all()
        self.fields["arrangement"].queryset = Arrangement.objects.visible_to(user)
        self.fields["opportunity"].queryset = Opportunity.objects.visible_to(user)
        for name in ("start_year", "price_base_year"):
            self.fields[name].min_value = 1990
            self.fields[name].max_value = 2100
        self.fields["horizon_years"].min_value = 1
        self.fields["horizon_years"].max_value = 60
        self.fields["monte_carlo_iterations"].max_value = 200_000
        if self.instance.pk:
            self.fields["partners"].initial = ", ".join(c.name for c in self.instance.councils[1:])
            self.fields["revision"].initial = self.instance.revision
        self.helper = form_helper(
            Field.text("title"),
            Field.radios("stage", legend_size=Size.SMALL),
            Field.textarea("summary", rows=4),
            Field.text("partners"),
            Field.checkboxes("service_areas", legend_size=Size.SMALL, small=True),
            Field.checkboxes("partner_organisations", legend_size=Size.SMALL, small=True),
            Field.select("arrangement"),
            Field.select("opportunity"),
            Fieldset(
                Field.text("start_year", field_width=Fixed.FOUR),
                Field.text("price_base_year", field_width=Fixed.FOUR),
                Field.text("horizon_years", field_width=Fixed.FOUR),
                Field.text("monte_carlo_iterations", field_width=Fixed.TEN),
                legend="Appraisal period",
                legend_size=Size.SMALL,
            ),
            "revision",
        )


class SectionForm(RevisionMixin):
    body = forms.CharField(widget=forms.Textarea, required=False)

    def __init__(self, *args, label: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = label
        self.helper = form_helper(
            Field.textarea("body", rows=18, label_size=Size.MEDIUM), "revision"
        )


class StaffingForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = BusinessCase
        fields = ["posts_affected", "staffing_implications", "job_protection"]
        labels = {
            "posts_affected": "Posts affected",
            "staffing_implications": "Staffing implications",
            "job_protection": "Job protection arrangements",
        }
        help_texts = {
            "job_protection": "Redeployment, retraining, natural wastage, TUPE and pensions.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision
        self.helper = form_helper(
            Field.text("posts_affected", field_width=Fixed.FIVE),
            Field.textarea("staffing_implications", rows=5),
            Field.textarea("job_protection", rows=5),
            "revision",
        )


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Add a comment",
        widget=forms.Textarea,
        error_messages={"required": "Enter your comment"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.textarea("text", rows=3, label_size=Size.SMALL), submit="Add comment"
        )
