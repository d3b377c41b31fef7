"""The demo cases load, are labelled as demo data, and loading again changes nothing."""

import pytest

from sharedservices.accounts.demo import load_demo_users
from sharedservices.cases.demo import load_demo_cases
from sharedservices.cases.models import BusinessCase, Policy
from sharedservices.cases.readiness import case_readiness

pytestmark = pytest.mark.django_db


def test_demo_cases_load_once_with_appraisals_and_readiness():
    load_demo_users()
    assert load_demo_cases() == 2
    assert load_demo_cases() == 0
    assert Policy.objects.filter(is_demo=True).count() == 6
    rb = BusinessCase.objects.get(lead_council_id="E07000121")
    bc = BusinessCase.objects.get(lead_council_id="E06000063")
    assert rb.is_demo and bc.is_demo and rb.shared_with_partners
    assert rb.appraisal["preferred_option"] == "Lead authority: shared management and back office"
    assert rb.preferred_option.name == rb.appraisal["preferred_option"]
    readiness = case_readiness(rb)
    assert {c.code: [x.key for x in v] for c, v in readiness.missing.items()} == {
        "E07000121": ["disputes-and-withdrawal", "staff-consulted"],
        "E07000123": ["outcomes-measured"],
    }
    assert case_readiness(bc).ready
    assert bc.preferred_option.name == bc.appraisal["preferred_option"]
    assert rb.baselines.count() == 5 and rb.risks.count() == 5
