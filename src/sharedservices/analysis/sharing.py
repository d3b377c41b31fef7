"""``share``: split each cost or saving line of a sharing agreement among partners.

Bases: ``equal``, ``households``, ``population``, ``baseline_cost``, ``usage``,
``custom`` (percentages), ``shapley`` and ``nucleolus``. The last two need a
game: explicit worths of coalitions (``game.worths``) or the cost model of
issue 7 (``model``, with each partner's ``baseline_cost``, ``workload``, ``lat``,
``lon``). A saving line is split in proportion to the partners' values; a cost
line so that the saving it brings against the partners' stand-alone costs is
split that way (partner pays its stand-alone cost less its part of the saving),
which for the cost model is exactly the Shapley (nucleolus) cost allocation.

Checks: individual rationality (each partner's net benefit is at least 0, the
seeds' "each partner benefits") and, with a game, the core (no group of partners
would do better on its own). Rebalancing re-splits ``usage`` lines by actual
usage when a partner's actual share drifts from the agreed one by more than the
tolerance (3 percentage points by default, the rule of thumb in the seeds).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from sharedservices.analysis.errors import InputError, Problem
from sharedservices.analysis.games import nucleolus, shapley, shapley_sampled
from sharedservices.analysis.money import format_pence, round_pence
from sharedservices.analysis.sharing_game import (
    MAX_NUCLEOLUS_PLAYERS,
    TOLERANCE,
    Game,
    core_report,
    read_game,
)
from sharedservices.analysis.validation import Reader

FIELD_BASES = {
    "households": "households",
    "population": "population",
    "baseline_cost": "baseline cost",
    "usage": "usage",
}
BASES = ("equal", *FIELD_BASES, "custom", "shapley", "nucleolus")


def _fractions(
    basis: str, partners: list[dict], game: Game | None, line_path: str, r: Reader
) -> np.ndarray | None:
    n = len(partners)
    if basis == "equal":
        return np.full(n, 1.0 / n)
    if basis in FIELD_BASES:
        vals = []
        for i, p in enumerate(partners):
            v = r.field_number(p, basis, f"$.partners[{i}]", minimum=0)
            vals.append(v)
        if any(v is None for v in vals):
            return None
        total = sum(vals)
        if total <= 0:
            r.fail(
                line_path,
                f"the partners' {FIELD_BASES[basis]} add up to 0, so it cannot be a basis",
            )
            return None
        return np.array(vals) / total
    if basis == "custom":
        vals = [
            r.field_number(p, "custom_pct", f"$.partners[{i}]", minimum=0, maximum=100)
            for i, p in enumerate(partners)
        ]
        if any(v is None for v in vals):
            return None
        if abs(sum(vals) - 100) > 0.01:
            r.fail("$.partners", f"custom_pct must add up to 100, not {sum(vals):g}")
            return None
        return np.array(vals) / 100
    # shapley / nucleolus
    if game is None:
        r.fail(line_path, f"basis {basis} needs a game: give game.worths or model")
        return None
    if game.grand <= 0:
        r.fail(
            line_path,
            f"basis {basis} needs the whole partnership to save something; "
            f"it saves {format_pence(game.grand)}",
        )
        return None
    if basis == "shapley":
        if game.shapley is None:
            if game.table is not None:
                game.shapley = shapley(game.table)
            else:
                s = shapley_sampled(game.worth_fn, game.n, permutations=4000)
                game.shapley, game.half_width = s.value, s.half_width
        return game.shapley / game.grand
    if game.table is None or game.n > MAX_NUCLEOLUS_PLAYERS:
        r.fail(
            line_path,
            f"the nucleolus is computed exactly for up to {MAX_NUCLEOLUS_PLAYERS} partners",
        )
        return None
    if game.nucleolus is None:
        game.nucleolus = nucleolus(game.table).allocation
    return game.nucleolus / game.grand


def _explain(
    basis: str,
    code: str,
    i: int,
    kind: str,
    name: str,
    amount: float,
    share: float,
    frac: float,
    partners: list[dict],
    game: Game | None,
) -> str:
    verb = "pays" if kind == "cost" else "receives"
    head = f"{code} {verb} {format_pence(share)} of {name} ({frac:.1%} of {format_pence(amount)})"
    if basis == "equal":
        return f"{head}: an equal share among {len(partners)} partners."
    if basis in FIELD_BASES:
        total = sum(float(p[basis]) for p in partners)
        mine = float(partners[i][basis])
        return (
            f"{head}: its {FIELD_BASES[basis]} is {mine:,.0f} of {total:,.0f} across the partners."
        )
    if basis == "custom":
        return f"{head}: the {float(partners[i]['custom_pct']):g}% agreed by the partners."
    value = game.shapley[i] if basis == "shapley" else game.nucleolus[i]
    if basis == "shapley":
        why = (
            f"its Shapley value: averaged over every order in which the partners could join, "
            f"it adds {format_pence(value)} of the {format_pence(game.grand)} the partnership saves"
        )
        if game.half_width is not None:
            why += f" (estimated by sampling, ±{format_pence(game.half_width[i])} at 95%)"
    else:
        why = (
            f"the nucleolus: the split of the {format_pence(game.grand)} saving that leaves "
            "the least satisfied group of partners as well off as possible, "
            f"giving it {format_pence(value)}"
        )
    if kind == "cost":
        return f"{head}: its stand-alone cost less its part of the saving, set by {why}."
    return f"{head}: {why}."


def run(data: dict) -> dict:
    """Split the lines of a sharing agreement; see docs/sharing-and-coalitions.md."""
    r = Reader()
    if not isinstance(data, dict):
        raise InputError([Problem("$", "must be a JSON object")])
    partners = r.listing(data, "partners", "$", required=True)
    codes: list[str] = []
    for i, p in enumerate(partners):
        if not isinstance(p, dict):
            r.fail(f"$.partners[{i}]", "must be an object with a code")
            codes.append(f"?{i}")
            continue
        c = r.code(p.get("code"), f"$.partners[{i}].code")
        if c in codes:
            r.fail(f"$.partners[{i}].code", f"{c} appears more than once")
        codes.append(c or f"?{i}")
    if "partners" in data and isinstance(data.get("partners"), list) and not partners:
        r.fail("$.partners", "must name at least one partner")
    lines = r.listing(data, "lines", "$", required=True)
    if r.problems:
        raise InputError(r.problems)
    game = read_game(data, partners, codes, r)
    n = len(codes)
    out_lines = []
    costs = np.zeros(n)
    savings = np.zeros(n)
    has_cost = False
    for j, line in enumerate(lines):
        path = f"$.lines[{j}]"
        if not isinstance(line, dict):
            r.fail(path, "must be an object with name, kind, amount and basis")
            continue
        name = line.get("name")
        if not isinstance(name, str) or not name.strip():
            r.fail(f"{path}.name", "must be a non-empty text")
            name = f"line {j + 1}"
        kind = line.get("kind")
        if kind not in ("cost", "saving"):
            r.fail(f"{path}.kind", f'must be "cost" or "saving", not {kind!r}')
        amount = r.field_number(line, "amount", path, minimum=0)
        basis = line.get("basis")
        if basis not in BASES:
            r.fail(f"{path}.basis", f"must be one of {', '.join(BASES)}, not {basis!r}")
            continue
        frac = _fractions(basis, partners, game, f"{path}.basis", r)
        if frac is None or amount is None or kind not in ("cost", "saving"):
            continue
        if kind == "cost" and basis in ("shapley", "nucleolus"):
            standalone = [
                r.field_number(p, "standalone_cost", f"$.partners[{i}]", minimum=0)
                for i, p in enumerate(partners)
            ]
            if any(s is None for s in standalone):
                continue
            standalone = np.array(standalone)
            line_saving = standalone.sum() - amount
            shares = standalone - line_saving * frac
            frac = shares / amount if amount else frac
        else:
            shares = amount * frac
        if kind == "cost":
            costs += shares
            has_cost = True
        else:
            savings += shares
        out_lines.append(
            {
                "name": name,
                "kind": kind,
                "amount": round_pence(amount),
                "basis": basis,
                "shares": {c: round_pence(s) for c, s in zip(codes, shares, strict=True)},
                "fractions": {c: round(float(f), 6) for c, f in zip(codes, frac, strict=True)},
                "explanations": {
                    c: _explain(
                        basis,
                        c,
                        i,
                        kind,
                        name,
                        amount,
                        float(shares[i]),
                        float(frac[i]),
                        partners,
                        game,
                    )
                    for i, c in enumerate(codes)
                },
                "_frac": frac,
            }
        )
    standalone_total = np.zeros(n)
    if has_cost:
        for i, p in enumerate(partners):
            s = r.field_number(p, "standalone_cost", f"$.partners[{i}]", minimum=0, default=None)
            standalone_total[i] = np.nan if s is None else s
    rebalancing = _rebalance(data, partners, codes, out_lines, r)
    if r.problems:
        raise InputError(r.problems)
    net = savings + (standalone_total - costs if has_cost else 0.0)
    ir_known = not np.isnan(net).any()
    violations = []
    if ir_known:
        for i, c in enumerate(codes):
            if net[i] < -TOLERANCE:
                violations.append(
                    {
                        "code": c,
                        "net_benefit": round_pence(net[i]),
                        "message": f"{c} would be {format_pence(-net[i])} a year worse off "
                        "than going alone",
                    }
                )
    totals = {
        c: {
            "costs": round_pence(costs[i]),
            "savings": round_pence(savings[i]),
            "net_benefit": None if np.isnan(net[i]) else round_pence(net[i]),
        }
        for i, c in enumerate(codes)
    }
    result: dict[str, Any] = {
        "partners": codes,
        "lines": [{k: v for k, v in ln.items() if k != "_frac"} for ln in out_lines],
        "totals": totals,
        "individual_rationality": {
            "checked": ir_known,
            "holds": (not violations) if ir_known else None,
            "violations": violations,
            "note": None
            if ir_known
            else "give every partner a standalone_cost to check cost lines against going alone",
        },
        "core": core_report(game, net if ir_known else None, codes),
        "game": None,
        "rebalancing": rebalancing,
    }
    if game is not None:
        result["game"] = {
            "grand_coalition_worth": round_pence(game.grand),
            "shapley": None
            if game.shapley is None
            else {c: round_pence(x) for c, x in zip(codes, game.shapley, strict=True)},
            "shapley_half_width": None
            if game.half_width is None
            else {c: round_pence(x) for c, x in zip(codes, game.half_width, strict=True)},
            "nucleolus": None
            if game.nucleolus is None
            else {c: round_pence(x) for c, x in zip(codes, game.nucleolus, strict=True)},
        }
    return result


def _rebalance(
    data: dict, partners: list[dict], codes: list[str], lines: list[dict], r: Reader
) -> dict | None:
    if "rebalancing" not in data:
        return None
    reb = r.mapping(data, "rebalancing", "$")
    tol = r.field_number(reb, "tolerance", "$.rebalancing", default=0.03, minimum=0, maximum=1)
    actual = r.mapping(reb, "actual_usage", "$.rebalancing", required=True)
    known = set(codes)
    for code in actual:
        if code not in known:
            r.fail(f"$.rebalancing.actual_usage.{code}", f"{code} is not one of the partners")
    use = []
    for c in codes:
        v = r.field_number(actual, c, "$.rebalancing.actual_usage", minimum=0)
        use.append(v)
    if any(v is None for v in use) or tol is None:
        return None
    if sum(use) <= 0:
        r.fail("$.rebalancing.actual_usage", "actual usage adds up to 0")
        return None
    actual_frac = np.array(use) / sum(use)
    out = []
    for ln in lines:
        if ln["basis"] != "usage":
            continue
        drift = actual_frac - ln["_frac"]
        triggered = bool(np.abs(drift).max() > tol + 1e-12)
        sign = 1.0 if ln["kind"] == "cost" else -1.0
        pay = sign * drift * ln["amount"] if triggered else np.zeros(len(codes))
        out.append(
            {
                "line": ln["name"],
                "triggered": triggered,
                "largest_drift": round(float(np.abs(drift).max()), 6),
                "actual_fractions": {
                    c: round(float(f), 6) for c, f in zip(codes, actual_frac, strict=True)
                },
                "payments": {c: round_pence(x) for c, x in zip(codes, pay, strict=True)},
                "explanations": {
                    c: (
                        f"{c} owes {format_pence(x)}"
                        if x > 0.005
                        else f"{c} is owed {format_pence(-x)}"
                        if x < -0.005
                        else f"{c} neither owes nor is owed"
                    )
                    + f": agreed share {ln['_frac'][i]:.1%}, "
                    f"actual usage share {actual_frac[i]:.1%}"
                    for i, (c, x) in enumerate(zip(codes, pay, strict=True))
                },
            }
        )
    return {"tolerance": tol, "lines": out}
