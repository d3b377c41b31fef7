"""Forms of the benefits pages. They only collect; the rules are ``rules.actual_check``
and ``services.indicator_check``, whose problems come back onto the fields."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Layout
from django import forms

from sharedservices.base.money import MoneyField
from sharedservices.base.revisions import RevisionField
from sharedservices.base.uploads import upload_checked
from sharedservices.benefits.models import Direction, Frequency, IndicatorKind, Unit
from sharedservices.registry.links import WebAddressField


class _Form(forms.Form):
    submit_label = "Save"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*self.fields, Button("save", self.submit_label))

    def add_service_errors(self, problems: dict) -> None:
        for key, messages in problems.items():
            for message in messages if isinstance(messages, list) else [messages]:
                self.add_error(key if key in self.fields else None, message)


EVERY_YEAR = "all"


class YearForm(_Form):
    """The Benefits page's filter (a GET form, no JavaScript needed): one financial year's
    figures, the latest by default, or every period. Five years of monthly figures from
    ten partners are too many rows for one page; the CSV always holds every period."""

    submit_label = "Show"
    year = forms.ChoiceField(label="Figures of the financial year", required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            (str(y), f"{y}/{(y + 1) % 100:02d}") for y in reversed(years)
        ] + [(EVERY_YEAR, "Every year")]
        self.latest = max(years) if years else None
        self.helper.form_method = "get"

    def chosen(self) -> int | None:
        """The year to show, or None for every period; the latest when none (or junk) is
        asked for."""
        if not self.is_bound or not self.is_valid() or not self.cleaned_data["year"]:
            return self.latest
        year = self.cleaned_data["year"]
        return None if year == EVERY_YEAR else int(year)


class ActualForm(_Form):
    submit_label = "Save the figure"
    indicator = forms.TypedChoiceField(coerce=int, label="Indicator")
    council = forms.ChoiceField(label="Council")
    period = forms.CharField(
        label="Period",
        max_length=12,
        help_text="By financial year: a quarter like 2027/28 Q1 (April to June 2027),"
        " a month like 2027-03, a year like 2027/28",
    )
    value = forms.CharField(label="Value", max_length=30)
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea)
    evidence_url = WebAddressField(
        label="Link to the evidence (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
    )

    def __init__(self, *args, indicators=(), councils=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(i.pk, i.name) for i in indicators]
        self.fields["council"].choices = [(c.pk, c.name) for c in councils]


class IndicatorForm(_Form):
    submit_label = "Add the indicator"
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=IndicatorKind.choices, label="Type")
    unit = forms.ChoiceField(choices=Unit.choices)
    direction = forms.ChoiceField(choices=Direction.choices)
    target = forms.CharField(max_length=30)
    tolerance = forms.CharField(
        max_length=30,
        label="Amber tolerance",
        help_text="How far beyond the target is still amber, in the indicator's unit",
    )
    frequency = forms.ChoiceField(choices=Frequency.choices)
    owner = forms.CharField(max_length=200, help_text="The post that answers for it")
    councils = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, label="Partner councils it applies to"
    )
    measures_savings = forms.BooleanField(
        required=False,
        label="The actuals are the partner's spend on the service (savings are measured)",
    )
    is_public = forms.BooleanField(required=False, label="Publish it on the register")

    def __init__(self, *args, councils=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["councils"].choices = [(c.pk, c.name) for c in councils]


class BaselineForm(_Form):
    """A partner's baseline of one indicator; the rules are ``services.baseline_set``'s."""

    submit_label = "Save the baseline"
    value = forms.CharField(
        label="Baseline value",
        max_length=30,
        error_messages={"required": "Enter the baseline value"},
    )
    as_at = forms.DateField(
        label="Date of the baseline (YYYY-MM-DD)",
        help_text="The day the value was true, for example the end of a financial year",
        error_messages={
            "invalid": "Enter the date of the baseline as YYYY-MM-DD",
            "required": "Enter the date of the baseline",
        },
    )
    source = forms.CharField(
        label="Where the figure comes from (optional)",
        required=False,
        max_length=300,
        help_text="For example the council's 2024/25 outturn report",
    )
    revision = RevisionField()


class UploadForm(_Form):
    submit_label = "Upload and check"
    file = forms.FileField(
        label="CSV file of figures (up to 5 MB)",
        error_messages={"required": "Choose a CSV file to upload"},
    )
    dry_run = forms.BooleanField(label="Only check the file; write nothing", required=False)

    def clean_file(self):
        return upload_checked(self.cleaned_data["file"], extensions=(".csv",), kinds="a CSV file")


class ReviewForm(_Form):
    submit_label = "Record the review"
    kind = forms.ChoiceField(
        choices=[("scheduled", "Scheduled review"), ("independent", "Independent review")],
        label="Kind of review",
    )
    title = forms.CharField(max_length=200)
    reviewer = forms.CharField(max_length=200, help_text="Who reviews: a body or a person")
    due_on = forms.DateField(label="Date it is due (YYYY-MM-DD)")
    held_on = forms.DateField(label="Date it was held (YYYY-MM-DD, optional)", required=False)
    findings = forms.CharField(widget=forms.Textarea, required=False)
    action = forms.CharField(label="An action agreed (optional)", required=False)
    action_owner = forms.CharField(label="Who owns the action", required=False, max_length=200)
    action_due_on = forms.DateField(label="Action due (YYYY-MM-DD)", required=False)


class CostShareForm(_Form):
    """The agreed percentage and actual usage of each partner, and the running cost."""

    submit_label = "Hold the review"
    year = forms.IntegerField(min_value=2000, max_value=2100, label="Financial year starting in")
    running_cost_gbp = MoneyField(
        what="the running cost", min_value=1, max_value=10**12, label="Running cost of the year (£)"
    )
    tolerance_points = forms.DecimalField(
        min_value=0,
        max_value=100,
        decimal_places=2,
        initial=3,
        label="Tolerance (percentage points)",
    )

    def __init__(self, *args, councils=(), **kwargs):
        super().__init__(*args, **kwargs)
        for c in councils:
            self.fields[f"agreed_{c.pk}"] = forms.DecimalField(
                min_value=0, max_value=100, decimal_places=2, label=f"{c.name}: agreed share (%)"
            )
            self.fields[f"usage_{c.pk}"] = forms.DecimalField(
                min_value=0,
                max_value=10**12,
                decimal_places=2,
                label=f"{c.name}: actual usage (cases, hours or another measure)",
            )
        self.councils = list(councils)
        self.helper.layout = Layout(*self.fields, Button("save", self.submit_label))

    def clean(self):
        data = super().clean()
        agreed = [data.get(f"agreed_{c.pk}") for c in self.councils]
        if all(a is not None for a in agreed) and abs(sum(agreed) - 100) > 0.01:
            raise forms.ValidationError("The agreed shares must add up to 100%")
        usage = [data.get(f"usage_{c.pk}") for c in self.councils]
        if all(u is not None for u in usage) and sum(usage) <= 0:
            raise forms.ValidationError("Enter each partner's actual usage")
        return data
