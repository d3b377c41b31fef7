"""Forms of the register, laid out the GOV.UK way (crispy-forms-gds).

The rules of a good record are ``services.arrangement_check``; the form only
turns what people type (council codes or names, one per line) into its input.
"""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from sharedservices.base.money import MoneyField
from sharedservices.base.once import arm_form
from sharedservices.base.revisions import RevisionField
from sharedservices.base.text import lines
from sharedservices.base.uploads import upload_checked
from sharedservices.base.widgets import FastSelect
from sharedservices.catalogue.models import ServiceArea, ServiceCategory
from sharedservices.councils.models import Council, CouncilKind, Nation
from sharedservices.councils.naming import UnknownCouncil, council_by_name_or_code
from sharedservices.registry.links import WebAddressField
from sharedservices.registry.models import (
    PUBLIC_STATUSES,
    ArrangementStatus,
    DeliveryModel,
    SavingsBasis,
)
from sharedservices.registry.selectors import ArrangementFilters, council_code_for
from sharedservices.registry.services import ArrangementInput, arrangement_check

ANY = [("", "Any")]


class ArrangementFilterForm(forms.Form):
    q = forms.CharField(label="Name or description contains", required=False, max_length=100)
    service_area = forms.ChoiceField(label="Service area", required=False)
    category = forms.ChoiceField(
        label="Category", required=False, choices=ANY + ServiceCategory.choices
    )
    delivery_model = forms.ChoiceField(
        label="Delivery model", required=False, choices=ANY + DeliveryModel.choices
    )
    status = forms.ChoiceField(label="Status", required=False)
    council = forms.CharField(
        label="Council",
        required=False,
        max_length=120,
        help_text="Start typing its name, for example Lancaster",
        # A plain select without JavaScript; accessible-autocomplete turns it into
        # a type-ahead field (static/registry/council-autocomplete.js). Every council
        # is an option: FastSelect renders them without a template each (base/widgets.py).
        widget=FastSelect(attrs={"data-module": "app-council-autocomplete"}),
    )
    upper_tier = forms.ChoiceField(label="County (upper tier)", required=False)
    nation = forms.ChoiceField(label="Nation", required=False, choices=ANY + Nation.choices)
    start_year = forms.IntegerField(
        label="Start year", required=False, min_value=1970, max_value=2100
    )
    provenance = forms.ChoiceField(
        label="Records",
        required=False,
        choices=[
            ("", "Real and demo"),
            ("real", "Real records only (from a cited source or a council)"),
            ("demo", "Demo records only"),
        ],
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        typed = self.data.get("council") if self.is_bound else None
        # "Lancaster" in the address selects Lancaster in the list.
        if typed and (code := council_code_for(typed)) and code != typed:
            self.data = self.data.copy()
            self.data["council"] = code
        self.fields["service_area"].choices = ANY + [
            (a.slug, a.name) for a in ServiceArea.objects.order_by("name")
        ]
        statuses = ArrangementStatus.choices
        if not getattr(user, "is_authenticated", False):
            statuses = [(v, label) for v, label in statuses if v in PUBLIC_STATUSES]
        self.fields["status"].choices = ANY + statuses
        # Plain rows rather than ~480 model instances (the register's hottest path).
        current = set(Council.objects.current().values_list("code", flat=True))
        self.fields["council"].widget.choices = ANY + [
            (code, name + ("" if code in current else " (abolished)"))
            for code, name in Council.objects.order_by("name", "code").values_list("code", "name")
        ]
        self.fields["upper_tier"].choices = ANY + [
            (c.code, c.name + ("" if c.valid_to is None else " (abolished)"))
            for c in Council.objects.filter(kind=CouncilKind.COUNTY).order_by("name")
        ]
        for name in ("start_year",):
            self.fields[name].widget.attrs["inputmode"] = "numeric"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "q",
            "service_area",
            "category",
            "delivery_model",
            "status",
            Field.select("council"),
            "upper_tier",
            "nation",
            Field.text("start_year", field_width=4),
            "provenance",
            Button("filter", "Apply filters"),
        )

    def clean_council(self) -> str:
        """A name or a GSS code, kept as the code; an unknown one is named, never
        silently turned into "0 arrangements match"."""
        text = self.cleaned_data.get("council", "")
        if not text.strip():
            return ""
        code = council_code_for(text)
        if code is None:
            raise forms.ValidationError(
                f"There is no council called ‘{text.strip()}’: choose one from the list"
            )
        return code

    def filters(self) -> ArrangementFilters:
        """The valid filters; a bad value is ignored rather than failing the page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return ArrangementFilters(**{k: v for k, v in data.items() if v not in (None, "")})


def _resolve_council(text: str) -> Council | None:
    """A council by GSS code or name; abolished ones too, as the register keeps the
    arrangements they made (``councils/naming.py``)."""
    if not text.strip():
        return None
    try:
        return council_by_name_or_code(text, current_only=False)
    except UnknownCouncil as exc:
        raise forms.ValidationError(exc.messages) from None


class ArrangementForm(forms.Form):
    name = forms.CharField(
        label="Name of the arrangement",
        max_length=200,
        error_messages={"required": "Enter the name of the arrangement"},
    )
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    service_areas = forms.ModelMultipleChoiceField(
        label="Service areas",
        queryset=ServiceArea.objects.order_by("category", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="slug",
    )
    councils = forms.CharField(
        label="Partner councils",
        help_text="One per line: a GSS code (E07000121) or the council's name. "
        "Abolished councils may be named.",
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        error_messages={"required": "Name at least one partner council"},
    )
    lead_council = forms.CharField(
        label="Lead or host council (optional)",
        required=False,
        help_text="One of the partner councils.",
    )
    organisations = forms.CharField(
        label="Other partner organisations (optional)",
        required=False,
        help_text="One per line, for example West Mercia Police. New names are added.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    delivery_model = forms.ChoiceField(
        label="Delivery model",
        required=False,
        choices=[("", "Not decided yet")] + DeliveryModel.choices,
        widget=forms.RadioSelect,
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ArrangementStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status"},
    )
    status_reason = forms.CharField(
        label="Reason (required if it ended or was not pursued)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    start_year = forms.IntegerField(
        label="Start year",
        required=False,
        min_value=1970,
        max_value=2100,
        error_messages={"invalid": "Start year must be a year, like 2015"},
    )
    end_year = forms.IntegerField(
        label="End year",
        required=False,
        min_value=1970,
        max_value=2100,
        error_messages={"invalid": "End year must be a year, like 2020"},
    )
    annual_savings_gbp = MoneyField(
        label="Annual savings in pounds (optional)",
        what="annual savings",
        example=120000,
        required=False,
        help_text="For all partners together, in whole pounds.",
    )
    savings_basis = forms.ChoiceField(
        label="Are the savings estimated or actual?",
        choices=SavingsBasis.choices,
        initial=SavingsBasis.ESTIMATED,
        widget=forms.RadioSelect,
    )
    lead_sets_baselines = forms.BooleanField(
        label="The partners' agreement lets the lead council set every partner's baselines",
        required=False,
        help_text="Otherwise each council's baselines are set by that council's officers only.",
    )
    source_url = WebAddressField(
        label="Source (optional)",
        required=False,
        max_length=500,
        help_text="A web address for the committee paper or page that records it.",
        assume_scheme="https",
    )

    revision = RevisionField()

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:  # a new record has no revision to start from, and is made once
            del self.fields["revision"]
            arm_form(self)
        self.fields["service_areas"].label_from_instance = lambda a: (
            f"{a.name} ({ServiceCategory(a.category).label.lower()})"
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "name",
            "description",
            Field.checkboxes("service_areas", legend_size=Size.SMALL, small=True),
            "councils",
            "lead_council",
            "organisations",
            Field.radios("delivery_model", legend_size=Size.SMALL, small=True),
            Field.radios("status", legend_size=Size.SMALL, small=True),
            "status_reason",
            Field.text("start_year", field_width=4),
            Field.text("end_year", field_width=4),
            Field.text("annual_savings_gbp", field_width=10),
            Field.radios("savings_basis", legend_size=Size.SMALL, small=True, inline=True),
            "source_url",
            "lead_sets_baselines",
            *(["revision"] if editing else []),
            Button("save", "Save arrangement"),
        )

    def clean_councils(self) -> list[Council]:
        councils, errors = [], []
        for text in lines(self.cleaned_data["councils"]):
            try:
                councils.append(_resolve_council(text))
            except forms.ValidationError as e:
                errors.extend(e.messages)
        if errors:
            raise forms.ValidationError(errors)
        return councils

    def clean_lead_council(self) -> Council | None:
        return _resolve_council(self.cleaned_data["lead_council"])

    def clean_organisations(self) -> list[str]:
        return [line for line in self.cleaned_data["organisations"].splitlines() if line.strip()]

    def to_input(self) -> ArrangementInput:
        d = self.cleaned_data
        return ArrangementInput(
            name=d["name"],
            description=d.get("description", ""),
            status=d["status"],
            status_reason=d.get("status_reason", ""),
            delivery_model=d.get("delivery_model", ""),
            start_year=d.get("start_year"),
            end_year=d.get("end_year"),
            service_areas=list(d.get("service_areas") or []),
            councils=d.get("councils") or [],
            organisations=[o.strip() for o in d.get("organisations") or []],
            lead_council=d.get("lead_council"),
            annual_savings_gbp=d.get("annual_savings_gbp"),
            savings_basis=d.get("savings_basis") or SavingsBasis.ESTIMATED,
            source_url=d.get("source_url", ""),
            lead_sets_baselines=bool(d.get("lead_sets_baselines")),
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        self.add_service_errors(arrangement_check(self.to_input()))
        return cleaned

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for column, messages in errors.items():
            for message in messages:
                self.add_error(column if column in self.fields else None, message)

    @staticmethod
    def initial_from(data: ArrangementInput) -> dict:
        return {
            "name": data.name,
            "description": data.description,
            "service_areas": [a.slug for a in data.service_areas],
            "councils": "\n".join(c.code for c in data.councils),
            "lead_council": data.lead_council.code if data.lead_council else "",
            "organisations": "\n".join(data.organisations),
            "delivery_model": data.delivery_model,
            "status": data.status,
            "status_reason": data.status_reason,
            "start_year": data.start_year,
            "end_year": data.end_year,
            "annual_savings_gbp": data.annual_savings_gbp,
            "savings_basis": data.savings_basis,
            "source_url": data.source_url,
            "lead_sets_baselines": data.lead_sets_baselines,
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label="File of arrangements (Excel, CSV or JSON, up to 5 MB)",
        error_messages={"required": "Choose an Excel, CSV or JSON file to import"},
    )
    dry_run = forms.BooleanField(
        label="Only check the file; do not import anything", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = (
            ".xlsx,.csv,.json,text/csv,application/json,"
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout("file", "dry_run", Button("upload", "Upload and check"))

    def clean_file(self):
        return upload_checked(
            self.cleaned_data["file"],
            extensions=(".xlsx", ".csv", ".json"),
            kinds="an Excel (.xlsx), CSV or JSON file",
        )
