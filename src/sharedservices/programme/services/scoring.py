"""Criteria, weight sets and scores of a programme."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction

from sharedservices.base.revisions import UNCHECKED
from sharedservices.programme import permissions
from sharedservices.programme.models import (
    MAX_SCORE,
    MAX_WEIGHT,
    Criterion,
    EventKind,
    Opportunity,
    Programme,
    Score,
    Weight,
    WeightSet,
)
from sharedservices.programme.services.common import check_revision, raise_if, record, require
from sharedservices.programme.services.opportunities import _event

# Seed 000's opportunities (cost, quality, resilience, customers) and seed 002's tests.
DEFAULT_CRITERIA = [
    ("Savings potential", "How much the partners could save a year"),
    ("Readiness and capacity", "Whether the councils have the people and time to do it now"),
    ("Risk", "Score high when the risk is low"),
    ("Strategic fit", "How well it serves each council's priorities"),
    ("Impact on customers", "Score high when service to residents improves"),
    (
        "Staff impact",
        "Score high when staff are well protected (Carlisle City Council's 8-point protocol)",
    ),
    ("Ease of exit", "Score high when a partner could withdraw without harm"),
]


def _may_edit(user, programme: Programme) -> None:
    require(
        user is None or permissions.can_edit_programme(user, programme),
        "Only officers of a member council may change this programme's criteria",
    )


@transaction.atomic
def criterion_add(*, user, programme: Programme, name: str, description: str = "") -> Criterion:
    _may_edit(user, programme)
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["Enter the name of the criterion"]
    elif len(name) > 100:
        errors["name"] = ["Name must be 100 characters or fewer"]
    elif programme.criteria.filter(name__iexact=name).exists():
        errors["name"] = [f"The programme already has a criterion called '{name}'"]
    if len(description) > 300:
        errors["description"] = ["Description must be 300 characters or fewer"]
    raise_if(errors)
    order = programme.criteria.count()
    criterion = Criterion.objects.create(
        programme=programme, name=name, description=description.strip(), order=order
    )
    record(programme, user, f"Added the criterion '{name}'", action="programme.criterion.added")
    return criterion


def _weight(value) -> Decimal | None:
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


@transaction.atomic
def weight_set_save(
    *,
    user,
    programme: Programme,
    name: str,
    weights: dict[int, object],
    weight_set: WeightSet | None = None,
    expected_revision=UNCHECKED,
) -> WeightSet:
    """Create or replace a weight set: one weight (0 to 1,000) for every criterion. A
    change states the revision it started from; a stale one is refused (``base.revisions``)."""
    _may_edit(user, programme)
    if weight_set is not None:
        weight_set = WeightSet.objects.select_for_update().get(pk=weight_set.pk)
        check_revision(weight_set, expected_revision)
    criteria = {c.pk: c for c in programme.criteria.all()}
    errors: dict[str, list[str]] = {}
    name = name.strip()
    if not name:
        errors["name"] = ["Enter a name for the weight set"]
    elif len(name) > 100:
        errors["name"] = ["Name must be 100 characters or fewer"]
    elif (
        programme.weight_sets.filter(name__iexact=name)
        .exclude(pk=getattr(weight_set, "pk", None))
        .exists()
    ):
        errors["name"] = [f"The programme already has a weight set called '{name}'"]
    if not criteria:
        errors["weights"] = ["Add the programme's criteria first"]
    values: dict[int, Decimal] = {}
    for pk, criterion in criteria.items():
        value = _weight(weights.get(pk))
        if value is None or value < 0 or value > MAX_WEIGHT:
            errors.setdefault(f"weight_{pk}", []).append(
                f"Give '{criterion.name}' a weight from 0 to {MAX_WEIGHT:,}"
            )
        else:
            values[pk] = value.quantize(Decimal("0.01"))
    if len(values) == len(criteria) and criteria and sum(values.values()) <= 0:
        errors["weights"] = ["At least one weight must be above zero"]
    unknown = set(weights) - set(criteria)
    if unknown:
        errors["weights"] = ["A weight is given for a criterion of another programme"]
    raise_if(errors)
    if weight_set is None:
        try:
            with transaction.atomic():
                weight_set = WeightSet.objects.create(programme=programme, name=name)
        except IntegrityError:
            raise_if({"name": [f"The programme already has a weight set called '{name}'"]})
        verb = "Added"
    else:
        weight_set.name = name
        weight_set.revision += 1
        weight_set.save()
        weight_set.weights.all().delete()
        verb = "Changed"
    Weight.objects.bulk_create(
        [Weight(weight_set=weight_set, criterion_id=pk, value=v) for pk, v in values.items()]
    )
    shown = ", ".join(f"{criteria[pk].name} {values[pk]:g}" for pk in criteria)
    record(
        programme,
        user,
        f"{verb} the weight set '{name}': {shown}",
        action="programme.weights.saved",
    )
    return weight_set


@transaction.atomic
def scores_save(
    *,
    user,
    opportunity: Opportunity,
    scores: dict[int, tuple[object, str]],
    expected_revision=UNCHECKED,
) -> list[Score]:
    """Score an opportunity against its programme's criteria (0 to 5, higher is
    better), each with a short justification. Criteria left out keep their score. The
    scores are part of the opportunity: saving them states the opportunity's revision
    the form started from, and a stale one is refused (``base.revisions``)."""
    require(
        user is None or permissions.can_edit_opportunity(user, opportunity),
        "Only officers of the council or its programme's members may score this opportunity",
    )
    locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    check_revision(locked, expected_revision)
    if opportunity.programme_id is None:
        raise_if({"programme": ["Put the opportunity in a programme before scoring it"]})
    criteria = {c.pk: c for c in opportunity.programme.criteria.all()}
    errors: dict[str, list[str]] = {}
    for pk, (value, justification) in scores.items():
        if pk not in criteria:
            errors.setdefault("scores", []).append(
                "A score is for a criterion of another programme"
            )
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SCORE:
            errors.setdefault(f"score_{pk}", []).append(
                f"Score '{criteria[pk].name}' with a whole number from 0 to {MAX_SCORE}"
            )
        if len(justification or "") > 500:
            errors.setdefault(f"justification_{pk}", []).append(
                "Justification must be 500 characters or fewer"
            )
    raise_if(errors)
    saved, changes = [], {}
    existing = {s.criterion_id: s for s in opportunity.scores.all()}
    for pk, (value, justification) in scores.items():
        old = existing.get(pk)
        before = f"{old.value}: {old.justification}" if old else ""
        score, _ = Score.objects.update_or_create(
            opportunity=opportunity,
            criterion_id=pk,
            defaults={
                "value": value,
                "justification": (justification or "").strip(),
                "scored_by": user if user is not None and user.pk else None,
            },
        )
        after = f"{score.value}: {score.justification}"
        if before != after:
            changes[criteria[pk].name] = [before, after]
        saved.append(score)
    if changes:
        Opportunity.objects.filter(pk=locked.pk).update(revision=locked.revision + 1)
        opportunity.revision = locked.revision + 1
        _event(opportunity, user, EventKind.SCORED, changes=changes)
    return saved
