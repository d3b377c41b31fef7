"""Demo business cases and policies, labelled as demo data (``is_demo``).

Run by ``python manage.py demo`` after the demo users exist; safe to run again. The
figures are illustrative, not any council's real budgets: the Revenues and Benefits
case follows Lancaster's 2009 Cabinet report (seed 001); the building control case
continues the CLASB list in Carlisle's report (seed 000) with Carlisle's successors.
"""

from __future__ import annotations

from django.db import transaction

from sharedservices.cases.demo_building_control import building_control
from sharedservices.cases.demo_common import CUMBERLAND, LANCASTER, adopt_demo_policies
from sharedservices.cases.demo_revenues import revenues_and_benefits
from sharedservices.cases.models import BusinessCase


@transaction.atomic
def load_demo_cases() -> int:
    """Policies for the demo councils and the two demo cases; returns cases created."""
    adopt_demo_policies()
    made = 0
    for title, lead, build in [
        ("Shared Revenues and Benefits service (demo)", LANCASTER, revenues_and_benefits),
        ("Cumbrian building control partnership (demo)", CUMBERLAND, building_control),
    ]:
        if not BusinessCase.objects.filter(
            title=title, lead_council_id=lead, is_demo=True
        ).exists():
            build()
            made += 1
    return made
