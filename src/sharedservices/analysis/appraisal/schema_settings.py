"""Reading an appraisal's settings: discounting, optimism bias and the Monte Carlo run.

Part of the one reader of appraisal JSON (``schema.validate`` is the door); each method
returns the clean value or None after noting the problem with its JSON path.
"""

from __future__ import annotations

from typing import Any

from sharedservices.analysis.appraisal.discount import Discounting
from sharedservices.analysis.appraisal.model import COST_CATEGORIES, MonteCarloSettings
from sharedservices.analysis.appraisal.optimism_bias import Uplift, project_type_uplift
from sharedservices.analysis.appraisal.reference import (
    MEASURE_FOR_CATEGORY,
    discount_editions,
    discount_schedules,
    optimism_bias_editions,
    optimism_bias_table,
)
from sharedservices.analysis.validation import Reader, is_number, json_type

MAX_ITERATIONS = 10_000_000
MAX_UPLIFT = 10.0
SHARE_TOLERANCE = 1e-6


class SettingsReader(Reader):
    """The appraisal-wide settings, read with the engine's one reader."""

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
            if is_number(spec) or not isinstance(spec, dict):
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
                    f"must be a project type name, not {json_type(spec['project_type'])}",
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
