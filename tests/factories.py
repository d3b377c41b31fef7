"""The test factories (factory-boy), one module per app (``tests/<app>/factories.py``),
gathered here for tests that want several. Councils are never made: they are the real
ones ``load_councils`` built, looked up by the codes in ``tests/known.py``
(``council(code)``). ``tests/test_factories.py`` proves each builds a valid record."""

from __future__ import annotations

from tests.accounts.factories import TEST_PASSWORD, UserFactory, council
from tests.cases.factories import BusinessCaseFactory, OptionFactory, OptionLineFactory
from tests.jobs.factories import AnalysisJobFactory
from tests.programme.factories import OpportunityFactory
from tests.registry.factories import ArrangementFactory, ArrangementPartnerFactory

__all__ = [
    "TEST_PASSWORD",
    "AnalysisJobFactory",
    "ArrangementFactory",
    "ArrangementPartnerFactory",
    "BusinessCaseFactory",
    "OpportunityFactory",
    "OptionFactory",
    "OptionLineFactory",
    "UserFactory",
    "council",
]
