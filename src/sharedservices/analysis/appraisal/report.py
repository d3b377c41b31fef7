"""Turn the engine's arrays into the JSON result documented in ``docs/appraisal.md``.

Kept apart from the maths so the numbers can be tested as arrays and the
contract (names other tools rely on) is written in one place. Money is in
pounds at price-base-year prices, unrounded: rounding is for display.
"""

from __future__ import annotations

import numpy as np

from sharedservices.analysis.appraisal.distributions import describe as describe_distribution
from sharedservices.analysis.appraisal.engine import (
    OptionFigures,
    benefit_cost_ratio,
    payback_index,
    ranking,
)
from sharedservices.analysis.appraisal.model import Appraisal
from sharedservices.analysis.appraisal.montecarlo import Simulation, summarise
from sharedservices.analysis.appraisal.sensitivity import switching_values, tornado

UNATTRIBUTED = "unattributed"


def _year(appraisal: Appraisal, index: int | None) -> int | None:
    return None if index is None else appraisal.start_year + index


def years_table(appraisal: Appraisal, fig: OptionFigures) -> list[dict]:
    net = fig.net
    pv_net = fig.pv_net_by_year
    columns = {
        "year": appraisal.years.tolist(),
        "t": list(range(appraisal.horizon_years)),
        "discount_factor": fig.discount_factors.tolist(),
        "costs_raw": fig.costs_raw.tolist(),
        "optimism_bias": (fig.costs - fig.costs_raw).tolist(),
        "costs": fig.costs.tolist(),
        "benefits": fig.benefits.tolist(),
        "net": net.tolist(),
        "pv_costs": fig.pv_costs_by_year.tolist(),
        "pv_benefits": fig.pv_benefits_by_year.tolist(),
        "pv_net": pv_net.tolist(),
        "cumulative_net": np.cumsum(net).tolist(),
        "cumulative_pv_net": np.cumsum(pv_net).tolist(),
    }
    names = list(columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def partner_figures(fig: OptionFigures, partners: list[str]) -> dict[str, dict]:
    """PV of costs and benefits attributed to each partner (shares of each line)."""
    totals = {name: [0.0, 0.0] for name in [*partners, UNATTRIBUTED]}
    for j, line in enumerate(fig.option.lines):
        slot = 0 if line.kind == "cost" else 1
        for name, share in line.partners or ((UNATTRIBUTED, 1.0),):
            totals[name][slot] += share * float(fig.line_pv[j])
    return {
        name: {"pv_costs": c, "pv_benefits": b, "npsv": b - c} for name, (c, b) in totals.items()
    }


def vs_do_nothing(appraisal: Appraisal, fig: OptionFigures, base: OptionFigures) -> dict:
    """The option's increment over do-nothing, the comparison the Green Book appraises."""
    pv_costs = fig.pv_costs - base.pv_costs
    pv_benefits = fig.pv_benefits - base.pv_benefits
    return {
        "pv_costs": pv_costs,
        "pv_benefits": pv_benefits,
        "npsv": fig.npsv - base.npsv,
        "bcr": benefit_cost_ratio(pv_benefits, pv_costs),
        "payback_year": _year(appraisal, payback_index(fig.net - base.net)),
        "discounted_payback_year": _year(
            appraisal, payback_index(fig.pv_net_by_year - base.pv_net_by_year)
        ),
    }


def option_result(
    appraisal: Appraisal,
    fig: OptionFigures,
    base: OptionFigures,
    partners: list[str],
) -> dict:
    option = fig.option
    names = [line.name for line in option.lines]
    npsv = fig.npsv
    gap = npsv - base.npsv
    result = {
        "name": option.name,
        "do_nothing": fig is base,
        "pv_costs": fig.pv_costs,
        "pv_benefits": fig.pv_benefits,
        "npsv": npsv,
        "bcr": benefit_cost_ratio(fig.pv_benefits, fig.pv_costs),
        "payback_year": _year(appraisal, payback_index(fig.net)),
        "discounted_payback_year": _year(appraisal, payback_index(fig.pv_net_by_year)),
        "npsv_vs_do_nothing": gap,
        "vs_do_nothing": vs_do_nothing(appraisal, fig, base),
        "switching_values": dict(
            zip(names, switching_values(npsv, fig.signed_line_pv), strict=True)
        ),
        "switching_values_vs_do_nothing": dict(
            zip(names, switching_values(gap, fig.signed_line_pv), strict=True)
        ),
        "tornado": tornado(npsv, names, fig.signed_line_pv, appraisal.sensitivity_change),
        "raw": {
            "pv_costs": fig.pv_costs_raw,
            "pv_benefits": fig.pv_benefits,
            "npsv": fig.npsv_raw,
            "bcr": benefit_cost_ratio(fig.pv_benefits, fig.pv_costs_raw),
        },
        "optimism_bias": {
            "pv": fig.pv_costs - fig.pv_costs_raw,
            "uplifts": {cat: up.describe() for cat, up in option.optimism_bias.items()},
        },
        "lines": [
            {
                "name": line.name,
                "kind": line.kind,
                "category": line.category,
                "pv_raw": float(fig.line_pv_raw[j]),
                "optimism_bias_uplift": option.uplift_of(line),
                "pv": float(fig.line_pv[j]),
            }
            for j, line in enumerate(option.lines)
        ],
        "years": years_table(appraisal, fig),
    }
    if partners:
        # Each partner must be better off than going alone (DESIGN.md): its own
        # increment over do-nothing is what its executive decides on.
        own, alone = partner_figures(fig, partners), partner_figures(base, partners)
        for name, figures in own.items():
            figures["npsv_vs_do_nothing"] = figures["npsv"] - alone[name]["npsv"]
        result["partners"] = own
    return result


def monte_carlo_result(
    appraisal: Appraisal, figures: list[OptionFigures], sim: Simulation
) -> tuple[dict, dict]:
    """Per-option distribution figures, and the settings that reproduce the run."""
    settings = appraisal.monte_carlo
    base = appraisal.do_nothing_index
    iterations = sim.npsv.shape[0]
    per_option = {}
    for k, fig in enumerate(figures):
        stats = summarise(sim.npsv[:, k], settings.bins)
        gap = summarise(sim.npsv[:, k] - sim.npsv[:, base], settings.bins)
        del gap["histogram"]
        stats["vs_do_nothing"] = gap
        stats["prob_preferred"] = float(sim.preferred_counts[k] / iterations)
        per_option[fig.option.name] = stats
    uncertain = [
        {
            "option": fig.option.name,
            "line": line.name,
            "group": line.uncertainty.group,
            **describe_distribution(line.uncertainty.distribution),
        }
        for fig in figures
        for line in fig.option.lines
        if line.uncertainty is not None
    ]
    about = {
        "iterations": iterations,
        "seed": sim.seed,
        "bins": settings.bins,
        "apply_optimism_bias": settings.apply_optimism_bias,
        "random_streams": len(sim.model.streams),
        "uncertain_lines": uncertain,
    }
    return per_option, about


def appraisal_result(
    appraisal: Appraisal, figures: list[OptionFigures], sim: Simulation | None
) -> dict:
    base = figures[appraisal.do_nothing_index]
    partners = sorted(
        {name for o in appraisal.options for line in o.lines for name, _ in line.partners}
    )
    options = [option_result(appraisal, fig, base, partners) for fig in figures]
    order = ranking([fig.npsv for fig in figures])
    for rank, k in enumerate(order, start=1):
        options[k]["rank"] = rank
    result = {
        "title": appraisal.title,
        "start_year": appraisal.start_year,
        "price_base_year": appraisal.price_base_year,
        "horizon_years": appraisal.horizon_years,
        "end_year": appraisal.start_year + appraisal.horizon_years - 1,
        "discount": appraisal.discounting.describe(),
        "do_nothing_option": base.option.name,
        "do_nothing_rule": appraisal.do_nothing_rule,
        "options": options,
        "ranking": [figures[k].option.name for k in order],
        "preferred_option": figures[order[0]].option.name,
        "monte_carlo": None,
        "monte_carlo_settings": None,
    }
    if sim is not None:
        result["monte_carlo"], result["monte_carlo_settings"] = monte_carlo_result(
            appraisal, figures, sim
        )
    return result
