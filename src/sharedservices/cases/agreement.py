"""The sharing agreement: the one place a business case becomes the input of
``analysis.sharing.run`` (docs/sharing-and-coalitions.md), and its answer
becomes what each partner pays, receives and gains.

What is split is each line's present value from the case's own appraisal
(after optimism bias), so the agreement always adds up to the NPSV the
appraisal shows. Lines attributed to one partner stay with that partner. A
partner is "better off than going alone" when its net present value from the
option is at least zero: going alone is the do-nothing option, worth zero
against itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from sharedservices.analysis import sharing
from sharedservices.analysis.errors import InputError
from sharedservices.cases.models import BaselineKind, BusinessCase, LineKind, Option, ShareBasis


def baseline_costs(case: BusinessCase) -> dict[str, Decimal]:
    """Each council's baseline cost of the service: its cost baselines in pounds."""
    totals: dict[str, Decimal] = {}
    for b in case.baselines.filter(kind=BaselineKind.COST):
        if "£" in b.unit:
            totals[b.council_id] = totals.get(b.council_id, Decimal(0)) + b.value
    return totals


def option_line_values(case: BusinessCase, option: Option) -> dict[str, float]:
    """Present value of each of the option's lines, from the stored appraisal."""
    for figures in (case.appraisal or {}).get("options", []):
        if figures["name"] == option.name:
            return {line["name"]: line["pv"] for line in figures.get("lines", [])}
    return {}


@dataclass
class AgreementInput:
    data: dict
    own: dict[str, dict[str, float]] = field(default_factory=dict)  # code -> costs/savings
    problems: list[dict] = field(default_factory=list)


def agreement_input(
    case: BusinessCase, option: Option, bases: dict[str, str], custom_pct: dict[str, float]
) -> AgreementInput:
    councils = case.councils
    costs = baseline_costs(case)
    values = option_line_values(case, option)
    result = AgreementInput(data={})
    if not values:
        result.problems.append(
            {
                "path": "appraisal",
                "message": "The option has no appraisal yet: fix the appraisal first",
            }
        )
    partners = []
    for council in councils:
        partner = {"code": council.code}
        if council.postcode_count:
            partner["households"] = council.postcode_count
        if council.code in costs:
            partner["baseline_cost"] = float(costs[council.code])
        if council.code in custom_pct:
            partner["custom_pct"] = float(custom_pct[council.code])
        partners.append(partner)
    lines = []
    result.own = {c.code: {"costs": 0.0, "savings": 0.0} for c in councils}
    for line in option.lines.all():
        amount = values.get(line.name)
        if amount is None:
            continue
        if line.partner_id in result.own:
            key = "costs" if line.kind == LineKind.COST else "savings"
            result.own[line.partner_id][key] += amount
            continue
        lines.append(
            {
                "name": line.name,
                "kind": "cost" if line.kind == LineKind.COST else "saving",
                "amount": round(amount, 2),
                "basis": bases.get(line.name, ShareBasis.EQUAL),
            }
        )
    result.data = {"partners": partners, "lines": lines}
    return result


def _readable(path: str, data: dict, names: dict[str, str]) -> str:
    """``$.partners[1].baseline_cost`` → ``Preston: baseline_cost``."""
    match = re.match(r"^\$\.(partners|lines)\[(\d+)\]\.?(.*)$", path)
    if not match:
        return path.removeprefix("$.")
    item = data[match[1]][int(match[2])]
    label = (
        names.get(item.get("code"), item.get("code")) if match[1] == "partners" else item["name"]
    )
    return f"{label}: {match[3]}" if match[3] else label


def agreement_compute(
    case: BusinessCase, option: Option, bases: dict[str, str], custom_pct: dict[str, float]
) -> tuple[dict | None, list[dict]]:
    """(result, errors): the split of every line and each partner's position."""
    prepared = agreement_input(case, option, bases, custom_pct)
    if prepared.problems:
        return None, prepared.problems
    names = {c.code: c.name for c in case.councils}
    if not prepared.data["lines"]:
        shared = {"lines": [], "totals": {code: {"costs": 0.0, "savings": 0.0} for code in names}}
    else:
        try:
            shared = sharing.run(prepared.data)
        except InputError as error:
            return None, [
                {"path": _readable(p.path, prepared.data, names), "message": p.message}
                for p in error.problems
            ]
    for line in shared["lines"]:
        line["explanations"] = {
            code: _named(text, names) for code, text in line.get("explanations", {}).items()
        }
    partners = []
    for code, name in names.items():
        totals = shared["totals"].get(code, {"costs": 0.0, "savings": 0.0})
        own = prepared.own[code]
        net = totals["savings"] - totals["costs"] + own["savings"] - own["costs"]
        partners.append(
            {
                "code": code,
                "name": name,
                "shared_costs": round(totals["costs"], 2),
                "shared_savings": round(totals["savings"], 2),
                "own_costs": round(own["costs"], 2),
                "own_savings": round(own["savings"], 2),
                "net": round(net, 2),
                "better_off": net >= 0,
            }
        )
    return {
        "option": option.name,
        "lines": shared["lines"],
        "partners": partners,
        "everyone_better_off": all(p["better_off"] for p in partners),
        "total_net": round(sum(p["net"] for p in partners), 2),
    }, []


def _named(text: str, names: dict[str, str]) -> str:
    for code, name in names.items():
        text = text.replace(code, name)
    return text
