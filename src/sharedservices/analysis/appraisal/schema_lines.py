"""Reading an appraisal's options and their cost and benefit lines.

Part of the one reader of appraisal JSON (``schema.validate`` is the door). A line's
years and amounts are checked with array operations when they are well formed, so a
large appraisal validates in about a millisecond; anything odd falls to a loop that
names each bad value.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from sharedservices.analysis.appraisal import distributions as dist
from sharedservices.analysis.appraisal.model import CATEGORIES_BY_KIND, Line, Option, Uncertainty
from sharedservices.analysis.appraisal.schema_settings import SHARE_TOLERANCE, SettingsReader
from sharedservices.analysis.validation import finite, is_number, json_type

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


def describe_params(values: dict) -> str:
    return ", ".join(f"{k} {v:g}" for k, v in values.items())


class AppraisalReader(SettingsReader):
    """Options and lines, on top of the settings: the whole appraisal reader."""

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
                f"(shares adding up to 1), not {json_type(raw)}",
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
                and finite(sum(amounts))
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
            if not is_number(amount):
                self.fail(where, f"must be an amount in pounds (a number), not {json_type(amount)}")
                ok = False
            elif not finite(amount):
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
                shown = f"'{category}'" if isinstance(category, str) else json_type(category)
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
                f"{path}.do_nothing", f"must be true or false, not {json_type(raw['do_nothing'])}"
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
                f"must be an array of lines (may be empty), not {json_type(raw_lines)}",
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
