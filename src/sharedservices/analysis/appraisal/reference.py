"""Versioned Green Book reference data, read from the JSON files in ``data/``.

Rates and uplifts are published figures that HM Treasury revises, so they live
in data files with their source, one entry per edition, rather than as
constants in code: an old appraisal stays reproducible by naming its edition,
and a revision is a reviewed data change, not a code change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

DATA_PACKAGE = "sharedservices.analysis.appraisal"

#: Which optimism bias measure applies to a cost line of each category. Transition
#: (one-off) costs are capital-like spend, so they take the capital uplift; the
#: guidance measures operating expenditure for outsourcing only.
MEASURE_FOR_CATEGORY = MappingProxyType(
    {
        "capital": "capital_expenditure",
        "transition": "capital_expenditure",
        "running": "operating_expenditure",
    }
)


@dataclass(frozen=True)
class RateBand:
    from_year: int
    to_year: int | None
    rate: float


@dataclass(frozen=True)
class DiscountSchedule:
    name: str
    edition: str
    label: str
    bands: tuple[RateBand, ...]
    source: str


@dataclass(frozen=True)
class Bounds:
    upper: float
    lower: float


@dataclass(frozen=True)
class ProjectType:
    name: str
    label: str
    measures: MappingProxyType  # measure name -> Bounds


@dataclass(frozen=True)
class OptimismBiasTable:
    edition: str
    source: str
    project_types: MappingProxyType  # name -> ProjectType


def _load(filename: str) -> dict[str, Any]:
    text = resources.files(DATA_PACKAGE).joinpath("data", filename).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def discount_editions() -> tuple[str, str]:
    """Return ``(default edition, all editions joined by ', ')`` for messages."""
    doc = _load("discount_schedules.json")
    return doc["default_edition"], ", ".join(sorted(doc["editions"]))


@cache
def discount_schedules(edition: str | None = None) -> MappingProxyType:
    """The discount schedules of one edition (the default edition if None).

    Raises KeyError for an unknown edition. The bands are checked to start at
    year 0 and run on without gaps, so a typo in the data fails loudly here
    rather than discounting some year at a wrong rate.
    """
    doc = _load("discount_schedules.json")
    edition = edition or doc["default_edition"]
    entry = doc["editions"][edition]
    schedules = {}
    for name, spec in entry["schedules"].items():
        bands = tuple(
            RateBand(b["from_year"], b["to_year"], float(b["rate"])) for b in spec["bands"]
        )
        expected = 0
        for band in bands:
            if band.from_year != expected or not 0 <= band.rate < 1:
                raise ValueError(f"discount schedule {edition}/{name} has a bad band {band}")
            expected = None if band.to_year is None else band.to_year + 1
        if expected is not None:
            raise ValueError(f"discount schedule {edition}/{name} does not run to every year")
        schedules[name] = DiscountSchedule(name, edition, spec["label"], bands, entry["source"])
    return MappingProxyType(schedules)


@cache
def optimism_bias_editions() -> tuple[str, str]:
    """Return ``(default edition, all editions joined by ', ')`` for messages."""
    doc = _load("optimism_bias.json")
    return doc["default_edition"], ", ".join(sorted(doc["editions"]))


@cache
def optimism_bias_table(edition: str | None = None) -> OptimismBiasTable:
    """The optimism bias bounds of one edition (the default edition if None)."""
    doc = _load("optimism_bias.json")
    edition = edition or doc["default_edition"]
    entry = doc["editions"][edition]
    types = {}
    for name, spec in entry["project_types"].items():
        measures = {
            measure: Bounds(float(spec[measure]["upper"]), float(spec[measure]["lower"]))
            for measure in ("capital_expenditure", "operating_expenditure", "works_duration")
            if measure in spec
        }
        types[name] = ProjectType(name, spec["label"], MappingProxyType(measures))
    return OptimismBiasTable(edition, entry["source"], MappingProxyType(types))
