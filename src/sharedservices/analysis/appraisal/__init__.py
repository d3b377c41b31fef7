"""Green Book appraisal: NPSV, optimism bias, sensitivity, switching values, Monte Carlo.

HM Treasury's Green Book asks every option, do-nothing included, to be
appraised in real terms, discounted at the social time preference rate, with
costs uplifted for optimism bias and the uncertainty shown. This package does
that with numpy and no Django, so the web pages, ``POST /api/v1/appraise`` and
``python -m sharedservices.analysis appraise FILE.json`` share one engine.

The JSON contract is in ``docs/appraisal.md``. The door most callers want is
:func:`run`; the pieces are public for callers that hold typed input already.
"""

from __future__ import annotations

from typing import Any

from sharedservices.analysis.appraisal.discount import Discounting, discount_factors
from sharedservices.analysis.appraisal.engine import OptionFigures, appraise_options
from sharedservices.analysis.appraisal.model import Appraisal
from sharedservices.analysis.appraisal.montecarlo import DEFAULT_CHUNK, Simulation, simulate
from sharedservices.analysis.appraisal.optimism_bias import mitigated_uplift, project_type_uplift
from sharedservices.analysis.appraisal.report import appraisal_result
from sharedservices.analysis.appraisal.schema import validate
from sharedservices.analysis.appraisal.sensitivity import switching_value
from sharedservices.analysis.errors import InputError, Problem

__all__ = [
    "Appraisal",
    "Discounting",
    "InputError",
    "OptionFigures",
    "Problem",
    "Simulation",
    "appraise",
    "appraise_options",
    "discount_factors",
    "mitigated_uplift",
    "project_type_uplift",
    "run",
    "simulate",
    "switching_value",
    "validate",
]


def appraise(appraisal: Appraisal, *, chunk_size: int = DEFAULT_CHUNK) -> dict:
    """The JSON-able result of an already validated appraisal."""
    figures = appraise_options(appraisal)
    sim = (
        simulate(figures, appraisal.monte_carlo, chunk_size=chunk_size)
        if appraisal.monte_carlo is not None
        else None
    )
    return appraisal_result(appraisal, figures, sim)


def run(data: Any, *, chunk_size: int = DEFAULT_CHUNK) -> dict:
    """Validate an appraisal document and return its result as JSON-able data.

    Raises :class:`InputError` listing every problem with its JSON path. The
    Monte Carlo runs only when ``monte_carlo`` is given; without a seed it
    picks one and reports it, so any run can be repeated exactly.
    """
    return appraise(validate(data), chunk_size=chunk_size)
