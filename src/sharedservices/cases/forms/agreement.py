"""The sharing agreement: how the chosen option is split among the partners."""

from __future__ import annotations

from crispy_forms_gds.layout import Fieldset
from django import forms
from django.utils.html import conditional_escape

from sharedservices.cases.forms.common import RevisionMixin, form_helper
from sharedservices.cases.models.agreement import ShareBasis


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
        self.helper = form_helper(
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
