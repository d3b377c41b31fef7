"""Validate appraisal JSON and build the typed :class:`Appraisal` from it.

Every problem is collected with the JSON path of the field at fault and a
sentence a council officer can act on, then raised as one ``InputError``, so a
business case is fixed in one pass instead of one error per run. Unknown
fields are errors too: a misspelt ``"hgih"`` would otherwise silently drop an
uncertainty bound. The contract is documented in ``docs/appraisal.md``.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

import numpy as np

from sharedservices.analysis.appraisal import distributions as dist
from sharedservices.analysis.appraisal.discount import Discounting
from sharedservices.analysis.appraisal.model import (
    CATEGORIES_BY_KIND,
    COST_CATEGORIES,
    Appraisal,
    Line,
    MonteCarloSettings,
    Option,
    Uncertainty,
)
from sharedservices.analysis.appraisal.optimism_bias import Uplift, project_type_uplift
from sharedservices.analysis.appraisal.reference import (
    MEASURE_FOR_CATEGORY,
    discount_editions,
    discount_schedules,
    optimism_bias_editions,
    optimism_bias_table,
)
from sharedservices.analysis.errors import InputError, Problem

MIN_YEAR, MAX_YEAR = 1900, 2300
MAX_HORIZON = 1000
MAX_ITERATIONS = 10_000_000
MAX_SAMPLES = 20_000_000  # iterations x options: 160 MB of NPSV draws
MAX_UPLIFT = 10.0
SHARE_TOLERANCE = 1e-6

TOP_FIELDS = (
    "start_year",
    "price_base_year",
    "horizon_years",
    "discount",
    "options",
    "monte_carlo",
    "sensitivity",
    "title",
    "notes",
)
OPTION_FIELDS = ("name", "do_nothing", "optimism_bias", "lines", "description", "notes")
LINE_FIELDS = (
    "name",
    "kind",
    "category",
    "values",
    "uncertainty",
    "partner",
    "discount",
    "notes",
)
DISTRIBUTION_FIELDS = {
    "triangular": ("low", "mode", "high"),
    "pert": ("low", "mode", "high"),
    "uniform": ("low", "high"),
    "normal": ("mean", "sd"),
}
DO_NOTHING_NAMES = re.compile(r"\b(do nothing|business as usual|bau|status quo)\b")


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _is_number(value: Any) -> bool:
    return type(value) in (int, float) or (
        isinstance(value, int | float | np.number) and not isinstance(value, bool)
    )


@lru_cache(maxsize=4096)
def _year_index(keys: tuple, start: int) -> tuple[np.ndarray, int, int] | None:
    """Year indices of well-formed keys, with their min and max; None if any key is odd.

    Lines of one appraisal mostly share their years, so parsing each distinct key set
    once (the array is read-only, being shared) saves most of validation's time.
    """
    types = set(map(type, keys))
    if types <= {str}:
        joined = "".join(keys)
        if not (joined.isascii() and joined.isdigit() and all(keys)):
            return None
    elif not types <= {int}:
        return None
    index = np.array(list(map(int, keys)), dtype=np.int64) - start
    index.setflags(write=False)
    return index, int(index.min()), int(index.max())


def _fmt_years(start: int, horizon: int) -> str:
    return f"{start} to {start + horizon - 1} for a {horizon}-year horizon from {start}"


class _Checker:
    """Collects problems; each ``_x`` returns the clean value or None."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # -- generic shapes -------------------------------------------------------
    def obj(self, value: Any, path: str, what: str) -> dict | None:
        if not isinstance(value, dict):
            self.fail(path, f"must be an object ({what}), not {_json_type(value)}")
            return None
        return value

    def fields(self, value: dict, path: str, allowed: tuple, required: tuple = ()) -> None:
        for key in value:
            if key not in allowed:
                self.fail(
                    f"{path}.{key}",
                    f"unknown field '{key}'; the fields allowed here are: {', '.join(allowed)}",
                )
        for key in required:
            if key not in value:
                self.fail(f"{path}.{key}", f"is required: add '{key}'")

    def integer(self, value: Any, path: str, low: int, high: int, what: str) -> int | None:
        if isinstance(value, bool) or not (
            isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        ):
            self.fail(path, f"must be a whole number ({what}), not {_json_type(value)}")
            return None
        if not low <= value <= high:
            self.fail(path, f"must be between {low} and {high} ({what}); got {value:g}")
            return None
        return int(value)

    def number(
        self,
        value: Any,
        path: str,
        *,
        low: float | None = None,
        high: float | None = None,
        low_open: bool = False,
        what: str,
    ) -> float | None:
        if not _is_number(value) or not math.isfinite(value):
            shown = _json_type(value) if not _is_number(value) else str(value)
            self.fail(path, f"must be a finite number ({what}), not {shown}")
            return None
        value = float(value)
        if low is not None and (value < low or (low_open and value == low)):
            bound = f"more than {low:g}" if low_open else f"at least {low:g}"
            self.fail(path, f"must be {bound} ({what}); got {value:g}")
            return None
        if high is not None and value > high:
            self.fail(path, f"must be at most {high:g} ({what}); got {value:g}")
            return None
        return value

    def text(self, value: Any, path: str, what: str) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"must be a non-empty string ({what}), not {_json_type(value)}")
            return None
        return value

    def choice(self, value: Any, path: str, choices: tuple, what: str) -> str | None:
        if value not in choices or not isinstance(value, str):
            shown = f"'{value}'" if isinstance(value, str) else _json_type(value)
            self.fail(path, f"must be one of {', '.join(choices)} ({what}); got {shown}")
            return None
        return value

    # -- appraisal parts --------------------------------------------------------
    def discounting(self, raw: Any, path: str) -> Discounting | None:
        raw = self.obj(raw, path, 'for example {"schedule": "standard"} or {"rate": 0.035}')
        if raw is None:
            return None
        self.fields(raw, path, ("schedule", "rate", "edition"))
        if "schedule" in raw and "rate" in raw:
            self.fail(path, "give either 'schedule' or 'rate', not both")
            return None
        if "rate" in raw:
            if "edition" in raw:
                self.fail(f"{path}.edition", "an edition goes with a schedule, not with a rate")
            rate = self.number(
                raw["rate"], f"{path}.rate", low=0.0, high=0.5, what="a real annual rate, 0.035"
            )
            return None if rate is None else Discounting(schedule=None, rate=rate)
        edition = None
        if "edition" in raw:
            default, known = discount_editions()
            edition = self.text(raw["edition"], f"{path}.edition", "a Green Book edition")
            if edition is not None and edition not in known.split(", "):
                self.fail(
                    f"{path}.edition",
                    f"unknown discount edition '{edition}'; known editions: {known}",
                )
                return None
        if "schedule" not in raw:
            self.fail(
                f"{path}.schedule", "is required: give 'schedule' (standard or health) or 'rate'"
            )
            return None
        names = tuple(sorted(discount_schedules(edition)))
        schedule = self.choice(raw["schedule"], f"{path}.schedule", names, "a discount schedule")
        return None if schedule is None else Discounting(schedule=schedule, edition=edition)

    def uplifts(self, raw: Any, path: str) -> dict[str, Uplift]:
        raw = self.obj(raw, path, 'cost category to uplift, for example {"capital": 0.24}')
        if raw is None:
            return {}
        uplifts = {}
        for category, spec in raw.items():
            where = f"{path}.{category}"
            if category not in COST_CATEGORIES:
                self.fail(
                    where,
                    f"optimism bias applies to cost categories only: one of "
                    f"{', '.join(COST_CATEGORIES)}; got '{category}'",
                )
                continue
            if _is_number(spec) or not isinstance(spec, dict):
                value = self.number(
                    spec, where, low=0.0, high=MAX_UPLIFT, what="an uplift, 0.24 for +24%"
                )
                if value is not None:
                    uplifts[category] = Uplift(uplift=value)
                continue
            uplift = self.project_type_uplift(spec, where, category)
            if uplift is not None:
                uplifts[category] = uplift
        return uplifts

    def project_type_uplift(self, spec: dict, path: str, category: str) -> Uplift | None:
        self.fields(spec, path, ("project_type", "project_types", "mitigation", "edition"))
        edition = None
        if "edition" in spec:
            _, known = optimism_bias_editions()
            if spec["edition"] not in known.split(", "):
                self.fail(
                    f"{path}.edition",
                    f"unknown optimism bias edition {spec['edition']!r}; known editions: {known}",
                )
                return None
            edition = spec["edition"]
        table = optimism_bias_table(edition)
        measure = MEASURE_FOR_CATEGORY[category]
        if ("project_type" in spec) == ("project_types" in spec):
            self.fail(
                path,
                "give 'project_type' (one type) or 'project_types' (type to share of "
                "capital cost), exactly one of them",
            )
            return None
        if "project_type" in spec:
            shares_path = f"{path}.project_type"
            if not isinstance(spec["project_type"], str):
                self.fail(
                    shares_path,
                    f"must be a project type name, not {_json_type(spec['project_type'])}",
                )
                return None
            shares_raw: Any = {spec["project_type"]: 1.0}
        else:
            shares_path = f"{path}.project_types"
            shares_raw = self.obj(spec["project_types"], shares_path, "project type to share")
            if shares_raw is None:
                return None
        fit = tuple(n for n, t in table.project_types.items() if measure in t.measures)
        shares, ok = {}, True
        for name, share in shares_raw.items():
            where = shares_path if "project_type" in spec else f"{shares_path}.{name}"
            if name not in table.project_types:
                self.fail(where, f"unknown project type '{name}'; known types: {', '.join(fit)}")
                ok = False
            elif name not in fit:
                self.fail(
                    where,
                    f"the guidance gives project type '{name}' no {measure.replace('_', ' ')} "
                    f"uplift, so it cannot set the {category} uplift; types that can: "
                    f"{', '.join(fit)}",
                )
                ok = False
            value = self.number(share, where, low=0.0, high=1.0, low_open=True, what="a share")
            if value is None:
                ok = False
            else:
                shares[name] = value
        if ok and not shares:
            self.fail(shares_path, "name at least one project type")
            return None
        if ok and abs(sum(shares.values()) - 1.0) > SHARE_TOLERANCE:
            self.fail(
                shares_path,
                f"the shares of capital cost must add up to 1; they add up to "
                f"{sum(shares.values()):g}",
            )
            ok = False
        mitigation = 0.0
        if "mitigation" in spec:
            value = self.number(
                spec["mitigation"], f"{path}.mitigation", low=0.0, high=1.0,
                what="a mitigation factor from 0 (none) to 1 (all risks managed)",
            )  # fmt: skip
            ok = ok and value is not None
            mitigation = value or 0.0
        if not ok:
            return None
        return project_type_uplift(category, shares, mitigation, edition)

    def uncertainty(self, raw: Any, path: str) -> Uncertainty | None:
        raw = self.obj(raw, path, 'for example {"distribution": "triangular", "low": 0.8, ...}')
        if raw is None:
            return None
        kind = raw.get("distribution")
        if not isinstance(kind, str) or kind not in DISTRIBUTION_FIELDS:
            if "distribution" not in raw:
                self.fail(f"{path}.distribution", "is required: add 'distribution'")
            else:
                self.choice(
                    kind, f"{path}.distribution", tuple(DISTRIBUTION_FIELDS), "a distribution"
                )
            return None
        params = DISTRIBUTION_FIELDS[kind]
        required = params if kind != "normal" else ("sd",)
        self.fields(raw, path, ("distribution", *params, "group"), required)
        group = None
        if "group" in raw:
            group = self.text(raw["group"], f"{path}.group", "the name of lines moving together")
        values = {}
        for param in params:
            if param in raw:
                values[param] = self.number(
                    raw[param], f"{path}.{param}", low=0.0, what="a multiplier, 1.0 = as entered"
                )
        if any(v is None for v in values.values()) or any(p not in values for p in required):
            return None
        if kind == "normal":
            mean, sd = values.get("mean", 1.0), values["sd"]
            if mean <= 0 or sd <= 0:
                self.fail(path, "a normal factor needs a mean and a standard deviation above 0")
                return None
            return Uncertainty(dist.TruncatedNormal(mean, sd), group)
        low, high = values["low"], values["high"]
        mode = values.get("mode", low)
        if not low <= mode <= high or not low < high:
            order = "low <= mode <= high with low < high" if "mode" in values else "low < high"
            self.fail(path, f"the factors must satisfy {order}; got {describe_params(values)}")
            return None
        built = {
            "triangular": lambda: dist.Triangular(low, mode, high),
            "pert": lambda: dist.Pert(low, mode, high),
            "uniform": lambda: dist.Uniform(low, high),
        }[kind]()
        return Uncertainty(built, group)

    def partners(self, raw: Any, path: str) -> tuple[tuple[str, float], ...]:
        if isinstance(raw, str) and raw.strip():
            return ((raw, 1.0),)
        if not isinstance(raw, dict) or not raw:
            self.fail(
                path,
                "must be a partner name, or an object of partner name to share "
                f"(shares adding up to 1), not {_json_type(raw)}",
            )
            return ()
        shares = []
        for name, share in raw.items():
            value = self.number(share, f"{path}.{name}", low=0.0, high=1.0, what="a share")
            if value is not None:
                shares.append((name, value))
        if len(shares) == len(raw) and abs(sum(s for _, s in shares) - 1.0) > SHARE_TOLERANCE:
            total = sum(s for _, s in shares)
            self.fail(path, f"the partner shares must add up to 1; they add up to {total:g}")
        return tuple(shares)

    def values(
        self, raw: Any, path: str, start: int | None, horizon: int | None
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """Year-index and amount arrays of a line; None if anything is wrong."""
        raw = self.obj(raw, path, 'calendar year to pounds, for example {"2027": 50000}')
        if raw is None:
            return None
        keys, amounts = list(raw), list(raw.values())
        # Fast path: a well-formed line is checked with C-level set, join and array
        # operations instead of a Python loop per value, which keeps validation of a
        # 5-option, 150-line, 60-year appraisal near a millisecond. Anything odd falls
        # through to the loop below, which names each bad value.
        if not keys:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        if start is not None and horizon is not None and set(map(type, amounts)) <= {int, float}:
            years = _year_index(tuple(keys), start)
            # Amounts are all >= 0, so their sum is finite exactly when each one is
            # (a NaN or an infinity makes it NaN or infinite).
            if (
                years is not None
                and years[1] >= 0
                and years[2] < horizon
                and min(amounts) >= 0
                and math.isfinite(sum(amounts))
            ):
                return years[0], np.array(amounts, dtype=float)
        ok, index_list, money_list = True, [], []
        for key, amount in raw.items():
            where = f"{path}.{key}"
            if type(key) is int or (isinstance(key, str) and key.isascii() and key.isdigit()):
                year = int(key)
                if (
                    start is not None
                    and horizon is not None
                    and not start <= year < start + horizon
                ):
                    self.fail(
                        where,
                        f"year {year} is outside the appraisal period "
                        f"({_fmt_years(start, horizon)})",
                    )
                    ok = False
                index_list.append(year - (start or 0))
            else:
                self.fail(where, f"'{key}' is not a calendar year: use keys such as \"2027\"")
                ok = False
            if not _is_number(amount):
                self.fail(
                    where, f"must be an amount in pounds (a number), not {_json_type(amount)}"
                )
                ok = False
            elif not math.isfinite(amount):
                self.fail(where, f"must be a finite amount in pounds, not {amount}")
                ok = False
            elif amount < 0:
                self.fail(
                    where,
                    f"must not be negative (got {amount:g}): enter pounds as positive amounts "
                    "and record a fall in cost as a benefit line, or a fall in benefit as a cost "
                    "line",
                )
                ok = False
            else:
                money_list.append(float(amount))
        if not ok or start is None or horizon is None:
            return None
        return np.array(index_list, dtype=np.int64), np.array(money_list, dtype=float)

    def line(self, raw: Any, path: str, start: int | None, horizon: int | None) -> Line | None:
        raw = self.obj(raw, path, "a cost or benefit line")
        if raw is None:
            return None
        self.fields(raw, path, LINE_FIELDS, ("name", "kind", "category", "values"))
        name = self.text(raw["name"], f"{path}.name", "the line's name") if "name" in raw else None
        kind = (
            self.choice(raw["kind"], f"{path}.kind", ("cost", "benefit"), "the kind of line")
            if "kind" in raw
            else None
        )
        category = None
        if "category" in raw and kind is not None:
            allowed = CATEGORIES_BY_KIND[kind]
            category = raw["category"]
            if category not in allowed:
                other = "benefit" if kind == "cost" else "cost"
                hint = (
                    f" ('{category}' is a {other} category)"
                    if category in CATEGORIES_BY_KIND[other]
                    else ""
                )
                shown = f"'{category}'" if isinstance(category, str) else _json_type(category)
                self.fail(
                    f"{path}.category",
                    f"a {kind} line's category must be one of {', '.join(allowed)}; "
                    f"got {shown}{hint}",
                )
                category = None
        values = (
            self.values(raw["values"], f"{path}.values", start, horizon)
            if "values" in raw
            else None
        )
        uncertainty = (
            self.uncertainty(raw["uncertainty"], f"{path}.uncertainty")
            if raw.get("uncertainty") is not None
            else None
        )
        partners = self.partners(raw["partner"], f"{path}.partner") if "partner" in raw else ()
        discounting = (
            self.discounting(raw["discount"], f"{path}.discount") if "discount" in raw else None
        )
        if name is None or kind is None or category is None or values is None:
            return None
        return Line(
            name=name,
            kind=kind,
            category=category,
            year_index=values[0],
            amounts=values[1],
            partners=partners,
            uncertainty=uncertainty,
            discounting=discounting,
        )

    def option(self, raw: Any, path: str, start: int | None, horizon: int | None) -> Option | None:
        raw = self.obj(raw, path, "an option")
        if raw is None:
            return None
        self.fields(raw, path, OPTION_FIELDS, ("name", "lines"))
        name = (
            self.text(raw["name"], f"{path}.name", "the option's name") if "name" in raw else None
        )
        if "do_nothing" in raw and not isinstance(raw["do_nothing"], bool):
            self.fail(
                f"{path}.do_nothing", f"must be true or false, not {_json_type(raw['do_nothing'])}"
            )
        uplifts = (
            self.uplifts(raw["optimism_bias"], f"{path}.optimism_bias")
            if "optimism_bias" in raw
            else {}
        )
        lines: list[Line] = []
        raw_lines = raw.get("lines")
        if "lines" in raw and not isinstance(raw_lines, list):
            self.fail(
                f"{path}.lines",
                f"must be an array of lines (may be empty), not {_json_type(raw_lines)}",
            )
            raw_lines = []
        seen: dict[str, int] = {}
        for j, raw_line in enumerate(raw_lines or []):
            where = f"{path}.lines[{j}]"
            line = self.line(raw_line, where, start, horizon)
            line_name = raw_line.get("name") if isinstance(raw_line, dict) else None
            if isinstance(line_name, str):
                if line_name in seen:
                    self.fail(
                        f"{where}.name",
                        f"line name '{line_name}' is already used by lines[{seen[line_name]}] of "
                        "this option; line names must be unique within an option",
                    )
                    line = None
                seen.setdefault(line_name, j)
            if line is not None:
                lines.append(line)
        description = raw.get("description") if isinstance(raw.get("description"), str) else None
        if name is None:
            return None
        return Option(name=name, lines=tuple(lines), optimism_bias=uplifts, description=description)

    def monte_carlo(self, raw: Any, path: str) -> MonteCarloSettings | None:
        raw = self.obj(raw, path, 'for example {"iterations": 100000, "seed": 1}')
        if raw is None:
            return None
        self.fields(raw, path, ("iterations", "seed", "bins", "apply_optimism_bias"))
        settings = {}
        if "iterations" in raw:
            settings["iterations"] = self.integer(
                raw["iterations"], f"{path}.iterations", 1, MAX_ITERATIONS, "iterations"
            )
        if "seed" in raw and raw["seed"] is not None:
            settings["seed"] = self.integer(raw["seed"], f"{path}.seed", 0, 2**63 - 1, "a seed")
        if "bins" in raw:
            settings["bins"] = self.integer(raw["bins"], f"{path}.bins", 1, 1000, "histogram bins")
        if "apply_optimism_bias" in raw:
            if isinstance(raw["apply_optimism_bias"], bool):
                settings["apply_optimism_bias"] = raw["apply_optimism_bias"]
            else:
                self.fail(f"{path}.apply_optimism_bias", "must be true or false")
                settings["apply_optimism_bias"] = None
        if any(v is None for v in settings.values()):
            return None
        return MonteCarloSettings(**settings)


def describe_params(values: dict) -> str:
    return ", ".join(f"{k} {v:g}" for k, v in values.items())


def find_do_nothing(raw_options: list) -> tuple[int, str, list[Problem]]:
    """Which option is do-nothing, and by which rule.

    1. the one option flagged ``"do_nothing": true``;
    2. else the first option whose name says so ("Do nothing", "Option 1: business
       as usual", "BAU", "Status quo");
    3. else the first option.
    The flag exists so no name is ever guessed wrong; the name rule catches the
    usual wording when the flag is forgotten and the option is not listed first.
    """
    flagged = [
        i for i, o in enumerate(raw_options) if isinstance(o, dict) and o.get("do_nothing") is True
    ]
    if len(flagged) > 1:
        problems = [
            Problem(
                f"$.options[{i}].do_nothing",
                f"only one option can be do-nothing; options[{flagged[0]}] already is",
            )
            for i in flagged[1:]
        ]
        return flagged[0], "flag", problems
    if flagged:
        return flagged[0], "flag", []
    for i, option in enumerate(raw_options):
        name = option.get("name") if isinstance(option, dict) else None
        if isinstance(name, str):
            plain = " ".join(re.sub(r"[^a-z]+", " ", name.lower()).split())
            if DO_NOTHING_NAMES.search(plain):
                return i, "name", []
    return 0, "first option", []


def validate(data: Any) -> Appraisal:
    """Check an appraisal document and return it typed; raise one InputError with every problem."""
    check = _Checker()
    data = check.obj(data, "$", "an appraisal")
    if data is None:
        raise InputError(check.problems)
    check.fields(
        data, "$", TOP_FIELDS, ("start_year", "price_base_year", "horizon_years", "options")
    )
    start = (
        check.integer(data["start_year"], "$.start_year", MIN_YEAR, MAX_YEAR, "a calendar year")
        if "start_year" in data
        else None
    )
    price_base = (
        check.integer(
            data["price_base_year"], "$.price_base_year", MIN_YEAR, MAX_YEAR, "a calendar year"
        )
        if "price_base_year" in data
        else None
    )
    horizon = (
        check.integer(data["horizon_years"], "$.horizon_years", 1, MAX_HORIZON, "years appraised")
        if "horizon_years" in data
        else None
    )
    discounting = (
        check.discounting(data["discount"], "$.discount")
        if "discount" in data
        else Discounting(schedule="standard")
    )
    options: list[Option] = []
    raw_options = data.get("options")
    do_nothing, rule = 0, "first option"
    if "options" in data:
        if not isinstance(raw_options, list):
            check.fail("$.options", f"must be an array of options, not {_json_type(raw_options)}")
            raw_options = []
        elif len(raw_options) < 2:
            check.fail(
                "$.options",
                "needs at least two options: do-nothing (business as usual) and one alternative",
            )
        do_nothing, rule, problems = find_do_nothing(raw_options)
        check.problems.extend(problems)
        names: dict[str, int] = {}
        for i, raw_option in enumerate(raw_options):
            option = check.option(raw_option, f"$.options[{i}]", start, horizon)
            if option is None:
                continue
            if option.name in names:
                check.fail(
                    f"$.options[{i}].name",
                    f"option name '{option.name}' is already used by "
                    f"options[{names[option.name]}]; "
                    "option names must be unique",
                )
            names.setdefault(option.name, i)
            options.append(option)
    monte_carlo = (
        check.monte_carlo(data["monte_carlo"], "$.monte_carlo")
        if data.get("monte_carlo") is not None
        else None
    )
    if monte_carlo is not None and options:
        draws = monte_carlo.iterations * len(options)
        if draws > MAX_SAMPLES:
            # The NPSV of every iteration is kept for exact percentiles: 8 bytes each.
            check.fail(
                "$.monte_carlo.iterations",
                f"{monte_carlo.iterations:,} iterations x {len(options)} options is more than "
                f"{MAX_SAMPLES:,} NPSV draws; use at most "
                f"{MAX_SAMPLES // len(options):,} iterations",
            )
    change = 0.1
    if data.get("sensitivity") is not None:
        sens = check.obj(data["sensitivity"], "$.sensitivity", 'for example {"change": 0.1}')
        if sens is not None:
            check.fields(sens, "$.sensitivity", ("change",))
            if "change" in sens:
                change = check.number(
                    sens["change"], "$.sensitivity.change", low=0.0, high=1.0, low_open=True,
                    what="the fraction each line is moved by, 0.1 for 10%",
                )  # fmt: skip
    for key in ("title", "notes"):
        if key in data and not isinstance(data[key], str):
            check.fail(f"$.{key}", f"must be a string, not {_json_type(data[key])}")
    if check.problems:
        raise InputError(check.problems)
    return Appraisal(
        start_year=start,
        price_base_year=price_base,
        horizon_years=horizon,
        discounting=discounting,
        options=tuple(options),
        do_nothing_index=do_nothing,
        do_nothing_rule=rule,
        monte_carlo=monte_carlo,
        sensitivity_change=change,
        title=data.get("title"),
    )
