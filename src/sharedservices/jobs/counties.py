"""Ceremonial counties (the counties of the Lieutenancies Act 1997, Schedule 1, as
amended) for the partner finder's "partners within the same county".

Read from ``councils/data/ceremonial_counties.csv``, one row per council and county,
each citing the paragraph of Schedule 1 (and the order that amended it) that puts the
council there. Stockton-on-Tees has two rows: the Tees divides it between Durham and
North Yorkshire. Councils outside England have no row: under the constraint each
stands alone.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from itertools import combinations
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "councils" / "data" / "ceremonial_counties.csv"


@cache
def rows() -> tuple[dict[str, str], ...]:
    with DATA.open(newline="", encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


def counties_of(codes: Iterable[str]) -> dict[str, frozenset[str]]:
    """Each code's ceremonial counties (empty outside England)."""
    found: dict[str, set[str]] = {code: set() for code in codes}
    for row in rows():
        if row["council_code"] in found:
            found[row["council_code"]].add(row["county"])
    return {code: frozenset(c) for code, c in found.items()}


def names() -> list[str]:
    return sorted({row["county"] for row in rows()})


def members(county: str) -> list[str]:
    return sorted({row["council_code"] for row in rows() if row["county"] == county})


def apart_pairs(
    counties: dict[str, frozenset[str]], edges: list[tuple[str, str]] | None
) -> tuple[list[list[str]], list[list[str]] | None]:
    """The analysis's constraints for "every partnership within one county":
    ``(apart pairs, edges)``.

    Without the map (``edges`` None) every two councils with no county in common are
    apart. With it, a boundary between councils with no county in common is dropped,
    so a joined-up partnership can cross a county line only through a council in two
    counties (Stockton-on-Tees); councils with no county in common that the kept
    boundaries still join are set apart as well. Either way a partnership is allowed
    exactly when every two of its members share a county (brute-force tested).
    """

    def share(a: str, b: str) -> bool:
        return bool(counties[a] & counties[b])

    if edges is None:
        pairs = [[a, b] for a, b in combinations(sorted(counties), 2) if not share(a, b)]
        return pairs, None
    kept = [[a, b] for a, b in edges if a in counties and b in counties and share(a, b)]
    component = {code: code for code in counties}

    def find(x: str) -> str:
        while component[x] != x:
            component[x] = component[component[x]]
            x = component[x]
        return x

    for a, b in kept:
        component[find(a)] = find(b)
    pairs = [
        [a, b]
        for a, b in combinations(sorted(counties), 2)
        if find(a) == find(b) and not share(a, b)
    ]
    return pairs, kept
