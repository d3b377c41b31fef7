from django import forms

from sharedservices.councils.models import CouncilKind, Nation


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
