"""Forms of the programme pages, laid out the GOV.UK way (crispy-forms-gds).

The rules live in the services; forms turn what people type into service input.
Every create form carries a one-time token, so a double click stores one record.
"""

from sharedservices.programme.forms.common import lines_of
from sharedservices.programme.forms.opportunities import (
    MoveForm,
    OpportunityFilterForm,
    OpportunityForm,
)
from sharedservices.programme.forms.programmes import (
    AllocationForm,
    PotForm,
    ProgrammeForm,
    SpendForm,
)
from sharedservices.programme.forms.scoring import (
    CriterionForm,
    ScoreForm,
    WeightSetForm,
)

__all__ = [
    "AllocationForm",
    "CriterionForm",
    "MoveForm",
    "OpportunityFilterForm",
    "OpportunityForm",
    "PotForm",
    "ProgrammeForm",
    "ScoreForm",
    "SpendForm",
    "WeightSetForm",
    "lines_of",
]
