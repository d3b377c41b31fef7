"""Setting up an arrangement's indicators: the one rule set (``indicator_check``) for the
form, the starter sets and the demo, and baselines taken from the business case."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sharedservices.base.audit import audit_record
from sharedservices.base.revisions import EditConflict
from sharedservices.benefits.models import (
    Direction,
    Frequency,
    Indicator,
    IndicatorBaseline,
    IndicatorKind,
    Unit,
)
from sharedservices.benefits.permissions import can_manage, can_set_baseline
from sharedservices.benefits.rules import parse_value
from sharedservices.governance.selectors import went_live_on
from sharedservices.registry.models import Arrangement, ArrangementStatus


@dataclass
class IndicatorInput:
    name: str
    kind: str
    unit: str
    direction: str
    target: str | Decimal
    tolerance: str | Decimal
    frequency: str = Frequency.QUARTERLY
    owner: str = ""
    councils: list[str] = field(default_factory=list)
    starts_on: datetime.date | None = None
    measures_savings: bool = False
    is_public: bool = False
    matches: tuple[str, ...] = ()


def indicator_check(data: IndicatorInput, *, arrangement: Arrangement) -> tuple[dict, dict]:
    """(problems by field, cleaned values)."""
    problems: dict[str, str] = {}
    clean: dict = {}
    name = (data.name or "").strip()
    if not name or len(name) > 200:
        problems["name"] = "Enter a name of at most 200 characters"
    elif Indicator.objects.filter(arrangement=arrangement, name__iexact=name).exists():
        problems["name"] = "This arrangement already has an indicator with that name"
    clean["name"] = name
    for key, choices in (
        ("kind", IndicatorKind),
        ("unit", Unit),
        ("direction", Direction),
        ("frequency", Frequency),
    ):
        value = getattr(data, key)
        if value not in choices.values:
            problems[key] = f"Choose one of: {', '.join(choices.labels)}"
        clean[key] = value
    for key in ("target", "tolerance"):
        try:
            clean[key] = parse_value(getattr(data, key))
        except ValueError as e:
            problems[key] = f"The {key} {e}"
    if data.measures_savings and (data.kind != "cost" or data.unit != "gbp"):
        problems["measures_savings"] = "Only a cost in £ can measure savings"
    partners = set(
        arrangement.partners.filter(council__isnull=False).values_list("council_id", flat=True)
    )
    councils = [c for c in dict.fromkeys(data.councils) if c]
    if not councils or not set(councils) <= partners:
        problems["councils"] = "Choose at least one of the partner councils"
    clean["councils"] = councils
    clean["owner"] = (data.owner or "").strip()[:200]
    if not clean["owner"]:
        problems["owner"] = "Enter who answers for this indicator"
    clean["starts_on"] = (
        data.starts_on
        or went_live_on([arrangement.pk]).get(arrangement.pk)
        or datetime.date(arrangement.start_year or 2026, 4, 1)
    )
    clean["measures_savings"] = bool(data.measures_savings)
    clean["is_public"] = bool(data.is_public)
    return problems, clean


def case_baselines(arrangement: Arrangement, matches) -> dict[str, tuple]:
    """Council → (value, as at, source) from the arrangement's business case, for the
    baseline whose measure holds every word of ``matches``."""
    from sharedservices.cases.models import BusinessCase
    from sharedservices.cases.models.evidence import Baseline

    words = [w.lower() for w in matches if w]
    if not words:
        return {}
    cases = BusinessCase.objects.filter(arrangement=arrangement).values("pk")
    found: dict[str, tuple] = {}
    for b in Baseline.objects.filter(case__in=cases).order_by("-as_at", "pk"):
        if all(w in b.measure.lower() for w in words) and b.council_id not in found:
            found[b.council_id] = (b.value, b.as_at, f"Business case: {b.measure} ({b.source})")
    return found


@transaction.atomic
def indicator_create(*, user, arrangement: Arrangement, data: IndicatorInput) -> Indicator:
    if not can_manage(user, arrangement):
        raise PermissionDenied("Only a partner council's officers set up indicators")
    if arrangement.status != ArrangementStatus.LIVE:
        raise ValidationError({"name": "Indicators are set up on a live arrangement"})
    problems, clean = indicator_check(data, arrangement=arrangement)
    if problems:
        raise ValidationError(problems)
    councils = clean.pop("councils")
    indicator = Indicator.objects.create(arrangement=arrangement, **clean)
    indicator.councils.set(councils)
    baselines = case_baselines(arrangement, data.matches or (clean["name"],))
    IndicatorBaseline.objects.bulk_create(
        IndicatorBaseline(indicator=indicator, council_id=c, value=v, as_at=d, source=s)
        for c, (v, d, s) in baselines.items()
        if c in councils
    )
    audit_record(
        user=user,
        action="benefits.indicator.created",
        obj=indicator,
        after={"name": indicator.name, "target": str(indicator.target)},
        arrangement=arrangement,
    )
    return indicator


UNCHECKED = object()  # the demo and the command line: no form, no revision to check


@transaction.atomic
def baseline_set(
    *,
    user,
    indicator: Indicator,
    council: str,
    value,
    as_at,
    source="",
    system=False,
    expected_revision=UNCHECKED,
) -> IndicatorBaseline:
    """Enter or correct a partner's baseline (where the business case had none, or to
    correct one). ``expected_revision`` is what the form started from: 0 for a baseline
    not yet entered, else its revision; a stale one raises ``EditConflict`` with the
    saved baseline (``base.revisions``), so a second corrector is told, never overwrites."""
    if not (system or can_set_baseline(user, indicator.arrangement, council)):
        raise PermissionDenied("Only the council's own officers set its baselines")
    if council not in {c.pk for c in indicator.councils.all()}:
        raise ValidationError({"council": "is not a partner this indicator applies to"})
    problems = {}
    try:
        number = parse_value(value)
    except ValueError as e:
        problems["value"] = f"The baseline {e}"
    else:
        if indicator.unit == "percent" and number > 100:
            problems["value"] = "The baseline is a percentage: it cannot be over 100"
    if not isinstance(as_at, datetime.date):
        try:
            as_at = datetime.date.fromisoformat(str(as_at))
        except ValueError:
            problems["as_at"] = "Enter the date of the baseline as YYYY-MM-DD"
    if isinstance(as_at, datetime.date) and as_at > datetime.date.today():
        problems["as_at"] = "The date of the baseline cannot be in the future"
    source = (source or "").strip()
    if len(source) > 300:
        problems["source"] = "The source must be at most 300 characters"
    if problems:
        raise ValidationError(problems)
    current = (
        IndicatorBaseline.objects.select_for_update()
        .filter(indicator=indicator, council_id=council)
        .first()
    )
    before = None
    if current is None:
        try:
            with transaction.atomic():
                baseline = IndicatorBaseline.objects.create(
                    indicator=indicator,
                    council_id=council,
                    value=number,
                    as_at=as_at,
                    source=source,
                )
        except IntegrityError:  # someone entered it at the same moment
            raise EditConflict(
                IndicatorBaseline.objects.get(indicator=indicator, council_id=council)
            ) from None
    else:
        if expected_revision is not UNCHECKED and expected_revision != current.revision:
            raise EditConflict(current)
        before = {"value": str(current.value), "as_at": str(current.as_at)}
        current.value, current.as_at, current.source = number, as_at, source
        current.revision += 1
        current.save()
        baseline = current
    audit_record(
        user=user,
        action="benefits.baseline.set",
        obj=indicator,
        before=before,
        after={"council": council, "value": str(number), "as_at": str(as_at)},
        arrangement=indicator.arrangement_id,
    )
    return baseline
