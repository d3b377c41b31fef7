"""What the programme forms share: the GOV.UK layout helper, one-time tokens and
revisions, and councils shown one per line."""

from __future__ import annotations

import uuid

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Layout
from django import forms

from sharedservices.base.revisions import RevisionField


def form_helper(*fields, button: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields, Button("save", button))
    return helper


def lines_of(councils) -> str:
    return "\n".join(c.name for c in councils)


class TokenMixin(forms.Form):
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def set_token(self) -> None:
        if not self.is_bound:
            self.fields["submission_token"].initial = uuid.uuid4()


class RevisionMixin(forms.Form):
    # Missing, empty or tampered with cleans to None: a conflict (base.revisions).
    revision = RevisionField()


date_widget = forms.DateInput(attrs={"type": "date"})
