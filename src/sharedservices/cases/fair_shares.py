"""The sharing agreement's comparison of bases: the case's partners become the input of
``analysis.fair_shares.compare_bases`` here, and its answer becomes plain sentences.

What a group of partners could save on its own comes from the partner finder's cost model
(economies of scale less governance and travel costs), fed with each council's baseline
cost from the Baselines page, its households (postcodes) as its workload and its centre.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sharedservices.analysis.errors import InputError
from sharedservices.analysis.fair_shares import compare_bases
from sharedservices.analysis.money import format_pounds
from sharedservices.cases.agreement import baseline_costs
from sharedservices.cases.models import BusinessCase

BASIS_NAMES = {
    "equal": "Equal shares",
    "households": "Households",
    "baseline_cost": "Baseline cost",
    "custom": "Agreed percentages",
    "shapley": "Shapley value",
    "nucleolus": "Nucleolus",
}
BASIS_SENTENCES = {
    "equal": "Each council gets the same amount.",
    "households": "Each council gets a share in proportion to its households.",
    "baseline_cost": "Each council gets a share in proportion to what it spends on the"
    " service today.",
    "custom": "Each council gets the percentage the partners agreed.",
    "shapley": "Each council gets, on average, what it adds to the saving when it joins,"
    " over every order in which the councils could have joined.",
    "nucleolus": "The split that leaves the worst-treated group of councils as well off as"
    " it can be, then the next worst, and so on.",
}


@dataclass
class FairShares:
    saving: float = 0.0
    councils: list = field(default_factory=list)  # Council, in the case's order
    bases: list[dict] = field(default_factory=list)  # basis, name, sentence, cells, verdict
    core_empty: bool | None = None
    missing: list[str] = field(default_factory=list)  # why it cannot be worked out


def _names(codes: list[str], names: dict[str, str]) -> str:
    named = [names[c] for c in codes]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def fair_shares(case: BusinessCase, custom_pct: dict[str, float] | None = None) -> FairShares:
    councils = list(case.councils)
    out = FairShares(councils=councils)
    if len(councils) < 2:
        out.missing.append("A sharing agreement needs at least two partner councils.")
        return out
    costs = baseline_costs(case)
    partners = []
    for c in councils:
        if c.code not in costs or costs[c.code] <= 0:
            out.missing.append(f"{c.name} has no cost baseline in pounds on the Baselines page.")
        if c.latitude is None or c.longitude is None:
            out.missing.append(f"{c.name} has no known place (centre) to measure distances.")
        partner = {
            "code": c.code,
            "baseline_cost": float(costs.get(c.code, 0)),
            "workload": float(c.postcode_count or 1),
            "lat": c.latitude,
            "lon": c.longitude,
        }
        if c.postcode_count:
            partner["households"] = c.postcode_count
        if custom_pct and c.code in custom_pct:
            partner["custom_pct"] = float(custom_pct[c.code])
        partners.append(partner)
    if out.missing:
        return out
    try:
        result = compare_bases({"partners": partners})
    except InputError as error:
        out.missing += [p.message for p in error.problems]
        return out
    names = {c.code: c.name for c in councils}
    out.saving = result["saving"]
    out.core_empty = result["core_empty"]
    for b in result["bases"]:
        if b["in_core"]:
            verdict = "In the core: no group of councils would save more on its own."
        else:
            group = _names(b["blocking_group"], names)
            verdict = (
                f"Not in the core: {group} would save {format_pounds(b['blocking_gain'])}"
                " a year more on their own than this split gives them."
                if len(b["blocking_group"]) > 1
                else f"Not in the core: {group} would save {format_pounds(b['blocking_gain'])}"
                " a year more on its own than this split gives it."
            )
        out.bases.append(
            {
                "basis": b["basis"],
                "name": BASIS_NAMES[b["basis"]],
                "sentence": BASIS_SENTENCES[b["basis"]],
                "cells": [(b["shares"][c.code], b["fractions"][c.code]) for c in councils],
                "in_core": b["in_core"],
                "verdict": verdict,
            }
        )
    return out
