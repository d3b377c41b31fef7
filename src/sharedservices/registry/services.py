"""Writes to the register. The rules of a good record live here, once: the form,
the API, the importer and the demo all go through ``arrangement_check`` and the
``arrangement_create``/``arrangement_update`` services, and every write appends
to the arrangement's history.

Errors are keyed by the column names of the import format (``docs/register.md``)
so that a page, the API and an import report name the same field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sharedservices.analysis.money import format_pounds
from sharedservices.base.audit import audit_record
from sharedservices.base.revisions import lock_at_revision
from sharedservices.base.tenancy import acts_for_any
from sharedservices.base.text import unstorable
from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council
from sharedservices.registry.links import web_address_problem
from sharedservices.registry.models import (
    STATUSES_NEEDING_REASON,
    STATUSES_WITHOUT_MODEL,
    Arrangement,
    ArrangementChange,
    ArrangementPartner,
    ArrangementSource,
    ArrangementStatus,
    ChangeAction,
    DeliveryModel,
    Organisation,
    PartnerRole,
    SavingsBasis,
)

EARLIEST_YEAR = 1970
LATEST_YEAR = 2100
# Ten times the UK's whole local government spending: above it a figure is a typo (and
# past 2**63 the database cannot hold it).
MAX_SAVINGS_GBP = 1_000_000_000_000


@dataclass
class ArrangementInput:
    """An arrangement as the rules see it: references already resolved."""

    name: str
    status: str
    councils: list[Council]
    description: str = ""
    status_reason: str = ""
    delivery_model: str = ""
    start_year: int | None = None
    end_year: int | None = None
    service_areas: list[ServiceArea] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    lead_council: Council | None = None
    annual_savings_gbp: int | None = None
    savings_basis: str = SavingsBasis.ESTIMATED
    source_url: str = ""
    is_demo: bool = False
    lead_sets_baselines: bool = False


def _texts(data: ArrangementInput):
    """Every piece of typed text in the input, by column, for the rules all text obeys."""
    for column in ("name", "description", "status_reason", "source_url"):
        yield column, getattr(data, column) or ""
    for name in data.organisations:
        yield "organisations", name


def arrangement_check(data: ArrangementInput) -> dict[str, list[str]]:
    """The domain rules of one record; an empty dict when it is good."""
    errors: dict[str, list[str]] = {}

    def add(column: str, message: str) -> None:
        errors.setdefault(column, []).append(message)

    if not data.name.strip():
        add("name", "Enter the name of the arrangement")
    elif len(data.name) > 200:
        add("name", "Name must be 200 characters or fewer")
    if data.status not in ArrangementStatus.values:
        add(
            "status",
            f"Unknown status '{data.status}'; use one of {', '.join(ArrangementStatus.values)}",
        )
    elif data.status in STATUSES_NEEDING_REASON and not data.status_reason.strip():
        add(
            "status_reason", f"Give the reason it is {ArrangementStatus(data.status).label.lower()}"
        )
    if data.delivery_model and data.delivery_model not in DeliveryModel.values:
        add(
            "delivery_model",
            f"Unknown delivery model '{data.delivery_model}'; use one of "
            f"{', '.join(DeliveryModel.values)}",
        )
    elif (
        not data.delivery_model
        and data.status in ArrangementStatus.values
        and data.status not in STATUSES_WITHOUT_MODEL
    ):
        add(
            "delivery_model",
            "Choose the delivery model (it may be empty only while exploring or not pursued)",
        )
    for column in ("start_year", "end_year"):
        year = getattr(data, column)
        if year is not None and not EARLIEST_YEAR <= year <= LATEST_YEAR:
            add(column, f"Year must be between {EARLIEST_YEAR} and {LATEST_YEAR}")
    if data.start_year and data.end_year and data.end_year < data.start_year:
        add("end_year", "End year must be the same as or after the start year")
    if data.annual_savings_gbp is not None and data.annual_savings_gbp < 0:
        add("annual_savings_gbp", "Annual savings cannot be negative")
    elif data.annual_savings_gbp is not None and data.annual_savings_gbp > MAX_SAVINGS_GBP:
        add("annual_savings_gbp", f"Annual savings must be at most £{MAX_SAVINGS_GBP:,}")
    if data.savings_basis not in SavingsBasis.values:
        add("annual_savings_gbp", "Savings must be estimated or actual")
    if not data.councils:
        add("councils", "Name at least one partner council")
    elif len({c.pk for c in data.councils}) != len(data.councils):
        add("councils", "A council is listed more than once")
    if data.lead_council is not None and data.lead_council.pk not in {c.pk for c in data.councils}:
        add(
            "lead_council",
            f"Lead council {data.lead_council.pk} is not one of the partner councils",
        )
    names = [n.strip().casefold() for n in data.organisations]
    if any(not n for n in names):
        add("organisations", "An organisation name is empty")
    elif len(set(names)) != len(names):
        add("organisations", "An organisation is listed more than once")
    for column, text in _texts(data):
        if unstorable(text):
            add(column, "Text must not contain NUL characters or invalid Unicode")
    if len(data.source_url) > 500:
        add("source_url", "Source address must be 500 characters or fewer")
    elif data.source_url and (problem := web_address_problem(data.source_url)):
        add("source_url", problem)
    return errors


def _organisation_role(delivery_model: str) -> str:
    """Organisations provide the service under a private-sector or company model;
    otherwise they are partners (police, fire and health in community safety)."""
    if delivery_model in (DeliveryModel.PRIVATE_SECTOR, DeliveryModel.COMPANY):
        return PartnerRole.PROVIDER
    return PartnerRole.PARTNER


def _acting_for(user, councils: list[Council]) -> bool:
    if user is None or user.is_superuser:
        return True
    return acts_for_any(user, (c.pk for c in councils))


def snapshot(arrangement: Arrangement) -> dict[str, str]:
    """What a person would read of the record, for the history's before/after."""
    partners = list(arrangement.partners.select_related("council", "organisation"))
    return {
        "name": arrangement.name,
        "description": arrangement.description,
        "status": arrangement.get_status_display(),
        "status_reason": arrangement.status_reason,
        "delivery_model": arrangement.get_delivery_model_display() or "",
        "start_year": str(arrangement.start_year or ""),
        "end_year": str(arrangement.end_year or ""),
        "service_areas": "; ".join(sorted(a.name for a in arrangement.service_areas.all())),
        "councils": "; ".join(sorted(p.council.name for p in partners if p.council)),
        "lead_council": next(
            (p.council.name for p in partners if p.council and p.role == PartnerRole.LEAD), ""
        ),
        "organisations": "; ".join(sorted(p.organisation.name for p in partners if p.organisation)),
        "annual_savings_gbp": (
            f"{format_pounds(arrangement.annual_savings_gbp)} "
            f"({arrangement.get_savings_basis_display().lower()})"
            if arrangement.annual_savings_gbp is not None
            else ""
        ),
        "sources": "; ".join(s.url or s.title for s in arrangement.sources.all()),
        "lead_sets_baselines": (
            "The lead council sets every partner's" if arrangement.lead_sets_baselines else ""
        ),
    }


def _diff(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    return {k: [before.get(k, ""), v] for k, v in after.items() if before.get(k, "") != v}


def organisations_get_or_create(names: list[str]) -> dict[str, Organisation]:
    """Organisations by case-folded name, creating the new ones."""
    wanted = {n.strip().casefold(): n.strip() for n in names if n.strip()}
    found = {o.name.casefold(): o for o in Organisation.objects.filter(name__in=wanted.values())}
    missing = [n for key, n in wanted.items() if key not in found]
    if missing:
        # Names differing only by case are the same organisation.
        for o in Organisation.objects.all().only("pk", "name"):
            if o.name.casefold() in wanted:
                found[o.name.casefold()] = o
        missing = [n for key, n in wanted.items() if key not in found]
        for o in Organisation.objects.bulk_create([Organisation(name=n) for n in missing]):
            found[o.name.casefold()] = o
    return found


def _write_partners(arrangement: Arrangement, data: ArrangementInput) -> None:
    arrangement.partners.all().delete()
    orgs = organisations_get_or_create(data.organisations)
    org_role = _organisation_role(data.delivery_model)
    lead = data.lead_council.pk if data.lead_council else None
    ArrangementPartner.objects.bulk_create(
        [
            ArrangementPartner(
                arrangement=arrangement,
                council=c,
                role=PartnerRole.LEAD if c.pk == lead else PartnerRole.PARTNER,
            )
            for c in data.councils
        ]
        + [
            ArrangementPartner(
                arrangement=arrangement, organisation=orgs[n.strip().casefold()], role=org_role
            )
            for n in data.organisations
        ]
    )


def _apply_fields(arrangement: Arrangement, data: ArrangementInput) -> None:
    arrangement.name = data.name.strip()
    arrangement.description = data.description.strip()
    arrangement.status = data.status
    arrangement.status_reason = data.status_reason.strip()
    arrangement.delivery_model = data.delivery_model
    arrangement.start_year = data.start_year
    arrangement.end_year = data.end_year
    arrangement.annual_savings_gbp = data.annual_savings_gbp
    arrangement.savings_basis = data.savings_basis
    arrangement.lead_sets_baselines = data.lead_sets_baselines
    arrangement.is_demo = data.is_demo or arrangement.is_demo


def _write_source(arrangement: Arrangement, url: str) -> None:
    url = url.strip()
    if url and not arrangement.sources.filter(url=url).exists():
        ArrangementSource.objects.create(arrangement=arrangement, url=url)


def _record(arrangement, user, action, changes) -> ArrangementChange:

    audit_record(
        user=user,
        action=f"arrangement.{action}",
        obj=arrangement,
        before={k: v[0] for k, v in changes.items()},
        after={k: v[1] for k, v in changes.items()},
        arrangement=arrangement,
    )
    return ArrangementChange.objects.create(
        arrangement=arrangement,
        user=user,
        user_name=(user.get_full_name() or user.email) if user else "system",
        action=action,
        changes=changes,
    )


def _validate(*, user, data: ArrangementInput) -> None:
    errors = arrangement_check(data)
    if not errors and not _acting_for(user, data.councils):
        errors["councils"] = ["Your council must be one of the partner councils"]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def arrangement_create(*, user, data: ArrangementInput) -> Arrangement:
    """Record a new arrangement; the user's council must be a partner."""
    _validate(user=user, data=data)
    arrangement = Arrangement()
    _apply_fields(arrangement, data)
    arrangement.save()
    arrangement.service_areas.set(data.service_areas)
    _write_partners(arrangement, data)
    _write_source(arrangement, data.source_url)
    _record(arrangement, user, ChangeAction.CREATED, _diff({}, snapshot(arrangement)))
    return arrangement


@transaction.atomic
def arrangement_update(
    *, user, arrangement: Arrangement, data: ArrangementInput, expected_revision: int | None
) -> Arrangement:
    """Change an arrangement the user may edit, keeping what changed in its history.

    ``expected_revision`` is the revision the writer read; if anyone saved since (or it
    is missing) nothing is written and ``EditConflict`` carries the saved record."""
    if (
        user is not None
        and not Arrangement.objects.editable_by(user).filter(pk=arrangement.pk).exists()
    ):
        raise PermissionDenied("Only users of a partner council may change this arrangement")
    _validate(user=user, data=data)
    arrangement = lock_at_revision(Arrangement, arrangement.pk, expected_revision)
    before = snapshot(arrangement)
    _apply_fields(arrangement, data)
    arrangement.revision += 1
    arrangement.save()
    arrangement.service_areas.set(data.service_areas)
    _write_partners(arrangement, data)
    _write_source(arrangement, data.source_url)
    changes = _diff(before, snapshot(arrangement))
    if changes:
        _record(arrangement, user, ChangeAction.UPDATED, changes)
    return arrangement


@transaction.atomic
def arrangement_partner_left(
    *, arrangement: Arrangement, council: Council, remaining: list[Council], year: int
) -> Arrangement:
    """A council has left (a withdrawal in governance): the record keeps the others, and
    with fewer than two councils it has ended. Read and written under one lock, so an
    officer's edit saved meanwhile is kept rather than reverted."""
    saved = Arrangement.objects.select_for_update().get(pk=arrangement.pk)
    data = arrangement_input_from(saved)
    data.councils = remaining
    if len(remaining) < 2:
        data.status = ArrangementStatus.ENDED
        data.status_reason = f"{council.name} withdrew; fewer than two councils remain"
        data.end_year = year
    return arrangement_update(
        user=None, arrangement=saved, data=data, expected_revision=saved.revision
    )


def arrangement_input_from(arrangement: Arrangement) -> ArrangementInput:
    """The current record as input, for forms and partial API updates."""
    partners = list(arrangement.partners.select_related("council", "organisation"))
    source = arrangement.sources.exclude(url="").first()
    return ArrangementInput(
        name=arrangement.name,
        description=arrangement.description,
        status=arrangement.status,
        status_reason=arrangement.status_reason,
        delivery_model=arrangement.delivery_model,
        start_year=arrangement.start_year,
        end_year=arrangement.end_year,
        service_areas=list(arrangement.service_areas.all()),
        councils=[p.council for p in partners if p.council],
        organisations=[p.organisation.name for p in partners if p.organisation],
        lead_council=next(
            (p.council for p in partners if p.council and p.role == PartnerRole.LEAD), None
        ),
        annual_savings_gbp=arrangement.annual_savings_gbp,
        savings_basis=arrangement.savings_basis,
        source_url=source.url if source else "",
        is_demo=arrangement.is_demo,
        lead_sets_baselines=arrangement.lead_sets_baselines,
    )
