from django import forms

from sharedservices.councils.models import CouncilKind, Nation
from sharedservices.councils.naming import (
    UnknownCouncil,
    council_by_name_or_code,
    councils_by_names_or_codes,
)


class CouncilFilterForm(forms.Form):
    q = forms.CharField(label="Name or GSS code", required=False, max_length=100)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *CouncilKind.choices]
    )
    nation = forms.ChoiceField(
        label="Nation", required=False, choices=[("", "Any nation"), *Nation.choices]
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("current", "Current"), ("abolished", "Abolished"), ("all", "All")],
    )
    on = forms.DateField(
        label="On the date",
        required=False,
        help_text="Current councils as they are (or will be) that day, as YYYY-MM-DD.",
    )


class CouncilListField(forms.CharField):
    """Councils typed as names or GSS codes, one per line (or separated by commas);
    cleans to a list of ``Council`` (``councils/naming.py``)."""

    def __init__(self, *args, current_only: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_only = current_only

    def clean(self, value):
        value = super().clean(value)
        try:
            return councils_by_names_or_codes(value or "", current_only=self.current_only)
        except UnknownCouncil as exc:
            raise forms.ValidationError(exc.messages) from None


class CouncilField(forms.CharField):
    """One council typed as its name or GSS code; cleans to a ``Council`` or ``None``."""

    def __init__(self, *args, current_only: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_only = current_only

    def clean(self, value):
        value = (super().clean(value) or "").strip()
        if not value:
            return None
        try:
            return council_by_name_or_code(value, current_only=self.current_only)
        except UnknownCouncil as exc:
            raise forms.ValidationError(exc.messages) from None
