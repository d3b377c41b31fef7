"""Options and their cost and benefit lines, and the preferred option."""

from __future__ import annotations

from decimal import Decimal

from crispy_forms_gds.layout import Field, Fieldset, Fixed, Size
from django import forms

from sharedservices.analysis.money import MoneyError, parse_pounds
from sharedservices.base.money import MoneyField
from sharedservices.cases.forms.common import RevisionMixin, form_helper, percent_field
from sharedservices.cases.models import (
    BusinessCase,
    Option,
    OptionLine,
)
from sharedservices.cases.models.options import CostCategory, Distribution
from sharedservices.councils.models import Council
from sharedservices.registry.models import DeliveryModel


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
            # Drawn to the field's one decimal place: a stored fraction (0.2400) times
            # 100 is 24.0000, which the field itself would refuse when saved unchanged.
            percent = getattr(self.instance, f"optimism_bias_{name[3:]}", Decimal(0)) * 100
            self.fields[name].initial = percent.quantize(Decimal("0.1")).normalize()
        self.fields["revision"].initial = self.instance.revision
        self.helper = form_helper(
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
    def clean_scaling(self):
        return self.cleaned_data.get("scaling") or self.instance.scaling

    def clean_scale_exponent(self):
        value = self.cleaned_data.get("scale_exponent")
        return self.instance.scale_exponent if value is None else value

    class Meta:
        model = OptionLine
        fields = [
            "name",
            "category",
            "partner",
            "scaling",
            "scale_exponent",
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
            "scaling": "If it is shared: how does it change when councils join or leave?",
            "scale_exponent": "Cost model exponent b",
            "distribution": "Uncertainty",
            "low": "Low",
            "mode": "Most likely",
            "high": "High",
            "sd": "Standard deviation",
        }
        widgets = {
            "category": forms.RadioSelect,
            "scaling": forms.RadioSelect,
            "distribution": forms.RadioSelect,
        }

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
        for name in ("scaling", "scale_exponent"):  # left out: as it was (or the default)
            self.fields[name].required = False
        values = self.instance.values or {}
        year_fields = []
        for year in case.years:
            name = f"year_{year}"
            self.fields[name] = MoneyField(
                label=str(year), what=f"the amount for {year}", pence=True, required=False
            )
            self.fields[name].initial = values.get(str(year))
            year_fields.append(Field.text(name, field_width=Fixed.TEN))
        first, last = case.years[0], case.years[-1]
        self.fields["pasted_row"] = forms.CharField(
            label="Or paste a row from Excel",
            required=False,
            max_length=2000,
            strip=False,
            widget=forms.Textarea(attrs={"rows": 2, "spellcheck": "false"}),
            help_text=f"Copy one row of yearly amounts in a spreadsheet, {first} first, and "
            f"paste it here: the amounts fill {first} to {last} in order and replace those "
            "above. An empty cell leaves its year empty.",
        )
        year_fields.append(Field.textarea("pasted_row"))
        self.helper = form_helper(
            Field.text("name"),
            Field.radios("category", legend_size=Size.SMALL, small=True),
            Field.select("partner"),
            Field.radios("scaling", legend_size=Size.SMALL, small=True),
            Field.text("scale_exponent", field_width=Fixed.FIVE),
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
        pasted = self._pasted_amounts(data.get("pasted_row") or "")
        if pasted:
            for year in self.case.years:
                data[f"year_{year}"] = pasted.get(year)
        if "pasted_row" not in self.errors and not any(
            data.get(f"year_{y}") for y in self.case.years
        ):
            self.add_error(f"year_{self.case.start_year}", "Enter an amount for at least one year")
        return data

    def _pasted_amounts(self, text: str) -> dict[int, Decimal | None]:
        """A row pasted from a spreadsheet (cells separated by tabs, as Excel copies
        them), each cell read by the one money parser; every bad cell is named."""
        if not text.strip():
            return {}
        rows = [r for r in text.replace("\r", "").split("\n") if r.strip()]
        if len(rows) > 1:
            self.add_error("pasted_row", f"Paste one row, not {len(rows)}")
            return {}
        cells = rows[0].split("\t")
        while cells and not cells[-1].strip():
            cells.pop()  # Excel may copy a trailing empty cell
        years = self.case.years
        if len(cells) > len(years):
            self.add_error(
                "pasted_row",
                f"The row has {len(cells)} amounts but the case appraises {len(years)} years "
                f"({years[0]} to {years[-1]})",
            )
            return {}
        amounts, problems = {}, []
        for number, (year, cell) in enumerate(zip(years, cells, strict=False), 1):
            if not cell.strip():
                amounts[year] = None
                continue
            try:
                amount = parse_pounds(cell)
            except MoneyError as exc:
                problems.append(f"Cell {number} ({year}): {exc}")
                continue
            if amount < 0:
                problems.append(f"Cell {number} ({year}): enter an amount of 0 or more")
            else:
                amounts[year] = amount.quantize(Decimal("0.01"))
        for problem in problems:
            self.add_error("pasted_row", problem)
        return {} if problems else amounts

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
        self.helper = form_helper(
            Field.radios("option", legend_size=Size.SMALL),
            Field.textarea("reasons", rows=6),
            "revision",
        )
