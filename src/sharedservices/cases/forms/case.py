"""The case itself: its details, the five cases' text, staffing and comments."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Fieldset, Fixed, Size
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from sharedservices.cases.forms.common import RevisionMixin, form_helper
from sharedservices.cases.models import (
    BusinessCase,
    CaseStage,
)
from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.forms import CouncilListField
from sharedservices.programme.models import Opportunity
from sharedservices.registry.models import Organisation
from sharedservices.registry.selectors import arrangements_of_councils


def _whole_number_range(field, low: int, high: int, what: str) -> None:
    message = f"{what} must be between {low:,} and {high:,}"
    field.min_value, field.max_value = low, high
    field.validators = [
        *field.validators,
        MinValueValidator(low, message=message),
        MaxValueValidator(high, message=message),
    ]
    field.widget.attrs.update({"min": low, "max": high})
    field.error_messages["invalid"] = f"{what} must be a whole number, like {low}"
    field.error_messages["required"] = f"Enter {what[0].lower()}{what[1:]}"


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
            "material_change_pct",
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
            "material_change_pct": "Material change tolerance (%)",
        }
        help_texts = {
            "price_base_year": "Every amount is entered in this year's prices (real terms).",
            "horizon_years": "From 1 to 60 years; 10 is usual for a shared service.",
            "monte_carlo_iterations": "0 to skip the risk simulation; 10,000 is usually enough.",
            "material_change_pct": "If partners leave and a remaining council's own net present"
            " value falls by more than this (or turns negative), it decides again. 10 is usual.",
        }
        widgets = {
            "service_areas": forms.CheckboxSelectMultiple,
            "partner_organisations": forms.CheckboxSelectMultiple,
            "stage": forms.RadioSelect,
        }

    def clean_material_change_pct(self):
        """Left empty: the tolerance the case has (10% when new)."""
        value = self.cleaned_data.get("material_change_pct")
        return self.instance.material_change_pct if value is None else value

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = CaseStage.choices
        self.fields["service_areas"].queryset = ServiceArea.objects.all()
        self.fields["partner_organisations"].queryset = Organisation.objects.all()
        # The case councils' own arrangements, not the whole country's.
        codes = (
            [c.pk for c in self.instance.councils]
            if self.instance.pk
            else [getattr(user, "council_id", None)]
        )
        self.fields["arrangement"].queryset = arrangements_of_councils(
            user=user, codes=codes, keep=self.instance.arrangement_id
        )
        self.fields["arrangement"].empty_label = "None"
        self.fields["opportunity"].empty_label = "None"
        self.fields["opportunity"].queryset = Opportunity.objects.visible_to(user)
        # The server checks the same ranges the hints promise (setting min_value
        # after a field is built adds no validator, so the ranges are added here).
        _whole_number_range(self.fields["start_year"], 1990, 2100, "The first year")
        _whole_number_range(self.fields["price_base_year"], 1990, 2100, "The price base year")
        _whole_number_range(self.fields["horizon_years"], 1, 60, "Years appraised")
        _whole_number_range(
            self.fields["monte_carlo_iterations"], 0, 200_000, "Monte Carlo iterations"
        )
        _whole_number_range(self.fields["material_change_pct"], 0, 100, "The tolerance")
        self.fields["material_change_pct"].required = False  # left empty: as it was
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
            Field.text("material_change_pct", field_width=Fixed.FOUR),
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
