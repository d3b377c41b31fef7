"""Analysis jobs (the partner finder's and the sharing calculator's)."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from sharedservices.jobs.models import AnalysisJob, JobKind
from tests.accounts.factories import council
from tests.known import LANCASTER, PRESTON


class AnalysisJobFactory(DjangoModelFactory):
    class Meta:
        model = AnalysisJob

    kind = JobKind.SHARE
    title = factory.Sequence(lambda n: f"Split {n}")
    # Two partners splitting one running cost equally (docs/sharing-and-coalitions.md).
    input = factory.LazyFunction(
        lambda: {
            "partners": [
                {"code": LANCASTER, "households": 64000},
                {"code": PRESTON, "households": 62000},
            ],
            "lines": [{"name": "running cost", "kind": "cost", "amount": 100000, "basis": "equal"}],
        }
    )
    council = factory.LazyFunction(council)
