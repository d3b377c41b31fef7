"""``coalitions.validate``: the same refusals as ``run``, without solving."""

import pytest

from sharedservices.analysis import coalitions
from sharedservices.analysis.errors import InputError

from .test_coalitions import MODEL, instance


def test_good_input_passes_without_solving(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("validate must not solve")

    monkeypatch.setattr(coalitions, "_solve_every_coalition", never)
    monkeypatch.setattr(coalitions, "solve", never)
    councils, edges = instance(30)
    data = {
        "councils": councils,
        "model": MODEL,
        "constraints": {"connected": True, "edges": edges, "max_size": 4},
    }
    assert coalitions.validate(data) is None


def test_bad_input_gives_the_same_problems_as_run():
    data = {"councils": [{"code": "nonsense", "baseline_cost": -1, "workload": 1}]}
    with pytest.raises(InputError) as by_validate:
        coalitions.validate(data)
    with pytest.raises(InputError) as by_run:
        coalitions.run(data)
    assert by_validate.value.problems == by_run.value.problems


def test_a_search_too_large_to_run_is_refused():
    councils, _ = instance(26)
    with pytest.raises(InputError) as err:
        coalitions.validate({"councils": councils, "model": MODEL})
    assert err.value.problems[0].path == "$.constraints.max_size"
