"""Forms for business cases, laid out the GOV.UK way (crispy-forms-gds).

Every edit form carries the ``revision`` the writer started from, so the service can
tell a second saver about the conflict instead of overwriting the first.
"""

from __future__ import annotations

from sharedservices.cases.forms.agreement import SharingAgreementForm
from sharedservices.cases.forms.case import CaseForm, CommentForm, SectionForm, StaffingForm
from sharedservices.cases.forms.common import RevisionMixin, percent_field
from sharedservices.cases.forms.evidence import BaselineForm, EvidenceForm
from sharedservices.cases.forms.options import LineForm, OptionForm, PreferredOptionForm
from sharedservices.cases.forms.policies import PolicyAdoptForm, PolicyVersionForm
from sharedservices.cases.forms.risks import ConsultationForm, RiskForm, SuggestedRisksForm

__all__ = [
    "BaselineForm",
    "CaseForm",
    "CommentForm",
    "ConsultationForm",
    "EvidenceForm",
    "LineForm",
    "OptionForm",
    "PolicyAdoptForm",
    "PolicyVersionForm",
    "PreferredOptionForm",
    "RevisionMixin",
    "RiskForm",
    "SectionForm",
    "SharingAgreementForm",
    "StaffingForm",
    "SuggestedRisksForm",
    "percent_field",
]
