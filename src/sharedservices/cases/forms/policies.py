"""Each council's shared-services policy and its versions of criteria."""

from __future__ import annotations

import re

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms

from sharedservices.cases.forms.common import form_helper
from sharedservices.cases.policy_templates import TEMPLATES


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
        self.helper = form_helper(
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
        self.helper = form_helper(
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
