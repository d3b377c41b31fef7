"""Reads of the register: the filtered list the page and the API share."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from sharedservices.base.tenancy import acts_for_any, council_and_predecessors, is_superuser
from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council
from sharedservices.registry.models import Arrangement, ArrangementPartner


@dataclass(frozen=True)
class ArrangementFilters:
    service_area: str = ""
    category: str = ""
    delivery_model: str = ""
    status: str = ""
    council: str = ""
    upper_tier: str = ""
    nation: str = ""
    start_year: int | None = None
    q: str = ""
    provenance: str = ""  # real, demo, or empty for both


def _with_partner(condition: Q) -> Q:
    """Arrangements with a council partner matching ``condition`` (a subquery, so
    the list needs no DISTINCT however many partners match)."""
    return Q(
        pk__in=ArrangementPartner.objects.filter(condition, council__isnull=False).values(
            "arrangement_id"
        )
    )


def council_code_for(text: str) -> str | None:
    """The GSS code a person means by ``text``: a code ("E07000121") or a council's
    name ("Lancaster", any case). A current council wins over an abolished one of
    the same name. ``None`` when nothing matches."""
    text = " ".join(text.split())
    if not text:
        return None
    matches = Council.objects.filter(Q(code__iexact=text) | Q(name__iexact=text))
    best = sorted(matches, key=lambda c: (c.code.upper() != text.upper(), not c.is_current))
    return best[0].code if best else None


def arrangement_list(*, user, filters: ArrangementFilters | None = None) -> QuerySet[Arrangement]:
    """Arrangements the user may see, filtered, with what a list shows prefetched
    (a fixed number of queries whatever the page size)."""
    f = filters or ArrangementFilters()
    arrangements = Arrangement.objects.visible_to(user)
    if f.provenance:
        arrangements = arrangements.of_provenance(f.provenance)
    if f.status:
        arrangements = arrangements.filter(status=f.status)
    if f.delivery_model:
        arrangements = arrangements.filter(delivery_model=f.delivery_model)
    if f.start_year:
        arrangements = arrangements.filter(start_year=f.start_year)
    if f.service_area:
        through = Arrangement.service_areas.through.objects
        arrangements = arrangements.filter(
            pk__in=through.filter(servicearea__slug=f.service_area).values("arrangement_id")
        )
    if f.category:
        through = Arrangement.service_areas.through.objects
        arrangements = arrangements.filter(
            pk__in=through.filter(servicearea__category=f.category).values("arrangement_id")
        )
    if f.council:
        # A name or a code; an unknown council matches nothing (never everything).
        code = council_code_for(f.council)
        arrangements = (
            arrangements.filter(_with_partner(Q(council_id__in=council_and_predecessors(code))))
            if code
            else arrangements.none()
        )
    if f.upper_tier:
        code = f.upper_tier.upper()
        arrangements = arrangements.filter(
            _with_partner(Q(council__upper_tier_id=code) | Q(council_id=code))
        )
    if f.nation:
        arrangements = arrangements.filter(_with_partner(Q(council__nation=f.nation)))
    if f.q:
        arrangements = arrangements.filter(Q(name__icontains=f.q) | Q(description__icontains=f.q))
    return with_list_details(arrangements)


def with_list_details(arrangements: QuerySet[Arrangement]) -> QuerySet[Arrangement]:
    return arrangements.prefetch_related(
        Prefetch(
            "partners",
            queryset=ArrangementPartner.objects.select_related("council", "organisation"),
        ),
        Prefetch("service_areas", queryset=ServiceArea.objects.order_by("name")),
        "sources",
    )


def arrangements_of_councils(*, user, codes, keep=None) -> QuerySet[Arrangement]:
    """Arrangements the user may see with one of ``codes`` (or a council they
    succeeded) as a partner: what a business case of those councils can link to.
    ``keep`` (an arrangement id already linked) stays in the list whatever it is."""
    every = {p for code in codes if code for p in council_and_predecessors(code)}
    condition = _with_partner(Q(council_id__in=every))
    if keep:
        condition |= Q(pk=keep)
    return Arrangement.objects.visible_to(user).filter(condition).order_by("name")


def arrangement_detail(*, user, pk: int) -> Arrangement:
    """One arrangement the user may see; ``Arrangement.DoesNotExist`` otherwise."""
    return (
        Arrangement.objects.visible_to(user)
        .prefetch_related(
            Prefetch(
                "partners",
                # Successors and predecessors: the page names each council as it is
                # now (councils/selectors.py, recode_lineage) without a query each.
                queryset=ArrangementPartner.objects.select_related(
                    "council", "organisation"
                ).prefetch_related("council__successors", "council__predecessors"),
            ),
            Prefetch("service_areas", queryset=ServiceArea.objects.order_by("name")),
            "sources",
            "yearly_savings",
        )
        .get(pk=pk)
    )


def is_partner_user(user, arrangement: Arrangement) -> bool:
    """Whether the user acts for a partner council (their own or one it succeeded);
    platform administrators count as partners everywhere."""
    if is_superuser(user):
        return True
    return acts_for_any(user, (p.council_id for p in arrangement.partners.all()))
