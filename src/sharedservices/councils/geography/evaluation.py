"""Measure the neighbour graph against ONS's own list of districts that share a boundary.

The reference (`data/ons_lad21_shared_boundaries.txt`) is ONS's lookup of 2021 local authority
districts and the districts each shares a boundary with, computed by ONS from its boundary files.
It is independent of the postcode method, so it measures it honestly: *recall* is the share of
reference pairs the graph gives, *precision* the share of given pairs that are in the reference.
Codes of 2021 are mapped to today's through the successors in the curated council file (the 2023
reorganisations, the 2025 Barnsley and Sheffield recoding), and only the lower tier is compared
(counties are derived from their districts). No Django: the bench and the tests both call it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
REFERENCE_FILE = DATA_DIR / "ons_lad21_shared_boundaries.txt"
CURATED_FILE = DATA_DIR / "curated_councils.csv"

Pair = tuple[str, str]


def read_reference(path: Path = REFERENCE_FILE) -> dict[str, tuple[str, ...]]:
    """District code -> codes it shares a boundary with, as ONS lists them (2021 codes)."""
    reference: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, *others = line.split()
        reference[code] = tuple(others)
    return reference


def single_successors(path: Path = CURATED_FILE) -> dict[str, str]:
    """Abolished code -> the one council that took it over (councils split in two are left out:
    no 2021 district was split)."""
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return {
        row["code"]: row["successors"]
        for row in rows
        if row["successors"] and ";" not in row["successors"]
    }


def current_code(code: str, successor: Mapping[str, str]) -> str:
    seen = set()
    while code in successor and code not in seen:
        seen.add(code)
        code = successor[code]
    return code


def reference_pairs(
    reference: Mapping[str, Iterable[str]] | None = None,
    successor: Mapping[str, str] | None = None,
) -> set[Pair]:
    """Unordered pairs of today's councils that share a boundary according to ONS."""
    reference = read_reference() if reference is None else reference
    successor = single_successors() if successor is None else successor
    pairs: set[Pair] = set()
    for code, others in reference.items():
        a = current_code(code, successor)
        for other in others:
            b = current_code(other, successor)
            if a != b:
                pairs.add((min(a, b), max(a, b)))
    return pairs


def lower_tier_pairs(neighbours: Mapping[str, Iterable[str]], counties: Iterable[str]) -> set[Pair]:
    """Unordered pairs of the graph among lower-tier councils (counties left out)."""
    counties = set(counties)
    return {
        (min(a, b), max(a, b))
        for a, near in neighbours.items()
        if a not in counties
        for b in near
        if b not in counties and a != b
    }


@dataclass
class NeighbourScore:
    reference: int
    given: int
    found: int
    missed: list[Pair] = field(default_factory=list)
    extra: list[Pair] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.reference if self.reference else 1.0

    @property
    def precision(self) -> float:
        return self.found / self.given if self.given else 1.0


def score(given: set[Pair], reference: set[Pair]) -> NeighbourScore:
    found = given & reference
    return NeighbourScore(
        reference=len(reference),
        given=len(given),
        found=len(found),
        missed=sorted(reference - given),
        extra=sorted(given - reference),
    )
