"""Optimism bias uplifts from the Green Book supplementary guidance.

An uplift is either given as a number (the organisation's own evidence, which
the Green Book prefers) or derived from the generic project-type bounds:

* mixed projects weight each type's upper and lower bounds by its share of the
  capital cost (supplementary guidance, section on combined projects);
* a mitigation factor ``m`` in [0, 1] records how far the project risk areas are
  managed; the guidance's resultant uplift is ``upper * (1 - m)``. We never go
  below the lower bound, which is the level the guidance expects once the risks
  are managed: claiming less needs the organisation's own evidence, and then
  the number should be given directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sharedservices.analysis.appraisal.reference import MEASURE_FOR_CATEGORY, optimism_bias_table


@dataclass(frozen=True)
class Uplift:
    """The uplift applied to one cost category, with how it was reached."""

    uplift: float
    upper: float | None = None
    lower: float | None = None
    mitigation: float | None = None
    project_types: Mapping[str, float] = field(default_factory=dict)
    edition: str | None = None

    def describe(self) -> dict:
        if not self.project_types:
            return {"uplift": self.uplift, "basis": "given"}
        return {
            "uplift": self.uplift,
            "basis": "project type",
            "project_types": dict(self.project_types),
            "upper": self.upper,
            "lower": self.lower,
            "mitigation": self.mitigation,
            "edition": self.edition,
            "source": optimism_bias_table(self.edition).source,
        }


def mitigated_uplift(upper: float, lower: float, mitigation: float) -> float:
    """``upper * (1 - mitigation)``, but never below ``lower``."""
    return max(lower, upper * (1.0 - mitigation))


def project_type_uplift(
    category: str,
    project_types: Mapping[str, float],
    mitigation: float = 0.0,
    edition: str | None = None,
) -> Uplift:
    """Uplift for a cost category of a project made of the given types.

    ``project_types`` maps a project type of the reference data to its share of
    the capital cost (shares sum to 1); a single type is ``{type: 1.0}``. Raises
    KeyError for an unknown type or one with no figure for the category's measure
    (the schema checks both first, with a message).
    """
    table = optimism_bias_table(edition)
    measure = MEASURE_FOR_CATEGORY[category]
    upper = lower = 0.0
    for name, share in project_types.items():
        bounds = table.project_types[name].measures[measure]
        upper += share * bounds.upper
        lower += share * bounds.lower
    return Uplift(
        uplift=mitigated_uplift(upper, lower, mitigation),
        upper=upper,
        lower=lower,
        mitigation=mitigation,
        project_types=dict(project_types),
        edition=table.edition,
    )
