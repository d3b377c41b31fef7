"""Forms of the governance pages, laid out the GOV.UK way (crispy-forms-gds). They only
parse; the rules are the services', so a page and the API refuse the same things."""

from __future__ import annotations

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fixed, Layout, Size
from django import forms

from sharedservices.base.money import MoneyField
from sharedservices.governance import limits
from sharedservices.governance.models import (
    CallInOutcome,
    DecisionKind,
    ExceptionRoute,
    ExitCostSharing,
    Recommendation,
)

YES_NO = [("yes", "Yes"), ("no", "No")]


def _helper(*fields, submit="Save") -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields, Button("submit", submit))
    return helper


class ScrutinyForm(forms.Form):
    recommendation = forms.ChoiceField(
        choices=Recommendation.choices, widget=forms.RadioSelect, label="Recommendation"
    )
    met_on = DateInputField(
        label="Date of the scrutiny meeting", help_text="For example, 12 1 2027"
    )
    findings = forms.CharField(widget=forms.Textarea, label="Findings", max_length=limits.TEXT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("recommendation", legend_size=Size.SMALL),
            Field("met_on"),
            Field.textarea("findings", rows=8),
            submit="Record the findings",
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=DecisionKind.choices, widget=forms.RadioSelect, label="Decision"
    )
    decided_on = DateInputField(label="Date of the decision")
    published_on = DateInputField(label="Date the decision was published")
    minute_reference = forms.CharField(max_length=limits.MINUTE_REFERENCE, label="Minute reference")
    key_decision = forms.ChoiceField(
        choices=YES_NO, widget=forms.RadioSelect, label="Is it a key decision?"
    )
    exception_route = forms.ChoiceField(
        choices=ExceptionRoute.choices,
        widget=forms.RadioSelect,
        required=False,
        label="If it was not on the forward plan 28 clear days before: the route used",
    )
    exception_reason = forms.CharField(
        widget=forms.Textarea, required=False, max_length=limits.TEXT, label="Reason for the route"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("decision", legend_size=Size.SMALL, inline=True),
            Field("decided_on"),
            Field("published_on"),
            Field.text("minute_reference", field_width=Fixed.TWENTY),
            Field.radios("key_decision", legend_size=Size.SMALL, inline=True),
            Field.radios("exception_route", legend_size=Size.SMALL),
            Field.textarea("exception_reason", rows=3),
            submit="Record the decision",
        )

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["key_decision"] = data["key_decision"] == "yes"
        return data


class CallInForm(forms.Form):
    reasons = forms.CharField(
        widget=forms.Textarea, max_length=limits.TEXT, label="Reasons for the call-in"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("reasons", rows=6), submit="Request the call-in")


class ResolveCallInForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[c for c in CallInOutcome.choices if c[0]],
        widget=forms.RadioSelect,
        label="What scrutiny decided",
    )
    met_on = DateInputField(label="Date of the scrutiny meeting")
    minute_reference = forms.CharField(max_length=limits.MINUTE_REFERENCE, label="Minute reference")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("outcome", legend_size=Size.SMALL),
            Field("met_on"),
            Field.text("minute_reference", field_width=Fixed.TWENTY),
            submit="Resolve the call-in",
        )


class WithdrawForm(forms.Form):
    notice_given_on = DateInputField(label="Date notice was given")
    leaves_on = DateInputField(label="Date the council leaves")
    reasons = forms.CharField(widget=forms.Textarea, max_length=limits.TEXT, label="Reasons")
    exit_costs_gbp = MoneyField(
        what="the exit costs", max_value=limits.MAX_GBP - 1, initial=0, label="Exit costs (£)"
    )
    exit_cost_sharing = forms.ChoiceField(
        choices=ExitCostSharing.choices, widget=forms.RadioSelect, label="Who pays the exit costs"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("notice_given_on"),
            Field("leaves_on"),
            Field.textarea("reasons", rows=5),
            Field.text("exit_costs_gbp", field_width=Fixed.TEN),
            Field.radios("exit_cost_sharing", legend_size=Size.SMALL),
            submit="Give notice of withdrawal",
        )


class NotPursuedForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea, max_length=limits.REASON, label="Why it is not pursued"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("reason", rows=4), submit="Do not pursue the case")


class MilestoneForm(forms.Form):
    title = forms.CharField(max_length=limits.NAME, label="Milestone")
    owner = forms.CharField(max_length=limits.NAME, label="Owner")
    due_on = DateInputField(label="Due")
    done_on = DateInputField(label="Done (leave empty if not yet)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("title"),
            Field.text("owner"),
            Field("due_on"),
            Field("done_on"),
            submit="Save the milestone",
        )


class ForwardPlanForm(forms.Form):
    what = forms.CharField(max_length=limits.FORWARD_PLAN_WHAT, label="The matter to be decided")
    decision_maker = forms.CharField(
        max_length=limits.NAME, label="Decision maker", initial="Cabinet"
    )
    expected_on = DateInputField(label="Expected date of the decision")
    documents = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=limits.TEXT,
        label="Documents to be considered",
    )
    private = forms.ChoiceField(
        choices=YES_NO,
        widget=forms.RadioSelect,
        initial="no",
        label="Will it be taken in private?",
    )
    private_reason = forms.CharField(
        widget=forms.Textarea,
        required=False,
        max_length=limits.TEXT,
        label="Why in private (the paragraph of Schedule 12A)",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("what"),
            Field.text("decision_maker"),
            Field("expected_on"),
            Field.textarea("documents", rows=3),
            Field.radios("private", legend_size=Size.SMALL, inline=True),
            Field.textarea("private_reason", rows=3),
            submit="Publish on the forward plan",
        )

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["private"] = data["private"] == "yes"
        return data


class DisputeForm(forms.Form):
    opened_on = DateInputField(label="Date raised")
    issue = forms.CharField(widget=forms.Textarea, max_length=limits.TEXT, label="The issue")
    resolution_steps = forms.CharField(
        widget=forms.Textarea,
        max_length=limits.TEXT,
        label="The agreed resolution steps, as written in the partners' agreement",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("opened_on"),
            Field.textarea("issue", rows=4),
            Field.textarea("resolution_steps", rows=5),
            submit="Log the dispute",
        )


class DisputeStepForm(forms.Form):
    taken_on = DateInputField(label="Date")
    step = forms.CharField(widget=forms.Textarea, max_length=limits.TEXT, label="Step taken")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("taken_on"), Field.textarea("step", rows=3), submit="Add the step"
        )


class DisputeCloseForm(forms.Form):
    closed_on = DateInputField(label="Date resolved")
    outcome = forms.CharField(widget=forms.Textarea, max_length=limits.TEXT, label="Outcome")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("closed_on"), Field.textarea("outcome", rows=3), submit="Close the dispute"
        )
