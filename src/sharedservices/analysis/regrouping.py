"""A case's lines when councils leave its group: what stays, and how shared lines scale.

Each line either belongs to one council (``partner``: it goes when that council goes)
or is shared, and then says how its amount depends on the group (``scaling``):

- ``fixed``: the same whoever takes part (a licence bought once);
- ``per-council``: a fixed amount for each council (``amount x n'/n``);
- ``baseline``: in proportion to the group's summed baseline cost of the service;
- ``workload``: in proportion to the group's summed workload (households served);
- ``cost-model``: the partner finder's cost model (``costmodel.py``) with the line's
  scale exponent ``b``: a running cost follows the joint cost
  ``(sum c / sum w**b) * (sum w)**b``, a saving follows ``sum c`` less that cost. The
  ratio of the remaining group's figure to the whole group's scales the line; the
  governance and distance terms are left out (a case's own lines carry those costs).

``regroup`` gives the remaining group's lines, each year's amount multiplied by its
factor, so the appraisal engine (``appraisal.run``) and the sharing engine
(``sharing.run``) work them out afresh: the figures are recomputed, not re-split.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sharedservices.analysis.costmodel import CostModel, Councils, coalition_cost, coalition_saving
from sharedservices.analysis.errors import InputError, Problem

SCALINGS = ("fixed", "per-council", "baseline", "workload", "cost-model")
NEEDS = {"baseline": ("baseline_cost",), "workload": ("workload",)}
NEEDS["cost-model"] = ("baseline_cost", "workload")


@dataclass(frozen=True)
class Member:
    code: str
    baseline_cost: float | None = None  # pounds a year running the service alone
    workload: float | None = None  # households served (or another agreed measure)


def _sum(members: Sequence[Member], attribute: str) -> float:
    return float(sum(getattr(m, attribute) for m in members))


def _councils(members: Sequence[Member]) -> Councils:
    zeros = [0.0] * len(members)
    return Councils.build(
        [m.code for m in members],
        [m.baseline_cost for m in members],
        [m.workload for m in members],
        zeros,
        zeros,
    )


def scale_factor(
    scaling: str, kind: str, group: Sequence[Member], remaining: Sequence[Member], exponent=0.85
) -> float:
    """How much of a shared line's amount the remaining councils carry."""
    if scaling == "fixed" or len(remaining) == len(group):
        return 1.0
    if scaling == "per-council":
        return len(remaining) / len(group)
    if scaling in ("baseline", "workload"):
        attribute = NEEDS[scaling][0]
        return _sum(remaining, attribute) / _sum(group, attribute)
    model = CostModel(scale_exponent=exponent, governance_cost=0.0, distance_cost_per_km=0.0)
    before, after = _councils(group), _councils(remaining)
    every, left = range(len(group)), range(len(remaining))
    if kind == "cost":
        return coalition_cost(model, after, left) / coalition_cost(model, before, every)
    whole = coalition_saving(model, before, every)
    return coalition_saving(model, after, left) / whole if whole else 0.0


def _problems(lines: list[dict], group: Sequence[Member], remaining: Sequence[Member]):
    problems = []
    codes = {m.code for m in group}
    if not remaining or not {m.code for m in remaining} <= codes:
        problems.append(Problem("$.remaining", "must be some of the group's councils"))
    for i, line in enumerate(lines):
        where = f"$.lines[{i}]"
        if line.get("partner") is not None:
            if line["partner"] not in codes:
                problems.append(Problem(f"{where}.partner", "is not one of the group"))
            continue
        scaling = line.get("scaling")
        if scaling not in SCALINGS:
            problems.append(Problem(f"{where}.scaling", f"must be one of {', '.join(SCALINGS)}"))
            continue
        exponent = line.get("exponent", 0.85)
        if scaling == "cost-model" and not (
            isinstance(exponent, int | float) and 0 < exponent <= 1
        ):
            problems.append(Problem(f"{where}.exponent", "must be above 0 and at most 1"))
        for attribute in NEEDS.get(scaling, ()):
            for m in group:
                value = getattr(m, attribute)
                if value is None or not np.isfinite(value) or value <= 0:
                    problems.append(
                        Problem(f"{where}.scaling", f"needs {m.code}'s {attribute} (above 0)")
                    )
    return problems


def regroup(lines: list[dict], group: Sequence[Member], remaining: Sequence[Member]) -> list[dict]:
    """The lines for ``remaining``: leaving councils' own lines dropped, shared lines
    scaled, each with the ``factor`` applied. Lines are ``{"name", "kind" ("cost" or
    "saving"), "partner" (code or None), "scaling", "exponent", "values" {year: amount}}``."""
    if problems := _problems(lines, group, remaining):
        raise InputError(problems)
    staying = {m.code for m in remaining}
    out = []
    for line in lines:
        if line.get("partner") is not None:
            if line["partner"] in staying:
                out.append({**line, "factor": 1.0})
            continue
        factor = scale_factor(
            line["scaling"], line["kind"], group, remaining, line.get("exponent", 0.85)
        )
        values = {year: float(amount) * factor for year, amount in line["values"].items()}
        out.append({**line, "values": values, "factor": factor})
    return out


def material_changes(
    before: dict[str, float], after: dict[str, float], tolerance_pct: float
) -> dict[str, str]:
    """Which remaining councils must decide again, and why: a council whose own net
    present value falls by more than the tolerance (a share of its size before), or
    turns negative. Councils within tolerance are not listed."""
    out = {}
    for code, now in after.items():
        was = before.get(code)
        if now < 0 <= (was if was is not None else 0):
            out[code] = "negative"
        elif was is not None and was - now > abs(was) * tolerance_pct / 100:
            out[code] = "falls"
    return out
