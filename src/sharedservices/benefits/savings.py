"""Savings of an arrangement: what the business case's preferred option expected, and
what the partners' actuals show was realised (``analysis.benefits.realised_savings``).
The register's "savings to date" and the national measured share come from here."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import FloatField
from django.db.models.functions import Cast

from sharedservices.analysis.benefits import against_case, realised_savings
from sharedservices.benefits.models import Actual, IndicatorBaseline
from sharedservices.registry.models import Arrangement, ArrangementStatus, SavingsBasis


def financial_year(on: datetime.date) -> int:
    return on.year if on.month >= 4 else on.year - 1


def expected_savings(arrangement: Arrangement) -> dict[int, dict[str, float]]:
    """Year → council → the cashable savings of the case's preferred option, split as
    the sharing agreement splits each line (a line of one partner is that partner's;
    with no agreement, equally among the partner councils)."""
    from sharedservices.cases.models import BusinessCase, OptionLine

    case = (
        BusinessCase.objects.filter(arrangement=arrangement, preferred_option__isnull=False)
        .select_related("agreement")
        .order_by("-updated_at")
        .first()
    )
    if case is None:
        return {}
    try:
        shared = {ln["name"]: ln.get("fractions") for ln in (case.agreement.result or {})["lines"]}
    except (AttributeError, KeyError, TypeError, BusinessCase.agreement.RelatedObjectDoesNotExist):
        shared = {}
    partners = list(
        arrangement.partners.filter(council__isnull=False).values_list("council_id", flat=True)
    )
    out: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for line in OptionLine.objects.filter(
        option_id=case.preferred_option_id, category="cashable-saving"
    ):
        if line.partner_id:
            fractions = {line.partner_id: 1.0}
        else:
            fractions = shared.get(line.name) or {c: 1 / len(partners) for c in partners}
        for year, amount in (line.values or {}).items():
            for code, frac in fractions.items():
                out[int(year)][code] += float(amount) * float(frac)
    return {y: dict(v) for y, v in sorted(out.items())}


def _rows(indicator_filter: dict):
    """(arrangement, council, period, baseline a year, actual) of savings indicators."""
    baselines = {
        (b["indicator_id"], b["council_id"]): float(b["value"])
        for b in IndicatorBaseline.objects.filter(
            **{f"indicator__{k}": v for k, v in indicator_filter.items()},
            indicator__measures_savings=True,
        ).values("indicator_id", "council_id", "value")
    }
    # The value as a float in SQL and no default ordering: thousands of rows on a page.
    for a in (
        Actual.objects.filter(
            **{f"indicator__{k}": v for k, v in indicator_filter.items()},
            indicator__measures_savings=True,
        )
        .order_by()
        .values_list(
            "indicator__arrangement_id",
            "indicator_id",
            "council_id",
            "period",
            Cast("value", output_field=FloatField()),
        )
    ):
        base = baselines.get((a[1], a[2]))
        if base is not None:
            yield a[0], a[2], a[3], base, a[4]


def arrangement_savings(arrangement: Arrangement) -> dict:
    """Expected and realised by year and council, the comparison, and ``measured``."""
    rows = [(c, p, b, v) for _, c, p, b, v in _rows({"arrangement": arrangement})]
    realised = realised_savings(rows)
    expected = expected_savings(arrangement)
    expected_total = {y: sum(v.values()) for y, v in expected.items()}
    return {
        "measured": bool(rows),
        "expected": expected,
        "realised": realised,
        "comparison": against_case(realised["total_by_year"], expected_total),
    }


def savings_to_date(arrangement: Arrangement, *, today: datetime.date | None = None) -> dict:
    """The register's figure: measured from actuals where there are any, otherwise the
    register's estimate (its yearly figures, or its annual figure times complete years)."""
    rows = [(c, p, b, v) for _, c, p, b, v in _rows({"arrangement": arrangement})]
    if rows:
        return {"amount": round(realised_savings(rows)["total"]), "basis": "measured"}
    this_year = financial_year(today or datetime.date.today())
    yearly = [
        s.amount_gbp
        for s in arrangement.yearly_savings.all()
        if s.basis == SavingsBasis.ESTIMATED and s.year < this_year
    ]
    if yearly:
        return {"amount": sum(yearly), "basis": "estimated"}
    if arrangement.annual_savings_gbp and arrangement.start_year:
        years = max(0, this_year - arrangement.start_year)
        return {"amount": arrangement.annual_savings_gbp * years, "basis": "estimated"}
    return {"amount": None, "basis": "estimated"}


def national_measured_share(provenance: str = "real") -> dict:
    """Beside the national picture's one savings figure (the annual savings the register
    reports for live arrangements of ``provenance``): how many of those arrangements also
    measure their savings from partners' figures, their latest measured year, and what the
    register reports for the same arrangements. No second national total: the headline is
    the one figure, and this says how much of it is checked by measurement."""
    live = Arrangement.objects.filter(status=ArrangementStatus.LIVE).of_provenance(provenance)
    by_arrangement: dict[int, list] = defaultdict(list)
    for arrangement_id, c, p, b, v in _rows(
        {"arrangement__status": ArrangementStatus.LIVE, "arrangement__in": live}
    ):
        by_arrangement[arrangement_id].append((c, p, b, v))
    measured = 0.0
    for rows in by_arrangement.values():
        years = realised_savings(rows)["total_by_year"]
        measured += max(0.0, years[max(years)])
    reported = live.filter(pk__in=list(by_arrangement)).values_list("annual_savings_gbp", flat=True)
    return {
        "measured_gbp": round(measured),
        "reported_gbp": sum(a or 0 for a in reported),
        "arrangements_measured": len(by_arrangement),
    }
