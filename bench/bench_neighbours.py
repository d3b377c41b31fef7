"""How good are the neighbours? `uv run python bench/bench_neighbours.py`.

Scores the neighbour graph of the cached geography (`GEOGRAPHY_CACHE_DIR`, built if missing)
against ONS's own list of local authority districts that share a boundary
(`councils/geography/evaluation.py`): recall (share of ONS's pairs given) and precision (share
of given pairs that ONS lists), for the old rule (land edges only), the rule with polygon contact,
a sweep of the contact threshold, and the final graph with the curated pairs of
`known_pairs.py`. The evidence per pair is kept in the geography's metrics, so every variant is
scored from one build. Prints the pairs the final graph still gets wrong.
"""

from __future__ import annotations

import os
from pathlib import Path

from sharedservices.councils.geography import build_geography
from sharedservices.councils.geography.evaluation import lower_tier_pairs, reference_pairs, score
from sharedservices.councils.geography.known_pairs import KNOWN_APART, KNOWN_BORDERS
from sharedservices.councils.geography.neighbours import CONTACT_M, adjacent_pairs

REPO = Path(__file__).resolve().parents[1]


def _pairs(metric: dict) -> dict[tuple[str, str], float]:
    return {tuple(k.split("|")): v for k, v in metric.items()}


def main() -> None:
    cache = Path(os.environ.get("GEOGRAPHY_CACHE_DIR", REPO / "data" / "geography"))
    geo = build_geography(cache_dir=cache)
    counties = {c for c, g in geo.councils.items() if g.tier == "county"}
    present = [c for c in geo.councils if c not in counties]
    edges = _pairs(geo.metrics["neighbour_edge_counts"])
    contacts = _pairs(geo.metrics["neighbour_contact_m"])
    islands = geo.metrics["method"]["known_islands"]
    truth = reference_pairs()

    def line(label: str, pairs: set) -> None:
        s = score(pairs, truth)
        print(
            f"{label:<46} given {s.given:4d}  found {s.found:4d}/{s.reference}  "
            f"recall {s.recall:6.1%}  precision {s.precision:6.1%}"
        )

    print(f"Geography {geo.data_version}; reference: {len(truth)} ONS pairs (lower tier)")
    plain = {"islands": islands, "known_borders": (), "known_apart": ()}
    line("land edges only (the rule before)", adjacent_pairs(edges, {}, present, **plain))
    for metres in (250, 500, 1_000, 2_000, 4_000):
        line(
            f"land edges + polygon contact >= {metres:,} m",
            adjacent_pairs(edges, contacts, present, contact_m=metres, **plain),
        )
    final = lower_tier_pairs(geo.neighbours, counties)
    line(
        f"final: contact >= {CONTACT_M:,.0f} m + {len(KNOWN_BORDERS)} + {len(KNOWN_APART)} curated",
        final,
    )
    method = adjacent_pairs(edges, contacts, present, islands=islands, known_borders=(),
                            known_apart=())  # fmt: skip
    curated = {tuple(sorted(p)) for p in (*KNOWN_BORDERS, *KNOWN_APART)}
    s = score({p for p in method if p not in curated}, truth - curated)
    print(
        f"{'method alone, curated pairs left out of both':<46} given {s.given:4d}  found "
        f"{s.found:4d}/{s.reference}  recall {s.recall:6.1%}  precision {s.precision:6.1%}"
    )
    s = score(final, truth)
    print("\nStill missed:", ", ".join(f"{a}-{b}" for a, b in s.missed) or "none")
    print("Still extra: ", ", ".join(f"{a}-{b}" for a, b in s.extra) or "none")


if __name__ == "__main__":
    main()
