"""The one place a business case becomes the appraisal engine's input
(``docs/appraisal.md``). Nothing else builds that JSON."""

from __future__ import annotations

from sharedservices.analysis.money import to_float
from sharedservices.cases.models import BusinessCase, Distribution, Option, OptionLine


def line_values(amounts: dict, first_year: int, last_year: int) -> dict[str, float]:
    """A cost line's amounts as the engine reads them, and as they are stored: year (a
    string) -> pounds (float). The form gives exact amounts (``Decimal``); this is the one
    place they become float (``analysis/money.py``). Empty years and years outside the
    case's horizon are left out."""
    return {
        str(year): to_float(amount)
        for year, amount in sorted(amounts.items())
        if amount and first_year <= int(year) <= last_year
    }


def line_uncertainty(line: OptionLine) -> dict | None:
    if not line.distribution:
        return None
    if line.distribution == Distribution.NORMAL:
        return {"distribution": "normal", "sd": float(line.sd or 0), "mean": 1.0}
    if line.distribution == Distribution.UNIFORM:
        return {"distribution": "uniform", "low": float(line.low), "high": float(line.high)}
    return {
        "distribution": line.distribution,
        "low": float(line.low),
        "mode": float(line.mode),
        "high": float(line.high),
    }


def line_input(line: OptionLine) -> dict:
    data = {
        "name": line.name,
        "kind": line.kind,
        "category": line.category,
        "values": dict(sorted(line.values.items())),
    }
    if line.partner_id:
        data["partner"] = line.partner_id
    uncertainty = line_uncertainty(line)
    if uncertainty:
        data["uncertainty"] = uncertainty
    return data


def option_input(option: Option) -> dict:
    return {
        "name": option.name,
        "do_nothing": option.is_do_nothing,
        "optimism_bias": {
            "capital": float(option.optimism_bias_capital),
            "transition": float(option.optimism_bias_transition),
            "running": float(option.optimism_bias_running),
        },
        "lines": [line_input(line) for line in option.lines.all()],
    }


def appraisal_input(case: BusinessCase) -> dict:
    options = list(case.options.prefetch_related("lines"))
    data = {
        "title": case.title,
        "start_year": case.start_year,
        "price_base_year": case.price_base_year,
        "horizon_years": case.horizon_years,
        "discount": {"schedule": "standard"},
        "options": [option_input(o) for o in options],
    }
    if case.monte_carlo_iterations:
        data["monte_carlo"] = {
            "iterations": case.monte_carlo_iterations,
            "seed": case.monte_carlo_seed,
        }
    return data
