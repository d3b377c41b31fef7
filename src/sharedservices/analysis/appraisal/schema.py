"""Validate appraisal JSON and build the typed :class:`Appraisal` from it.

Every problem is collected with the JSON path of the field at fault and a
sentence a council officer can act on, then raised as one ``InputError``, so a
business case is fixed in one pass instead of one error per run. Unknown
fields are errors too: a misspelt ``"hgih"`` would otherwise silently drop an
uncertainty bound. The contract is documented in ``docs/appraisal.md``.

The reading is in two parts on the engine's one reader (``analysis.validation``):
``schema_settings`` (discounting, optimism bias, Monte Carlo) and ``schema_lines``
(options and lines). This module is the door: the document as a whole.
"""

from __future__ import annotations

import re
from typing import Any

from sharedservices.analysis.appraisal.discount import Discounting
from sharedservices.analysis.appraisal.model import Appraisal, Option
from sharedservices.analysis.appraisal.schema_lines import AppraisalReader
from sharedservices.analysis.errors import InputError, Problem
from sharedservices.analysis.validation import json_type

MIN_YEAR, MAX_YEAR = 1900, 2300
MAX_HORIZON = 1000
MAX_SAMPLES = 20_000_000  # iterations x options: 160 MB of NPSV draws

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
DO_NOTHING_NAMES = re.compile(r"\b(do nothing|business as usual|bau|status quo)\b")


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
    check = AppraisalReader()
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
            check.fail("$.options", f"must be an array of options, not {json_type(raw_options)}")
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
            check.fail(f"$.{key}", f"must be a string, not {json_type(data[key])}")
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
