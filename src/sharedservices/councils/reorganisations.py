"""Reorganisations ahead: the curated, cited file ``councils/data/reorganisations.json``.

Each entry is one reorganisation: its vesting day, status (proposed, decided by the Secretary of
State, order made, in force), source, the councils it abolishes and the councils it creates, each
with the predecessors whose areas it covers. ``load_councils`` reads it with the other sources:

- a reorganisation that is decided (or further on) is written into the council register: the
  abolished councils get their last day (the day before vesting day) and their successors, the
  new councils their first day and, when one was elected, their shadow authority's start;
- a proposed one is stored as a record only and changes the register nowhere unless a page or
  the API is asked for it as a scenario (``?scenario=<id>``);
- a new council has a provisional code (E06P00001: a letter, two digits, "P", five digits) that
  no ONS code can equal; when the file gives ONS's code (``ons_code``) the loader moves the
  council and every record that refers to it to that code (:func:`replace_council_code`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import DatabaseError, transaction

from sharedservices.councils.models import (
    PROVISIONAL_CODE,
    Council,
    CouncilKind,
    CreatedCouncil,
    Reorganisation,
    ReorganisationStatus,
)

REORGANISATIONS_FILE = Path(__file__).parent / "data" / "reorganisations.json"
ONS_CODE = re.compile(r"^[A-Z][0-9]{8}$")


@dataclass
class CreatedRecord:
    code: str  # provisional until ONS codes it
    name: str
    kind: str
    predecessors: list[str]
    ons_code: str = ""

    @property
    def register_code(self) -> str:
        """The code the council has in the register: ONS's once known."""
        return self.ons_code or self.code


@dataclass
class ReorganisationRecord:
    id: str
    name: str
    vesting_on: dt.date
    status: str
    source: str
    source_url: str
    shadow_from: dt.date | None
    abolished: list[str]
    created: list[CreatedRecord] = field(default_factory=list)

    @property
    def changes_register(self) -> bool:
        return self.status != ReorganisationStatus.PROPOSED

    @property
    def last_day(self) -> dt.date:
        return self.vesting_on - dt.timedelta(days=1)

    @property
    def short_source(self) -> str:
        """What the council register's ``source`` column says (it holds 300 characters)."""
        label = ReorganisationStatus(self.status).label.lower()
        return f"{self.name} reorganisation ({label}), vesting day {self.vesting_on}"

    def successors_of(self, code: str) -> list[str]:
        """The new councils that take over ``code``'s area: the one listing it as a
        predecessor, or all of them for a council (a county) none lists."""
        mine = [c.register_code for c in self.created if code in c.predecessors]
        return mine or [c.register_code for c in self.created]


class ReorganisationDataError(ValueError):
    pass


def _date(value: str, what: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ReorganisationDataError(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None


def read_reorganisations(path: Path = REORGANISATIONS_FILE) -> list[ReorganisationRecord]:
    """Every reorganisation in the curated file, or a named error for the first bad entry."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    records = []
    for entry in entries:
        rid = entry.get("id", "?")
        if entry.get("status") not in ReorganisationStatus.values:
            raise ReorganisationDataError(f"{rid}: unknown status {entry.get('status')!r}")
        if not entry.get("source"):
            raise ReorganisationDataError(f"{rid}: names no source")
        created = []
        for c in entry.get("created", []):
            if not PROVISIONAL_CODE.match(c["code"]):
                raise ReorganisationDataError(
                    f"{rid}: {c['code']} is not a provisional code such as E06P00001"
                )
            if c.get("ons_code") and not ONS_CODE.match(c["ons_code"]):
                raise ReorganisationDataError(f"{rid}: {c['ons_code']} is not an ONS code")
            if c.get("kind") not in CouncilKind.values:
                raise ReorganisationDataError(f"{rid}: {c['name']} has no known kind")
            created.append(
                CreatedRecord(
                    code=c["code"],
                    name=c["name"],
                    kind=c["kind"],
                    predecessors=list(c.get("predecessors", [])),
                    ons_code=c.get("ons_code", ""),
                )
            )
        if not created:
            raise ReorganisationDataError(f"{rid}: creates no council")
        records.append(
            ReorganisationRecord(
                id=rid,
                name=entry["name"],
                vesting_on=_date(entry["vesting_on"], rid),
                status=entry["status"],
                source=entry["source"],
                source_url=entry.get("source_url", ""),
                shadow_from=_date(entry.get("shadow_from", ""), rid),
                abolished=list(entry["abolished"]),
                created=created,
            )
        )
    return records


def curated_with_reorganisations(
    curated: dict[str, dict[str, str]], reorganisations: list[ReorganisationRecord]
) -> dict[str, dict[str, str]]:
    """The curated rows with each decided reorganisation written in: the abolished councils'
    last day and successors, the new councils' first day. A proposed one adds nothing."""
    merged = {code: dict(row) for code, row in curated.items()}
    for r in reorganisations:
        if not r.changes_register:
            continue
        for code in r.abolished:
            row = merged.setdefault(code, {})
            row["valid_to"] = r.last_day.isoformat()
            row["successors"] = ";".join(r.successors_of(code))
            row["source"] = "; ".join(s for s in (row.get("source"), r.short_source) if s)
        for c in r.created:
            if c.ons_code:
                # The provisional code stays as a record that never came into force, so the
                # append-only history written under it still names the council.
                merged[c.code] = {
                    "name": c.name,
                    "kind": c.kind,
                    "valid_from": r.vesting_on.isoformat(),
                    "valid_to": r.last_day.isoformat(),
                    "successors": c.ons_code,
                    "source": f"{r.short_source}; provisional code, replaced by ONS's {c.ons_code}",
                }
            row = merged.setdefault(c.register_code, {})
            row.update(
                name=c.name,
                kind=c.kind,
                valid_from=r.vesting_on.isoformat(),
                shadow_from=r.shadow_from.isoformat() if r.shadow_from else "",
            )
            row["source"] = "; ".join(s for s in (row.get("source"), r.short_source) if s)
    return merged


def replace_council_code(old: str, new: str) -> int:
    """Copy the council ``old`` to ``new`` and move every row that refers to it (foreign
    keys and many-to-many links of every model, the register's own links included) to
    ``new``. Append-only history (the audit trail refuses updates) keeps the code it was
    written with; the old row stays as a record that never came into force (the loader
    gives it ``new`` as its successor). Returns how many rows were repointed. Runs inside
    the caller's transaction."""
    council = Council.objects.get(pk=old)
    council.pk = council.code = new
    council.save(force_insert=True)
    moved = 0
    for model in apps.get_models(include_auto_created=True):
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is Council:
                rows = model._base_manager.filter(**{f.attname: old})
                try:
                    with transaction.atomic():
                        moved += rows.update(**{f.attname: new})
                except DatabaseError:
                    # Append-only history refuses the update (SQLite's trigger raises an
                    # integrity error, PostgreSQL's a privilege error): it keeps the code
                    # it was written with.
                    continue
    moved += CreatedCouncil.objects.filter(code=old).update(code=new)
    return moved


def replace_provisional_codes(reorganisations: list[ReorganisationRecord]) -> int:
    """Give every new council ONS's code once the curated file has it."""
    replaced = 0
    for r in reorganisations:
        for c in r.created:
            if (
                c.ons_code
                and Council.objects.filter(pk=c.code).exists()
                and not Council.objects.filter(pk=c.ons_code).exists()
            ):
                replace_council_code(c.code, c.ons_code)
                replaced += 1
    return replaced


def save_reorganisations(reorganisations: list[ReorganisationRecord]) -> int:
    """Store the reorganisation records (idempotent); returns how many changed."""
    changed = 0
    known = set(Council.objects.values_list("pk", flat=True))
    for r in reorganisations:
        values = dict(
            name=r.name,
            vesting_on=r.vesting_on,
            status=r.status,
            source=r.source,
            source_url=r.source_url,
            shadow_from=r.shadow_from,
        )
        obj, created = Reorganisation.objects.get_or_create(slug=r.id, defaults=values)
        if not created and any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
            changed += 1
        changed += int(created)
        abolished = sorted(c for c in r.abolished if c in known)
        if sorted(obj.abolished.values_list("pk", flat=True)) != abolished:
            obj.abolished.set(abolished)
            changed += 1
        keep = []
        for c in r.created:
            row, _ = CreatedCouncil.objects.update_or_create(
                reorganisation=obj,
                code=c.register_code,
                defaults={"name": c.name, "kind": c.kind},
            )
            predecessors = sorted(p for p in c.predecessors if p in known)
            if sorted(row.predecessors.values_list("pk", flat=True)) != predecessors:
                row.predecessors.set(predecessors)
            keep.append(row.pk)
        obj.created.exclude(pk__in=keep).delete()
    Reorganisation.objects.exclude(slug__in=[r.id for r in reorganisations]).delete()
    return changed


def derived_geography(
    values: dict[str, dict], neighbours: dict[str, set[str]]
) -> tuple[dict[str, dict], set[tuple[str, str]]]:
    """Geography for the new councils in the register, from their predecessors' (no postcode
    carries their code yet): postcodes summed, the centroid weighted by postcodes, and the
    predecessors' neighbours as they will be on vesting day (a neighbour that goes into
    another new council is that council). ``values`` maps each code the postcode directory
    knows to its latitude, longitude, easting, northing and postcode count."""
    derived: dict[str, dict] = {}
    pairs: set[tuple[str, str]] = set()
    rows = CreatedCouncil.objects.filter(
        code__in=Council.objects.values("pk"), reorganisation__status__in=_IN_REGISTER
    ).prefetch_related("predecessors", "reorganisation__created__predecessors")
    for created in rows:
        if created.code in values:
            continue  # ONS's code with postcodes of its own
        preds = [p.code for p in created.predecessors.all() if p.code in values]
        total = sum(values[p]["postcode_count"] or 0 for p in preds)
        if not preds or not total:
            continue
        out = {"postcode_count": total}
        for f in ("latitude", "longitude", "easting", "northing"):
            out[f] = round(
                sum(values[p][f] * (values[p]["postcode_count"] or 0) for p in preds) / total, 6
            )
        derived[created.code] = out
        goes_to = {
            p.code: other.code
            for other in created.reorganisation.created.all()
            for p in other.predecessors.all()
        }
        for p in preds:
            for n in neighbours.get(p, ()):
                m = goes_to.get(n, n)
                if m != created.code:
                    pairs |= {(created.code, m), (m, created.code)}
    return derived, pairs


_IN_REGISTER = [s for s in ReorganisationStatus.values if s != ReorganisationStatus.PROPOSED]
