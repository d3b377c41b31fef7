"""The report page's forms: meeting details, an implication's sign-off, the exempt marks
and a council's template."""

from __future__ import annotations

from crispy_forms_gds.layout import Field
from django import forms

from sharedservices.cases.forms.common import RevisionMixin, form_helper
from sharedservices.reports.models import Report, Schedule12A


class DetailsForm(RevisionMixin, forms.ModelForm):
    class Meta:
        model = Report
        fields = [
            "meeting_date",
            "report_of",
            "portfolio",
            "wards",
            "corporate_plan",
            "budget_framework",
            "delegate_to",
            "exception_route",
            "exception_reason",
            "conclusions",
            "background_papers",
            "contact_name",
            "contact_phone",
            "contact_email",
        ]
        widgets = {
            "meeting_date": forms.DateInput(attrs={"type": "date"}),
            "corporate_plan": forms.Textarea(attrs={"rows": 3}),
            "conclusions": forms.Textarea(attrs={"rows": 5}),
            "exception_reason": forms.Textarea(attrs={"rows": 3}),
            "background_papers": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "meeting_date": "Leave empty for a cabinet report to use the forward plan's date.",
            "wards": "“All” for a back-office service.",
            "delegate_to": "For example, the Chief Officer (Resources).",
            "exception_route": "Only when the forward plan entry came less than 28 clear days"
            " before the meeting: the route used instead, stated on the front sheet.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A report not opened yet starts at the revision its row will be made with, so
        # a first save is checked too (someone else may have opened and saved it).
        self.fields["revision"].initial = self.instance.revision
        # A real first choice, not Django's "---------": the answer may not be known yet.
        self.fields["budget_framework"].choices = [
            ("", "Not known yet"),
            ("yes", "Yes"),
            ("no", "No"),
        ]
        self.helper = form_helper(*self.fields, submit="Save the details")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("exception_route") and not (cleaned.get("exception_reason") or "").strip():
            self.add_error("exception_reason", "Give the reason for the route")
        return cleaned


class ImplicationForm(RevisionMixin):
    text = forms.CharField(label="The implications", widget=forms.Textarea(attrs={"rows": 6}))
    officer_comments = forms.CharField(
        label="The statutory officer's comments",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For financial implications the section 151 officer's, for legal ones the"
        " monitoring officer's.",
    )
    sign_off = forms.BooleanField(
        label="Sign these implications off under my own name",
        required=False,
    )

    def __init__(self, *args, capacity: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sign_off"].help_text = (
            f"You sign as {capacity}. Changing the words later voids the sign-off."
            if capacity
            else "You do not hold the post that signs these off: save the words, and the"
            " officer who does signs them."
        )
        self.helper = form_helper(
            "text",
            "officer_comments",
            Field.checkbox("sign_off"),
            "revision",
            submit="Save",
        )


class ExemptForm(RevisionMixin):
    """One choice per part of the report: public, or exempt under a paragraph."""

    def __init__(self, *args, parts: list[tuple[str, str]], marks: dict, revision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = revision
        choices = [("", "Public"), *[(str(v), label) for v, label in Schedule12A.choices]]
        self.keys = {}
        for n, (key, label) in enumerate(parts):
            name = f"part_{n}"
            self.keys[name] = key
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                required=False,
                coerce=int,
                empty_value=None,
                initial=marks.get(key) or "",
            )
        self.helper = form_helper(*self.fields, submit="Save the exempt marks")

    def marks(self) -> dict[str, int]:
        return {self.keys[n]: v for n, v in self.cleaned_data.items() if v and n in self.keys}


class TemplateForm(forms.Form):
    file = forms.FileField(label="Word template (.docx)")
