"""What every case form shares: the revision it started from, the GOV.UK layout helper
and the percentage field."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Layout
from django import forms

from sharedservices.base.revisions import RevisionField

SCORES = [(i, str(i)) for i in range(1, 6)]


class RevisionMixin(forms.Form):
    # Missing, empty or tampered with cleans to None, which the save treats as a
    # conflict (base/revisions.py): the writer sees the saved record, not a field error.
    revision = RevisionField()

    def set_revision(self, value: int) -> None:
        """After a conflict: the next save starts from the latest revision."""
        self.data = self.data.copy()
        self.data["revision"] = str(value)


def form_helper(*fields, submit="Save") -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields, Button("submit", submit))
    return helper


def percent_field(label):
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_value=300,
        decimal_places=1,
        initial=0,
        help_text="Per cent, e.g. 24",
    )
