"""Every kind of bad input gives its own message at its own JSON path, all in one error."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest

from sharedservices.analysis.appraisal import InputError, run
from tests.analysis.test_appraisal_engine import ISSUE_EXAMPLE


def valid() -> dict:
    doc = copy.deepcopy(ISSUE_EXAMPLE)
    doc["monte_carlo"] = {"iterations": 100, "seed": 1}
    return doc


def option(doc: dict) -> dict:
    return doc["options"][1]


def line(doc: dict, j: int = 0) -> dict:
    return doc["options"][1]["lines"][j]


def setter(target: Callable[[dict], dict], key: str, value) -> Callable[[dict], None]:
    def mutate(doc: dict) -> None:
        target(doc)[key] = value

    return mutate


def deleter(target: Callable[[dict], dict], key: str) -> Callable[[dict], None]:
    def mutate(doc: dict) -> None:
        del target(doc)[key]

    return mutate


def top(doc: dict) -> dict:
    return doc


def uncertainty(doc: dict) -> dict:
    return line(doc, 1)["uncertainty"]


L0 = "$.options[1].lines[0]"
L1 = "$.options[1].lines[1]"

BAD_INPUTS = [
    # (id, mutation, path, words the message must contain)
    ("missing start year", deleter(top, "start_year"), "$.start_year", "is required"),
    ("start year text", setter(top, "start_year", "2026"), "$.start_year", "whole number"),
    ("start year bool", setter(top, "start_year", True), "$.start_year", "whole number"),
    ("start year absurd", setter(top, "start_year", 26), "$.start_year", "between 1900 and 2300"),
    ("price base missing", deleter(top, "price_base_year"), "$.price_base_year", "is required"),
    ("horizon zero", setter(top, "horizon_years", 0), "$.horizon_years", "between 1 and"),
    ("horizon fraction", setter(top, "horizon_years", 2.5), "$.horizon_years", "whole number"),
    ("unknown top field", setter(top, "horizon_year", 10), "$.horizon_year", "unknown field"),
    ("discount not object", setter(top, "discount", "standard"), "$.discount", "object"),
    (
        "unknown schedule",
        setter(top, "discount", {"schedule": "treasury"}),
        "$.discount.schedule",
        "health, standard",
    ),
    (
        "schedule and rate",
        setter(top, "discount", {"schedule": "standard", "rate": 0.03}),
        "$.discount",
        "not both",
    ),
    ("rate negative", setter(top, "discount", {"rate": -0.01}), "$.discount.rate", "at least 0"),
    ("rate percent", setter(top, "discount", {"rate": 3.5}), "$.discount.rate", "at most 0.5"),
    (
        "unknown edition",
        setter(top, "discount", {"schedule": "standard", "edition": "1997"}),
        "$.discount.edition",
        "known editions",
    ),
    ("options not array", setter(top, "options", {}), "$.options", "array"),
    ("one option", lambda d: d["options"].pop(), "$.options", "at least two options"),
    ("option not object", lambda d: d["options"].append(3), "$.options[2]", "object"),
    ("option unnamed", deleter(option, "name"), "$.options[1].name", "is required"),
    ("option name blank", setter(option, "name", " "), "$.options[1].name", "non-empty"),
    (
        "duplicate option",
        setter(option, "name", "Do nothing"),
        "$.options[1].name",
        "already used by options[0]",
    ),
    ("lines missing", deleter(option, "lines"), "$.options[1].lines", "is required"),
    ("lines not array", setter(option, "lines", {}), "$.options[1].lines", "array"),
    (
        "two do-nothing flags",
        lambda d: [o.update(do_nothing=True) for o in d["options"]],
        "$.options[1].do_nothing",
        "only one option",
    ),
    ("flag not bool", setter(option, "do_nothing", "yes"), "$.options[1].do_nothing", "true or"),
    (
        "uplift on a benefit category",
        setter(option, "optimism_bias", {"cashable-saving": 0.1}),
        "$.options[1].optimism_bias.cashable-saving",
        "cost categories only",
    ),
    (
        "uplift negative",
        setter(option, "optimism_bias", {"capital": -0.1}),
        "$.options[1].optimism_bias.capital",
        "at least 0",
    ),
    (
        "uplift as percent text",
        setter(option, "optimism_bias", {"capital": "24%"}),
        "$.options[1].optimism_bias.capital",
        "number",
    ),
    (
        "unknown project type",
        setter(option, "optimism_bias", {"capital": {"project_type": "castle"}}),
        "$.options[1].optimism_bias.capital.project_type",
        "unknown project type 'castle'",
    ),
    (
        "project type without that measure",
        setter(option, "optimism_bias", {"capital": {"project_type": "outsourcing"}}),
        "$.options[1].optimism_bias.capital.project_type",
        "no capital expenditure uplift",
    ),
    (
        "shares not adding up",
        setter(
            option,
            "optimism_bias",
            {
                "capital": {
                    "project_types": {"standard_buildings": 0.5, "equipment_development": 0.4}
                }
            },
        ),
        "$.options[1].optimism_bias.capital.project_types",
        "add up to 1",
    ),
    (
        "mitigation above one",
        setter(
            option,
            "optimism_bias",
            {"capital": {"project_type": "standard_buildings", "mitigation": 1.5}},
        ),
        "$.options[1].optimism_bias.capital.mitigation",
        "at most 1",
    ),
    (
        "type and types",
        setter(
            option,
            "optimism_bias",
            {"capital": {"project_type": "a", "project_types": {"b": 1}}},
        ),
        "$.options[1].optimism_bias.capital",
        "exactly one of them",
    ),
    ("line not object", lambda d: option(d)["lines"].append([]), f"{L0[:-3]}[2]", "object"),
    ("line name missing", deleter(line, "name"), f"{L0}.name", "is required"),
    (
        "duplicate line",
        setter(lambda d: line(d, 1), "name", "ICT integration"),
        f"{L1}.name",
        "unique",
    ),
    ("kind unknown", setter(line, "kind", "saving"), f"{L0}.kind", "cost, benefit"),
    ("category unknown", setter(line, "category", "misc"), f"{L0}.category", "capital, transition"),
    (
        "category of the other kind",
        setter(line, "category", "cashable-saving"),
        f"{L0}.category",
        "is a benefit category",
    ),
    ("values missing", deleter(line, "values"), f"{L0}.values", "is required"),
    ("values array", setter(line, "values", [1, 2]), f"{L0}.values", "object"),
    (
        "year not a year",
        setter(line, "values", {"Y1": 5}),
        f"{L0}.values.Y1",
        "not a calendar year",
    ),
    (
        "year before start",
        setter(line, "values", {"2025": 5}),
        f"{L0}.values.2025",
        "outside the appraisal period (2026 to 2035",
    ),
    ("year after end", setter(line, "values", {"2036": 5}), f"{L0}.values.2036", "outside"),
    ("amount text", setter(line, "values", {"2027": "5,000"}), f"{L0}.values.2027", "a number"),
    ("amount null", setter(line, "values", {"2027": None}), f"{L0}.values.2027", "not null"),
    ("amount negative", setter(line, "values", {"2027": -5}), f"{L0}.values.2027", "negative"),
    (
        "amount infinite",
        setter(line, "values", {"2027": float("inf")}),
        f"{L0}.values.2027",
        "finite",
    ),
    ("amount bool", setter(line, "values", {"2027": True}), f"{L0}.values.2027", "true/false"),
    ("partner empty", setter(line, "partner", ""), f"{L0}.partner", "partner name"),
    (
        "partner shares",
        setter(line, "partner", {"Lancaster": 0.5, "Preston": 0.3}),
        f"{L0}.partner",
        "add up to 1",
    ),
    (
        "line discount",
        setter(line, "discount", {"schedule": "green"}),
        f"{L0}.discount.schedule",
        "one of",
    ),
    (
        "distribution unknown",
        setter(uncertainty, "distribution", "lognormal"),
        f"{L1}.uncertainty.distribution",
        "triangular, pert, uniform, normal",
    ),
    (
        "distribution missing",
        deleter(uncertainty, "distribution"),
        f"{L1}.uncertainty.distribution",
        "is required",
    ),
    ("mode missing", deleter(uncertainty, "mode"), f"{L1}.uncertainty.mode", "is required"),
    (
        "bounds out of order",
        setter(uncertainty, "low", 1.2),
        f"{L1}.uncertainty",
        "low <= mode <= high",
    ),
    ("negative factor", setter(uncertainty, "low", -0.5), f"{L1}.uncertainty.low", "at least 0"),
    (
        "wrong parameter for the distribution",
        setter(uncertainty, "sd", 0.1),
        f"{L1}.uncertainty.sd",
        "unknown field",
    ),
    (
        "normal without sd",
        setter(line, "uncertainty", {"distribution": "normal", "mean": 1}),
        f"{L0}.uncertainty.sd",
        "is required",
    ),
    (
        "normal sd zero",
        setter(line, "uncertainty", {"distribution": "normal", "sd": 0}),
        f"{L0}.uncertainty",
        "standard deviation above 0",
    ),
    (
        "group blank",
        setter(uncertainty, "group", ""),
        f"{L1}.uncertainty.group",
        "non-empty",
    ),
    (
        "iterations zero",
        setter(lambda d: d["monte_carlo"], "iterations", 0),
        "$.monte_carlo.iterations",
        "between 1 and",
    ),
    (
        "too many draws",
        lambda d: (
            d["options"].append({**option(d), "name": "Copy"}),
            d["monte_carlo"].update(iterations=10_000_000),
        ),
        "$.monte_carlo.iterations",
        "use at most 6,666,666 iterations",
    ),
    (
        "seed negative",
        setter(lambda d: d["monte_carlo"], "seed", -1),
        "$.monte_carlo.seed",
        "between 0 and",
    ),
    (
        "monte carlo typo",
        setter(lambda d: d["monte_carlo"], "iteration", 5),
        "$.monte_carlo.iteration",
        "unknown field",
    ),
    (
        "sensitivity change zero",
        setter(top, "sensitivity", {"change": 0}),
        "$.sensitivity.change",
        "more than 0",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "path", "words"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_bad_input_names_its_path_and_says_what_is_wrong(mutate, path, words):
    doc = valid()
    mutate(doc)
    with pytest.raises(InputError) as caught:
        run(doc)
    problems = {p.path: p.message for p in caught.value.problems}
    assert path in problems, problems
    assert words in problems[path]


@pytest.mark.parametrize("absurd", [10**400, -(10**400)])
def test_an_integer_no_float_can_hold_is_a_named_error(absurd):
    """Python's json reads 10**400 as an int; ``math.isfinite`` would raise on it."""
    doc = valid()
    line(doc)["values"] = {"2027": absurd}
    line(doc, 1)["uncertainty"]["low"] = absurd
    with pytest.raises(InputError) as caught:
        run(doc)
    problems = {p.path: p.message for p in caught.value.problems}
    assert "finite" in problems[f"{L0}.values.2027"]
    assert "finite number" in problems[f"{L1}.uncertainty.low"]


def test_the_document_must_be_an_object():
    with pytest.raises(InputError) as caught:
        run([])
    assert caught.value.as_dict() == {
        "errors": [{"path": "$", "message": "must be an object (an appraisal), not an array"}]
    }


def test_every_problem_is_reported_at_once():
    doc = valid()
    doc["start_year"] = "soon"
    line(doc)["values"] = {"2027": -1, "abc": 2}
    line(doc, 1)["kind"] = "gain"
    doc["monte_carlo"]["seed"] = "x"
    with pytest.raises(InputError) as caught:
        run(doc)
    paths = [p.path for p in caught.value.problems]
    assert paths == [
        "$.start_year",
        f"{L0}.values.2027",
        f"{L0}.values.abc",
        f"{L1}.kind",
        "$.monte_carlo.seed",
    ]


def test_the_valid_fixture_is_valid():
    assert run(valid())["preferred_option"]
