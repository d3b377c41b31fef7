"""The national picture (seed 004) and the map's data, from public records only.

Definitions (also in ``docs/register.md``):

- Counts and savings are of **live** arrangements; "by start year" counts live
  and ended ones (both public) by the year they started.
- A current council is "in" an arrangement if it is a partner, or if a council it
  succeeded is (Cumberland carries on Carlisle's arrangements).
- An arrangement's annual savings are its reported figure for all partners;
  a council's savings on the map are the sum over the arrangements it is in.
- "No savings reported": live arrangements whose annual savings are empty or £0.
- The distribution of annual savings is over live arrangements reporting more
  than £0 (the LGA found over half save under £100k a year).
- Real records only by default (``provenance="real"``: curated from a cited source or
  recorded by a council); ``"demo"`` or ``"all"`` only when asked (the demo).

A fixed, small number of queries whatever the size of the register.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import wraps

from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum

from sharedservices.catalogue.models import ServiceArea, ServiceCategory
from sharedservices.councils.models import Council, CouncilKind
from sharedservices.registry.models import (
    Arrangement,
    ArrangementPartner,
    ArrangementStatus,
    PartnerRole,
    Provenance,
)


def _of_provenance(provenance: str, prefix: str = "") -> Q:
    """Rows whose arrangement (reached through ``prefix``) has this provenance."""
    if provenance == Provenance.REAL:
        return Q(**{f"{prefix}is_demo": False})
    if provenance == Provenance.DEMO:
        return Q(**{f"{prefix}is_demo": True})
    return Q()


# The kinds the LGA and seed 004 compare: districts against counties and single tier.
KIND_GROUPS = (
    ("district", "District councils", (CouncilKind.DISTRICT,)),
    ("county", "County councils", (CouncilKind.COUNTY,)),
    ("unitary", "Unitary authorities", (CouncilKind.UNITARY,)),
    ("metropolitan", "Metropolitan boroughs", (CouncilKind.METROPOLITAN_BOROUGH,)),
    ("london", "London boroughs", (CouncilKind.LONDON_BOROUGH,)),
    ("wales", "Welsh councils", (CouncilKind.WELSH_PRINCIPAL_AREA,)),
    ("scotland", "Scottish councils", (CouncilKind.SCOTTISH_COUNCIL_AREA,)),
    ("northern-ireland", "Northern Ireland councils", (CouncilKind.NI_DISTRICT,)),
)

# Nottinghamshire's review group (2012) compares two-tier areas (districts with their
# county) against single-tier councils, which run every service themselves.
TWO_TIER = (CouncilKind.DISTRICT, CouncilKind.COUNTY)
TIERS = (("two-tier", "Two-tier (districts and counties)"), ("single-tier", "Single-tier"))


def kind_and_tier_savings(
    kinds_of: dict[str, str], provenance: str = Provenance.REAL, on=None
) -> tuple[list[dict], list[dict]]:
    """Live arrangements and their annual savings by kind of council, and by tier,
    plus the arrangements that join a two-tier council with a single-tier one.
    An arrangement counts once for each kind (or tier) among its partners, so the
    rows overlap; an abolished council counts as its successors."""
    successors = _successor_map(on)
    by_arrangement: dict[int, set[str]] = defaultdict(set)
    amount: dict[int, int] = {}
    for arrangement_id, code, _role, savings in _live_partner_rows(provenance=provenance):
        for current in successors.get(code, [code]):
            if current in kinds_of:
                by_arrangement[arrangement_id].add(kinds_of[current])
        amount[arrangement_id] = savings or 0

    def totals(test) -> dict:
        ids = [a for a, kinds in by_arrangement.items() if test(kinds)]
        return {"live": len(ids), "savings_gbp": sum(amount[a] for a in ids)}

    kinds = [
        {"kind": key, "name": label, **totals(lambda ks, m=members: bool(ks & set(m)))}
        for key, label, members in KIND_GROUPS
    ]
    two = set(TWO_TIER)
    tiers = [
        {"tier": "two-tier", "name": TIERS[0][1], **totals(lambda ks: bool(ks & two))},
        {"tier": "single-tier", "name": TIERS[1][1], **totals(lambda ks: bool(ks - two))},
        {
            "tier": "both",
            "name": "Joining a two-tier and a single-tier council",
            **totals(lambda ks: bool(ks & two) and bool(ks - two)),
        },
    ]
    return kinds, tiers


SAVINGS_BANDS = (
    # (label, lower bound inclusive, upper bound exclusive)
    ("Under £50,000", 1, 50_000),
    ("£50,000 to £99,999", 50_000, 100_000),
    ("£100,000 to £249,999", 100_000, 250_000),
    ("£250,000 to £499,999", 250_000, 500_000),
    ("£500,000 to £999,999", 500_000, 1_000_000),
    ("£1 million or more", 1_000_000, None),
)


def register_version() -> str:
    """Changes whenever an arrangement is added, changed or deleted: every write
    goes through the services, which save the arrangement (``updated_at``)."""
    agg = Arrangement.objects.aggregate(n=Count("pk"), t=Max("updated_at"))
    councils = Council.objects.aggregate(n=Count("pk"))["n"]
    return f"{agg['n']}-{agg['t'].timestamp() if agg['t'] else 0}-{councils}"


def cached_by_register_version(func):
    """Cache a statistic until the register changes: one cheap query decides.

    The figures are built from every live partnership (tens of thousands of rows
    at national scale), so recomputing them per request would miss the 300 ms
    target; the cache is Django's (per process by default, Redis when
    REDIS_URL is set), so it is shared by all web workers in production.
    """

    @wraps(func)
    def wrapper(*args, **kwargs):
        call = hashlib.sha256(repr((args, sorted(kwargs.items()))).encode()).hexdigest()[:16]
        key = f"registry.{func.__name__}.{register_version()}.{call}"
        value = cache.get(key)
        if value is None:
            value = func(*args, **kwargs)
            cache.set(key, value, timeout=24 * 3600)
        return value

    wrapper.uncached = func
    return wrapper


def _successor_map(on=None) -> dict[str, list[str]]:
    """Each abolished council's successors current on ``on`` (today by default; following
    chains of them): on 2027-04-01 Woking counts as West Surrey."""
    through = Council.successors.through.objects.values_list("from_council_id", "to_council_id")
    direct: dict[str, list[str]] = defaultdict(list)
    for old, new in through:
        direct[old].append(new)
    current = set(Council.objects.current(on).values_list("pk", flat=True))

    def resolve(code: str, seen: frozenset = frozenset()) -> list[str]:
        if code in current or code in seen:
            return [code] if code in current else []
        return [c for nxt in direct.get(code, ()) for c in resolve(nxt, seen | {code})]

    return {old: resolve(old) for old in direct}


def _live_partner_rows(service_area: str = "", provenance: str = Provenance.REAL):
    rows = ArrangementPartner.objects.filter(
        _of_provenance(provenance, "arrangement__"),
        arrangement__status=ArrangementStatus.LIVE,
        council__isnull=False,
    )
    if service_area:
        rows = rows.filter(arrangement__service_areas__slug=service_area)
    return rows.values_list(
        "arrangement_id", "council_id", "role", "arrangement__annual_savings_gbp"
    )


def council_totals(
    service_area: str = "", provenance: str = Provenance.REAL, on=None
) -> dict[str, dict]:
    """For each current council in at least one live arrangement: how many, and
    the savings of those arrangements."""
    successors = _successor_map(on)
    seen: dict[str, set[int]] = defaultdict(set)
    savings: Counter = Counter()
    for arrangement_id, code, _role, amount in _live_partner_rows(service_area, provenance):
        for current in successors.get(code, [code]):
            if arrangement_id not in seen[current]:
                seen[current].add(arrangement_id)
                savings[current] += amount or 0
    return {code: {"live": len(ids), "savings": savings[code]} for code, ids in seen.items()}


@cached_by_register_version
def map_data(
    service_area: str = "", max_links: int = 3000, provenance: str = Provenance.REAL, on=None
) -> dict:
    """Councils with their live arrangements and savings, and the partnerships
    between them: each arrangement drawn as spokes from its lead (or its first
    council) to the other councils, counted per pair of councils. ``on`` (a date)
    counts each partner as the council holding it that day."""
    successors = _successor_map(on)
    by_arrangement: dict[int, list[tuple[str, str]]] = defaultdict(list)
    seen: dict[str, set[int]] = defaultdict(set)
    savings: Counter = Counter()
    for arrangement_id, code, role, amount in _live_partner_rows(service_area, provenance):
        for current in successors.get(code, [code]):
            by_arrangement[arrangement_id].append((current, role))
            if arrangement_id not in seen[current]:
                seen[current].add(arrangement_id)
                savings[current] += amount or 0
    pairs: Counter = Counter()
    for partners in by_arrangement.values():
        codes = sorted({c for c, _ in partners})
        if len(codes) < 2:
            continue
        hub = next((c for c, r in partners if r == PartnerRole.LEAD), codes[0])
        for other in codes:
            if other != hub:
                pairs[tuple(sorted((hub, other)))] += 1
    councils = Council.objects.filter(pk__in=list(seen)).values(
        "code", "name", "kind", "latitude", "longitude"
    )
    return {
        "service_area": service_area or None,
        "provenance": provenance,
        "councils": sorted(
            (
                {**c, "live": len(seen[c["code"]]), "savings_gbp": savings[c["code"]]}
                for c in councils
            ),
            key=lambda c: (-c["live"], c["name"]),
        ),
        "links": [
            {"from": a, "to": b, "arrangements": n} for (a, b), n in pairs.most_common(max_links)
        ],
        # Every current council's name, so the map never labels a shape by its code.
        "names": dict(Council.objects.current(on).values_list("code", "name")),
    }


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int
    total: int | None = None
    savings_gbp: int = 0

    @property
    def percent(self) -> float | None:
        return round(100 * self.count / self.total, 1) if self.total else None


def _tier_councils(tier: str, in_live: Counter, total: Counter) -> dict:
    """How many councils of a tier share at least one service."""
    if tier == "both":
        return {"in_live": None, "councils": None, "percent": None}
    members = [k for k in total if (k in TWO_TIER) == (tier == "two-tier")]
    row = Row(tier, tier, sum(in_live[k] for k in members), sum(total[k] for k in members))
    return {"in_live": row.count, "councils": row.total, "percent": row.percent}


@cached_by_register_version
def national_picture(provenance: str = Provenance.REAL, on=None) -> dict:
    """The national picture as plain data: for the page, the API and the bench. ``on`` (a
    date): the councils of that day, each partner counted as the council holding it."""
    live = Arrangement.objects.filter(status=ArrangementStatus.LIVE).of_provenance(provenance)
    totals = live.aggregate(
        count=Count("pk"),
        savings=Sum("annual_savings_gbp"),
        without_savings=Count(
            "pk", filter=Q(annual_savings_gbp__isnull=True) | Q(annual_savings_gbp=0)
        ),
    )
    in_live = set(council_totals(provenance=provenance, on=on))
    current = list(Council.objects.current(on).values_list("code", "kind"))
    savings_by_kind, by_tier = kind_and_tier_savings(dict(current), provenance, on)
    by_kind_total: Counter = Counter()
    by_kind_in: Counter = Counter()
    for code, kind in current:
        by_kind_total[kind] += 1
        by_kind_in[kind] += code in in_live
    kinds = [
        Row(
            key,
            label,
            sum(by_kind_in[k] for k in members),
            sum(by_kind_total[k] for k in members),
        )
        for key, label, members in KIND_GROUPS
    ]
    all_councils = Row("all", "All councils", sum(by_kind_in.values()), sum(by_kind_total.values()))

    in_area = Q(arrangements__status=ArrangementStatus.LIVE) & _of_provenance(
        provenance, "arrangements__"
    )
    areas = ServiceArea.objects.annotate(
        live=Count("arrangements", filter=in_area),
        savings=Sum("arrangements__annual_savings_gbp", filter=in_area),
    ).order_by("category", "name")
    service_areas = [
        {
            "slug": a.slug,
            "name": a.name,
            "category": a.category,
            "live": a.live,
            "savings_gbp": a.savings or 0,
        }
        for a in areas
    ]
    through = Arrangement.service_areas.through.objects
    categories = []
    for value, label in ServiceCategory.choices:
        agg = live.filter(
            pk__in=through.filter(servicearea__category=value).values("arrangement_id")
        ).aggregate(n=Count("pk"), s=Sum("annual_savings_gbp"))
        categories.append(
            {"slug": value, "name": label, "live": agg["n"], "savings_gbp": agg["s"] or 0}
        )

    bands = live.filter(annual_savings_gbp__gt=0).aggregate(
        **{
            f"b{i}": Count(
                "pk",
                filter=Q(annual_savings_gbp__gte=lo)
                & (Q(annual_savings_gbp__lt=hi) if hi else Q()),
            )
            for i, (_, lo, hi) in enumerate(SAVINGS_BANDS)
        }
    )
    reporting = sum(bands.values())
    distribution = [
        {"band": label, "min_gbp": lo, "max_gbp": hi, "live": bands[f"b{i}"]}
        for i, (label, lo, hi) in enumerate(SAVINGS_BANDS)
    ]
    under_100k = bands["b0"] + bands["b1"]

    years = (
        Arrangement.objects.public()
        .of_provenance(provenance)
        .values("start_year")
        .annotate(
            live=Count("pk", filter=Q(status=ArrangementStatus.LIVE)),
            ended=Count("pk", filter=Q(status=ArrangementStatus.ENDED)),
        )
        .order_by("start_year")
    )
    by_year = [y for y in years if y["start_year"] is not None]
    unknown = next((y for y in years if y["start_year"] is None), {"live": 0, "ended": 0})

    return {
        "provenance": provenance,
        "live_arrangements": totals["count"],
        "annual_savings_gbp": totals["savings"] or 0,
        "councils": {
            "in_live": all_councils.count,
            "current": all_councils.total,
            "percent": all_councils.percent,
        },
        "by_kind": [
            {
                "kind": r.key,
                "name": r.label,
                "in_live": r.count,
                "councils": r.total,
                "percent": r.percent,
            }
            for r in kinds
        ],
        "savings_by_kind": savings_by_kind,
        "by_tier": [
            {
                **row,
                **_tier_councils(row["tier"], by_kind_in, by_kind_total),
            }
            for row in by_tier
        ],
        "by_category": categories,
        "by_service_area": service_areas,
        "without_savings": totals["without_savings"],
        "savings_distribution": distribution,
        "reporting_savings": reporting,
        "under_100k": under_100k,
        "under_100k_percent": round(100 * under_100k / reporting, 1) if reporting else None,
        "by_start_year": [
            {"year": y["start_year"], "live": y["live"], "ended": y["ended"]} for y in by_year
        ],
        "start_year_unknown": {"live": unknown["live"], "ended": unknown["ended"]},
    }
