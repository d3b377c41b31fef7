import pytest

from sharedservices.analysis import sharing
from sharedservices.analysis.errors import InputError

A, B, C = "E07000117", "E07000120", "E07000122"


def partners(**extra):
    base = [
        {"code": A, "households": 40000, "population": 90000, "baseline_cost": 1200000,
         "usage": 500, "custom_pct": 40, "standalone_cost": 1200000},
        {"code": B, "households": 30000, "population": 80000, "baseline_cost": 900000,
         "usage": 300, "custom_pct": 35, "standalone_cost": 900000},
        {"code": C, "households": 20000, "population": 50000, "baseline_cost": 800000,
         "usage": 200, "custom_pct": 25, "standalone_cost": 800000},
    ]  # fmt: skip
    for p in base:
        p.update(extra.get(p["code"], {}))
    return base


GAME = {
    "worths": [
        {"members": [A, B], "worth": 60},
        {"members": [A, C], "worth": 30},
        {"members": [B, C], "worth": 30},
        {"members": [A, B, C], "worth": 90},
    ]
}


@pytest.mark.parametrize(
    "basis,expected",
    [
        ("equal", {A: 100, B: 100, C: 100}),
        ("households", {A: 300 * 4 / 9, B: 100, C: 300 * 2 / 9}),
        ("population", {A: 300 * 9 / 22, B: 300 * 8 / 22, C: 300 * 5 / 22}),
        ("usage", {A: 150, B: 90, C: 60}),
        ("custom", {A: 120, B: 105, C: 75}),
        # Shapley of GAME: A = B = 35, C = 20 (of 90), applied to a 300 saving line
        ("shapley", {A: 300 * 35 / 90, B: 300 * 35 / 90, C: 300 * 20 / 90}),
        # nucleolus of GAME: A = B = 37.5, C = 15
        ("nucleolus", {A: 125, B: 125, C: 50}),
    ],
)
def test_each_basis_splits_a_saving_line(basis, expected):
    out = sharing.run(
        {
            "partners": partners(),
            "lines": [{"name": "saving", "kind": "saving", "amount": 300, "basis": basis}],
            "game": GAME,
        }
    )
    shares = out["lines"][0]["shares"]
    assert shares == pytest.approx(expected, abs=0.01)
    assert sum(shares.values()) == pytest.approx(300, abs=0.02)
    assert all(code in out["lines"][0]["explanations"][code] for code in shares)


def test_shapley_cost_line_pays_standalone_less_the_shapley_saving():
    out = sharing.run(
        {
            "partners": partners(),
            "lines": [
                {"name": "running", "kind": "cost", "amount": 2900000 - 90, "basis": "shapley"}
            ],
            "game": GAME,
        }
    )
    # saving = 2,900,000 - 2,899,910 = 90 = v(N); A pays 1,200,000 - 35
    assert out["lines"][0]["shares"] == pytest.approx({A: 1199965, B: 899965, C: 799980})
    assert out["individual_rationality"]["holds"]
    assert out["core"]["in_core"] is True and out["core"]["efficient"] is True


def test_an_unfair_split_is_reported_and_outside_the_core():
    out = sharing.run(
        {
            "partners": partners(),
            "lines": [
                {"name": "running", "kind": "cost", "amount": 2900000 - 90, "basis": "equal"}
            ],
            "game": GAME,
        }
    )
    ir = out["individual_rationality"]
    assert not ir["holds"]
    # each pays 2,899,910 / 3 = 966,636.67: more than B (900,000) and C (800,000) alone
    assert {v["code"] for v in ir["violations"]} == {B, C}
    assert out["core"]["in_core"] is False


def test_rebalancing_hand_worked():
    # agreed usage 500/300/200 -> 50%/30%/20% of a 100,000 cost line.
    # actual 400/400/200 -> 40%/40%/20%: drift 10 points > 3, so the line is rebalanced:
    # A paid 50,000 but owes 40,000 -> is owed 10,000; B paid 30,000, owes 40,000 -> owes 10,000.
    out = sharing.run(
        {
            "partners": partners(),
            "lines": [{"name": "ICT", "kind": "cost", "amount": 100000, "basis": "usage"}],
            "rebalancing": {"actual_usage": {A: 400, B: 400, C: 200}, "tolerance": 0.03},
        }
    )
    line = out["rebalancing"]["lines"][0]
    assert line["triggered"]
    assert line["payments"] == {A: -10000.0, B: 10000.0, C: 0.0}
    assert "is owed £10,000.00" in line["explanations"][A]


def test_small_drift_within_tolerance_changes_nothing():
    out = sharing.run(
        {
            "partners": partners(),
            "lines": [{"name": "ICT", "kind": "cost", "amount": 100000, "basis": "usage"}],
            "rebalancing": {"actual_usage": {A: 510, B: 290, C: 200}},
        }
    )
    line = out["rebalancing"]["lines"][0]
    assert not line["triggered"] and set(line["payments"].values()) == {0.0}


def test_cost_model_game_with_many_partners_is_sampled():
    ps = [
        {"code": f"E0700{i:04d}", "baseline_cost": 1e6 + 1e4 * i, "workload": 20000 + 500 * i,
         "lat": 52 + 0.01 * i, "lon": -1 - 0.01 * i}
        for i in range(26)
    ]  # fmt: skip
    out = sharing.run(
        {
            "partners": ps,
            "lines": [{"name": "s", "kind": "saving", "amount": 1000, "basis": "shapley"}],
            "model": {"scale_exponent": 0.9},
        }
    )
    assert out["game"]["shapley_half_width"] is not None
    assert sum(out["lines"][0]["shares"].values()) == pytest.approx(1000, abs=0.5)
    assert out["core"]["checked"] is False


def test_bad_input_names_each_field():
    data = {
        "partners": [{"code": A, "households": -1}, {"code": "x"}],
        "lines": [
            {"name": "", "kind": "gift", "amount": -3, "basis": "households"},
            {"name": "b", "kind": "cost", "amount": 3, "basis": "vibes"},
            {"name": "c", "kind": "saving", "amount": 3, "basis": "shapley"},
        ],
    }
    with pytest.raises(InputError) as err:
        sharing.run(data)
    paths = {p.path for p in err.value.problems}
    assert "$.partners[1].code" in paths
    data["partners"][1]["code"] = B
    with pytest.raises(InputError) as err:
        sharing.run(data)
    paths = {p.path for p in err.value.problems}
    assert {
        "$.lines[0].name",
        "$.lines[0].kind",
        "$.lines[0].amount",
        "$.partners[0].households",
        "$.partners[1].households",
        "$.lines[1].basis",
        "$.lines[2].basis",
    } <= paths


@pytest.mark.parametrize("absurd", [10**400, float("inf"), float("nan"), True, "300", None])
def test_an_absurd_amount_is_a_named_error_from_the_one_reader(absurd):
    """Python's json reads 10**400 as an int that no float can hold: a message, not a crash."""
    data = {
        "partners": partners(),
        "lines": [{"name": "Saving", "kind": "saving", "amount": absurd, "basis": "equal"}],
    }
    with pytest.raises(InputError) as err:
        sharing.run(data)
    messages = {p.path: p.message for p in err.value.problems}
    assert "$.lines[0].amount" in messages, messages
