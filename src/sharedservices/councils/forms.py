from django import forms

from sharedservices.base.widgets import FastSelect
from sharedservices.councils.models import Council, CouncilKind, Nation
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


class CouncilPickerField(forms.CharField):
    """The council picker of the filters: a select of every council by name (type-ahead
    with accessible-autocomplete, ``static/registry/council-autocomplete.js``), that also
    accepts a name or GSS code typed into the address; cleans to the council's code, or
    "" for any council. Names go through the one resolver (``councils/naming.py``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 120)
        kwargs.setdefault("help_text", "Start typing its name, for example Lancaster")
        kwargs["widget"] = FastSelect(attrs={"data-module": "app-council-autocomplete"})
        super().__init__(*args, **kwargs)

    def set_choices(self, any_label: str = "Any") -> None:
        """Every council by name (abolished ones marked); called per form, not at import."""
        current = set(Council.objects.current().values_list("code", flat=True))
        self.widget.choices = [("", any_label)] + [
            (code, name + ("" if code in current else " (abolished)"))
            for code, name in Council.objects.order_by("name", "code").values_list("code", "name")
        ]

    def clean(self, value):
        value = (super().clean(value) or "").strip()
        if not value:
            return ""
        try:
            return council_by_name_or_code(value, current_only=False).code
        except UnknownCouncil as exc:
            raise forms.ValidationError(exc.messages) from None
