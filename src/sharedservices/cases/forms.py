"""Forms for business cases, laid out the GOV.UK way (crispy-forms-gds).

Every edit form carries the ``revision`` the writer started from, so the service can
tell a second saver about the conflict instead of overwriting the first.
"""

from __future__ import annotations

import re
from decimal import Decimal

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Fixed, Layout, Size
from django import forms
from django.utils.html import conditional_escape

from sharedservices.cases.guidance import SUGGESTED_RISKS
from sharedservices.cases.models import (
    Baseline,
    BusinessCase,
    CaseStage,
    ConsultationEntry,
    CriterionEvidence,
    Option,
    OptionLine,
    Risk,
    SectionPart,
)
from sharedservices.cases.models.agreement import ShareBasis
from sharedservices.cases.models.options import CostCategory, Distribution
from sharedservices.cases.policy_templates import TEMPLATES
from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.forms import CouncilListField
from sharedservices.councils.models import Council
from sharedservices.programme.models import Opportunity
from sharedservices.registry.models import Arrangement, DeliveryModel, Organisation

SCORES = [(i, str(i)) for i in range(1, 6)]


class RevisionMixin(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def set_revision(self, value: int) -> None:
        """After a conflict: the next save starts from the latest revision."""
        self.data = self.data.copy()
        self.data["revision"] = str(value)


def _helper(*fields, submit="Save") -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields, Button("submit", submit))
    return helper


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
        self.helper = _helper(
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
        self.helper = _helper(Field.textarea("body", rows=18, label_size=Size.MEDIUM), "revision")


def percent_field(label):
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_value=300,
        decimal_places=1,
        initial=0,
        help_text="Per cent, e.g. 24",
    )


class OptionForm(RevisionMixin, forms.ModelForm):
    ob_capital = percent_field("Optimism bias on capital costs")
    ob_transition = percent_field("Optimism bias on transition costs")
    ob_running = percent_field("Optimism bias on running costs")

    class Meta:
        model = Option
        fields = ["name", "description", "delivery_model"]
        labels = {"name": "Name of the option", "delivery_model": "Delivery model"}
        widgets = {"delivery_model": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivery_model"] = forms.ChoiceField(
            label="Delivery model",
            choices=[("", "Not a change of delivery model"), *DeliveryModel.choices],
            required=False,
            widget=forms.RadioSelect,
        )
        for name in ("ob_capital", "ob_transition", "ob_running"):
            self.fields[name].initial = (
                getattr(self.instance, f"optimism_bias_{name[3:]}", Decimal(0)) * 100
            )
        self.fields["revision"].initial = self.instance.revision
        self.helper = _helper(
            Field.text("name"),
            Field.textarea("description", rows=3),
            Field.radios("delivery_model", legend_size=Size.SMALL, small=True),
            Fieldset(
                Field.text("ob_capital", field_width=Fixed.FIVE),
                Field.text("ob_transition", field_width=Fixed.FIVE),
                Field.text("ob_running", field_width=Fixed.FIVE),
                legend="Optimism bias (Green Book)",
                legend_size=Size.SMALL,
            ),
            "revision",
        )

    def save(self, commit=False):
        option = super().save(commit=False)
        for name in ("capital", "transition", "running"):
            setattr(option, f"optimism_bias_{name}", self.cleaned_data[f"ob_{name}"] / 100)
        return option


class LineForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = OptionLine
        fields = [
            "name",
            "category",
            "partner",
            "distribution",
            "low",
            "mode",
            "high",
            "sd",
            "notes",
        ]
        labels = {
            "name": "Name of the line",
            "category": "What kind of cost or benefit is it?",
            "partner": "Which council does it belong to?",
            "distribution": "Uncertainty",
            "low": "Low",
            "mode": "Most likely",
            "high": "High",
            "sd": "Standard deviation",
        }
        widgets = {"category": forms.RadioSelect, "distribution": forms.RadioSelect}

    def __init__(self, *args, case: BusinessCase, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["category"].choices = CostCategory.choices
        self.fields["distribution"].choices = Distribution.choices
        self.fields["partner"].queryset = Council.objects.filter(
            pk__in=[c.pk for c in case.councils]
        )
        self.fields["partner"].empty_label = "All partners (not attributed)"
        self.fields["revision"].initial = self.instance.revision
        values = self.instance.values or {}
        year_fields = []
        for year in case.years:
            name = f"year_{year}"
            self.fields[name] = forms.DecimalField(
                label=str(year), required=False, min_value=0, decimal_places=2
            )
            self.fields[name].initial = values.get(str(year))
            year_fields.append(Field.text(name, field_width=Fixed.TEN))
        self.helper = _helper(
            Field.text("name"),
            Field.radios("category", legend_size=Size.SMALL, small=True),
            Field.select("partner"),
            Fieldset(
                *year_fields,
                legend=f"Amount each year, in pounds at {case.price_base_year} prices",
                legend_size=Size.SMALL,
            ),
            Fieldset(
                Field.radios("distribution", small=True),
                Field.text("low", field_width=Fixed.FIVE),
                Field.text("mode", field_width=Fixed.FIVE),
                Field.text("high", field_width=Fixed.FIVE),
                Field.text("sd", field_width=Fixed.FIVE),
                legend="How uncertain is it? (multiples of the amounts: 0.8 is 20% lower)",
                legend_size=Size.SMALL,
            ),
            Field.textarea("notes", rows=2),
            "revision",
        )

    def clean(self):
        data = super().clean()
        dist = data.get("distribution")
        need = {
            "triangular": ("low", "mode", "high"),
            "pert": ("low", "mode", "high"),
            "uniform": ("low", "high"),
            "normal": ("sd",),
        }.get(dist, ())
        for name in need:
            if data.get(name) is None:
                self.add_error(name, f"Enter the {self.fields[name].label.lower()} multiple")
        complete = all(data.get(n) is not None for n in need)
        ordered = complete and dist in ("triangular", "pert")
        if ordered and not (
            data["low"] <= data["mode"] <= data["high"] and data["low"] < data["high"]
        ):
            self.add_error("mode", "Low must be below high, with most likely between them")
        if dist == "uniform" and complete and data["low"] >= data["high"]:
            self.add_error("high", "High must be above low")
        if not any(data.get(f"year_{y}") for y in self.case.years):
            self.add_error(f"year_{self.case.start_year}", "Enter an amount for at least one year")
        return data

    def save(self, commit=False):
        line = super().save(commit=False)
        line.values = {str(y): self.cleaned_data.get(f"year_{y}") for y in self.case.years}
        return line


class PreferredOptionForm(RevisionMixin):
    option = forms.ModelChoiceField(
        queryset=Option.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        label="Which option do you prefer?",
        empty_label=None,
    )
    reasons = forms.CharField(
        widget=forms.Textarea,
        required=False,
        label="Why is it preferred?",
        help_text="Weigh the appraisal with what it cannot put a money value on.",
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = case.options.all()
        self.helper = _helper(
            Field.radios("option", legend_size=Size.SMALL),
            Field.textarea("reasons", rows=6),
            "revision",
        )


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
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["where_shown"].choices = [("", "Not said"), *SectionPart.choices]
        self.fields["revision"].initial = self.instance.revision
        self.helper = _helper(
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
        self.fields["revision"].initial = self.instance.revision
        self.helper = _helper(
            Field.select("council"),
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field.text("measure"),
            Field.text("value", field_width=Fixed.TEN),
            Field.text("unit", field_width=Fixed.TEN),
            Field("as_at"),
            Field.text("source"),
            "revision",
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
        self.helper = _helper(
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
        self.helper = _helper(
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
        self.fields["revision"].initial = self.instance.revision
        self.helper = _helper(
            Field("date"),
            Field.radios("group", legend_size=Size.SMALL, small=True),
            Field.text("who"),
            Field.textarea("what_was_said", rows=4),
            Field.textarea("response", rows=4),
            "revision",
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
        self.helper = _helper(
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
        self.helper = _helper(
            Field.textarea("text", rows=3, label_size=Size.SMALL), submit="Add comment"
        )


class PolicyAdoptForm(forms.Form):
    template = forms.ChoiceField(
        label="Which template do you want to start from?",
        choices=[(t.slug, t.name) for t in TEMPLATES.values()],
        widget=forms.RadioSelect,
        error_messages={"required": "Select a template"},
    )
    in_force_from = DateInputField(label="In force from", help_text="For example, 1 4 2026")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("template", legend_size=Size.MEDIUM),
            Field("in_force_from"),
            submit="Adopt",
        )


class PolicyVersionForm(forms.Form):
    in_force_from = DateInputField(label="In force from", help_text="For example, 1 4 2026")
    change_note = forms.CharField(label="What changed and why", max_length=300)
    lead_officer = forms.CharField(label="Lead officer", required=False)
    lead_member = forms.CharField(label="Lead member", required=False)
    scrutiny_committee = forms.CharField(label="Scrutiny committee", required=False)
    decision_body = forms.CharField(label="Decision-making body", required=False)
    criteria = forms.CharField(
        label="Criteria",
        widget=forms.Textarea,
        help_text=(
            "One criterion per block, blocks separated by a blank line. In each block: the"
            " first line is 'key | reference | title', the second the criterion, and any"
            " further lines the evidence expected. Keep a criterion's key and wording to carry"
            " its evidence forward."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("in_force_from"),
            Field.text("change_note"),
            Fieldset(
                Field.text("lead_officer"),
                Field.text("lead_member"),
                Field.text("scrutiny_committee"),
                Field.text("decision_body"),
                legend="Roles",
                legend_size=Size.SMALL,
            ),
            Field.textarea("criteria", rows=30),
            submit="Adopt as a new version",
        )

    @staticmethod
    def criteria_as_text(criteria) -> str:
        return "\n\n".join(
            f"{c.key} | {c.reference} | {c.title}\n{c.text}"
            + (f"\n{c.guidance}" if c.guidance else "")
            for c in criteria
        )

    def clean_criteria(self) -> list[dict]:
        out = []
        for n, block in enumerate(re.split(r"\n\s*\n", self.cleaned_data["criteria"].strip()), 1):
            lines = [ln.strip() for ln in block.strip().splitlines()]
            head = [p.strip() for p in lines[0].split("|")]
            if len(head) != 3 or not head[0] or not head[2] or len(lines) < 2:
                raise forms.ValidationError(
                    f"Criterion {n}: start with 'key | reference | title', then the criterion"
                    " on the next line"
                )
            if not re.fullmatch(r"[-a-z0-9_]+", head[0]):
                raise forms.ValidationError(
                    f"Criterion {n}: the key may use only lower-case letters, digits and hyphens"
                )
            out.append(
                {
                    "key": head[0],
                    "reference": head[1],
                    "title": head[2],
                    "text": lines[1],
                    "guidance": " ".join(lines[2:]),
                }
            )
        keys = [c["key"] for c in out]
        if len(set(keys)) != len(keys):
            raise forms.ValidationError("Each criterion needs its own key")
        return out


class SharingAgreementForm(RevisionMixin):
    """How each shared line of one option is split; percentages when any line is
    split by agreed percentages."""

    def __init__(self, *args, option, councils, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.line_fields: dict[str, str] = {}
        self.pct_fields: dict[str, str] = {}
        saved = agreement.bases if agreement and agreement.option_id == option.pk else {}
        shared_lines = [line for line in option.lines.all() if not line.partner_id]
        for i, line in enumerate(shared_lines):
            name = f"basis_{i}"
            self.line_fields[line.name] = name
            self.fields[name] = forms.ChoiceField(
                # crispy-forms-gds renders labels with |safe: a label built from
                # what someone typed must be escaped here.
                label=conditional_escape(f"{line.name} ({line.get_kind_display().lower()})"),
                choices=ShareBasis.choices,
                initial=saved.get(line.name, ShareBasis.EQUAL),
            )
        pct = agreement.custom_pct if agreement else {}
        for council in councils:
            name = f"pct_{council.code}"
            self.pct_fields[council.code] = name
            self.fields[name] = forms.DecimalField(
                label=conditional_escape(f"{council.name} (%)"),
                required=False,
                min_value=0,
                max_value=100,
                decimal_places=2,
                initial=pct.get(council.code),
                error_messages={
                    "invalid": f"Enter {council.name}'s percentage as a number, like 40",
                    "min_value": "Percentages must be 0 or more",
                    "max_value": "Percentages must be 100 or less",
                },
            )
        self.helper = _helper(
            Fieldset(*self.line_fields.values(), legend="How each shared line is split"),
            Fieldset(
                *self.pct_fields.values(),
                legend="Agreed percentages (only for lines split by agreed percentages)",
            ),
            "revision",
            submit="Save the sharing agreement",
        )

    def clean(self):
        cleaned = super().clean()
        uses_custom = any(
            cleaned.get(field) == ShareBasis.CUSTOM for field in self.line_fields.values()
        )
        if uses_custom and not self.errors:
            values = [cleaned.get(field) for field in self.pct_fields.values()]
            if any(v is None for v in values) or sum(values) != 100:
                first = next(iter(self.pct_fields.values()))
                self.add_error(
                    first,
                    "Give every partner a percentage, adding up to 100, for agreed percentages",
                )
        return cleaned

    @property
    def bases(self) -> dict[str, str]:
        return {line: self.cleaned_data[field] for line, field in self.line_fields.items()}

    @property
    def custom_pct(self) -> dict[str, float]:
        return {
            code: float(self.cleaned_data[field])
            for code, field in self.pct_fields.items()
            if self.cleaned_data.get(field) is not None
        }
