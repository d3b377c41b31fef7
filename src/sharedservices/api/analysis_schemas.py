"""The request bodies of ``/appraise``, ``/share`` and ``/coalitions`` as typed
schemas, so the OpenAPI document describes the contracts of docs/appraisal.md and
docs/sharing-and-coalitions.md exactly.

They describe; they do not validate. The analysis package's readers stay the one
validator (the command line uses them too), so every error keeps its JSON path and
wording whichever door the document came through. ``request_body`` turns a model into
the ``requestBody`` of an operation's OpenAPI entry.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Amount = float


class _Doc(BaseModel):
    model_config = ConfigDict(extra="allow")


# --- appraise (docs/appraisal.md) -------------------------------------------------


class Discount(_Doc):
    schedule: Literal["standard", "health"] | None = Field(None, description="Green Book schedule")
    edition: str | None = Field(None, description="Schedule edition; default the newest")
    rate: float | None = Field(None, ge=0, le=0.5, description="A user rate in every year")


class Uncertainty(_Doc):
    distribution: Literal["triangular", "pert", "uniform", "normal"]
    low: float | None = Field(None, ge=0)
    mode: float | None = Field(None, ge=0)
    high: float | None = Field(None, ge=0)
    sd: float | None = Field(None, gt=0)
    mean: float | None = Field(None, gt=0)
    group: str | None = Field(None, description="Lines of a group move together")


class Line(_Doc):
    name: str = Field(description="Unique within its option")
    kind: Literal["cost", "benefit"]
    category: Literal["capital", "transition", "running", "cashable-saving", "non-cashable-benefit"]
    values: dict[str, Amount] = Field(
        description='Calendar year ("2027") to pounds at price-base-year prices, >= 0'
    )
    partner: str | dict[str, float] | None = Field(
        None, description="A partner's name or code, or partner -> share adding up to 1"
    )
    uncertainty: Uncertainty | None = None
    discount: Discount | None = None
    notes: str | None = None


class Option(_Doc):
    name: str = Field(description="Unique among the options")
    lines: list[Line]
    do_nothing: bool | None = Field(None, description="Marks the do-nothing baseline")
    optimism_bias: dict[str, float | dict[str, Any]] | None = Field(
        None, description="Cost category -> uplift, or a Green Book project type"
    )
    description: str | None = None
    notes: str | None = None


class MonteCarlo(_Doc):
    iterations: int = Field(10_000, ge=1, le=1_000_000, description="At most 1,000,000 here")
    seed: int | None = Field(None, ge=0)
    bins: int = Field(20, ge=1)
    apply_optimism_bias: bool = True


class Sensitivity(_Doc):
    change: float = Field(0.1, gt=0, le=1)


class AppraisalIn(_Doc):
    """An appraisal: options of cost and benefit lines over the years."""

    start_year: int = Field(ge=1900, le=2300, description="Year 0, discounted to")
    price_base_year: int = Field(description="The year whose prices every amount is in")
    horizon_years: int = Field(ge=1, le=1000)
    discount: Discount | None = None
    options: list[Option] = Field(min_length=2)
    monte_carlo: MonteCarlo | None = None
    sensitivity: Sensitivity | None = None
    title: str | None = None
    notes: str | None = None


# --- share and coalitions (docs/sharing-and-coalitions.md) -------------------------

Code = Field(pattern=r"^[A-Z][0-9]{8}$", description="GSS code")


class CostModel(_Doc):
    scale_exponent: float = Field(0.85, gt=0, le=1)
    governance_cost: float = Field(40_000, ge=0)
    distance_cost_per_km: float = Field(500, ge=0)


class CoalitionCouncil(_Doc):
    code: str = Code
    baseline_cost: float = Field(gt=0)
    workload: float = Field(gt=0)
    lat: float | None = None
    lon: float | None = None


class Constraints(_Doc):
    connected: bool = False
    edges: list[list[str]] | None = Field(None, description="Code pairs; default the neighbours")
    max_size: int | None = Field(None, ge=1)
    together: list[list[str]] = []
    apart: list[list[str]] = []
    opt_out: list[str] = []
    individually_rational: bool = True


class CoalitionOptions(_Doc):
    time_limit: float = Field(60, gt=0, le=3600, description="Seconds for the solver")
    split: Literal["shapley", "myerson"] | None = None


class CoalitionsIn(_Doc):
    """The partner finder: which partnerships of these councils save most."""

    councils: list[CoalitionCouncil]
    model: CostModel | None = None
    constraints: Constraints | None = None
    options: CoalitionOptions | None = None
    background: bool = Field(False, description="Run as a job and answer 202")


class SharePartner(_Doc):
    code: str = Code
    households: float | None = Field(None, ge=0)
    population: float | None = Field(None, ge=0)
    baseline_cost: float | None = Field(None, ge=0)
    usage: float | None = Field(None, ge=0)
    custom_pct: float | None = Field(None, ge=0, le=100)
    standalone_cost: float | None = Field(None, ge=0)
    workload: float | None = None
    lat: float | None = None
    lon: float | None = None


class ShareLine(_Doc):
    name: str
    kind: Literal["cost", "saving"]
    amount: float = Field(ge=0)
    basis: Literal[
        "equal", "households", "population", "baseline_cost", "usage", "custom",
        "shapley", "nucleolus",
    ]  # fmt: skip


class Worth(_Doc):
    members: list[str]
    worth: float


class Game(_Doc):
    worths: list[Worth]


class Rebalancing(_Doc):
    actual_usage: dict[str, float]
    tolerance: float = 0.03


class ShareIn(_Doc):
    """A sharing agreement: how each line is split among the partners."""

    partners: list[SharePartner]
    lines: list[ShareLine]
    game: Game | None = None
    model: CostModel | None = None
    rebalancing: Rebalancing | None = None


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
        return {k: _inline(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def request_body(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` for an operation whose JSON body ``model`` describes."""
    schema = model.model_json_schema()
    schema = _inline(schema, schema.pop("$defs", {}))
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema}},
        }
    }
