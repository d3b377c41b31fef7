"""The curated register: real shared-service arrangements, each from a cited public
source (``registry/data/arrangements.csv``, its columns in ``registry/data/README.md``).

``check_curated`` reads the file and says what is wrong with it, row by row, through
the register's one rule set (``services.arrangement_check``) plus what only a curated
row must have: a council code that existed in the row's start year, an http(s) source
with its title and the date it was checked, a known savings basis and period, and no
two rows that the register's duplicate rule (``duplicates.duplicate_key``) calls one.

``load_curated`` writes the rows through ``arrangement_create``/``arrangement_update``
(so each gets its history), keyed by the row's ``ref``: a second run with the same file
changes nothing; a corrected row updates its record; a row taken out of the file takes
its record with it. Demo records are never touched.
"""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council
from sharedservices.registry.duplicates import duplicate_key, registered_keys
from sharedservices.registry.importing import RowError
from sharedservices.registry.links import web_address_problem
from sharedservices.registry.models import Arrangement, ArrangementSource, SavingsBasis
from sharedservices.registry.services import (
    ArrangementInput,
    arrangement_check,
    arrangement_create,
    arrangement_input_from,
    arrangement_update,
)

CURATED_FILE = Path(__file__).resolve().parent / "data" / "arrangements.csv"

CURATED_COLUMNS = (
    "ref",
    "name",
    "service_areas",
    "councils",
    "organisations",
    "lead_council",
    "delivery_model",
    "status",
    "status_reason",
    "start_year",
    "end_year",
    "savings_gbp",
    "savings_years",
    "savings_basis",
    "description",
    "source_url",
    "source_title",
    "source_date",
    "checked_on",
)
# How the file says whether a saving was expected or achieved, and the register's words.
SAVINGS_BASES = {"expected": SavingsBasis.ESTIMATED, "achieved": SavingsBasis.ACTUAL}
_REF = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_YEAR = re.compile(r"^\d{4}$")
_SOURCE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class CuratedRow:
    line: int
    ref: str
    data: ArrangementInput
    source_title: str
    source_date: str
    checked_on: datetime.date


@dataclass
class CuratedCheck:
    rows: list[CuratedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


class CuratedFileError(Exception):
    """The curated file is wrong; the message lists every problem."""


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _valid_in(council: Council, year: int) -> bool:
    """Whether the council existed at some time in ``year``."""
    starts = council.valid_from is None or council.valid_from <= datetime.date(year, 12, 31)
    ends = council.valid_to is None or council.valid_to >= datetime.date(year, 1, 1)
    return starts and ends


class _RowReader:
    """Turns one row's cells into an ``ArrangementInput``, noting each problem."""

    def __init__(self):
        self.councils = {c.pk: c for c in Council.objects.all()}
        # Councils that replaced or recoded others the data holds (Cumberland, Fife's 2018
        # code): before their first day a row must name the councils of the time. A
        # council with no earlier code in the data (Belfast's 2015 code) stands for itself.
        self.replaced_others = set(
            Council.successors.through.objects.values_list("to_council_id", flat=True)
        )
        self.areas = {a.slug: a for a in ServiceArea.objects.all()}

    def read(self, line: int, get, add) -> CuratedRow | None:
        start = self._year(get("start_year"), "start_year", add)
        end = self._year(get("end_year"), "end_year", add)
        councils = []
        for code in _split(get("councils")):
            council = self.councils.get(code)
            if council is None:
                add("councils", f"Unknown council code '{code}'")
            elif (
                start is not None
                and not _valid_in(council, start)
                and (council.pk in self.replaced_others or council.valid_to is not None)
            ):
                add("councils", f"{council.name} ({code}) did not exist in {start}")
            else:
                councils.append(council)
        lead = None
        if get("lead_council"):
            lead = self.councils.get(get("lead_council"))
            if lead is None:
                add("lead_council", f"Unknown council code '{get('lead_council')}'")
        areas = []
        for slug in _split(get("service_areas")):
            if slug in self.areas:
                areas.append(self.areas[slug])
            else:
                add("service_areas", f"Unknown service area '{slug}'")
        if not areas:
            add("service_areas", "Give at least one service area")
        annual, basis = self._savings(get, add)
        url = get("source_url")
        if not url:
            add("source_url", "Every row needs the address of its source")
        elif problem := web_address_problem(url):
            add("source_url", problem)
        if not get("source_title"):
            add("source_title", "Give the source's title")
        if get("source_date") and not _SOURCE_DATE.match(get("source_date")):
            add("source_date", "Write the source's date as 2019, 2019-05 or 2019-05-14")
        checked_on = None
        try:
            checked_on = datetime.date.fromisoformat(get("checked_on"))
        except ValueError:
            add("checked_on", "Give the date the source was checked, as 2026-12-07")
        data = ArrangementInput(
            name=get("name"),
            description=get("description"),
            status=get("status"),
            status_reason=get("status_reason"),
            delivery_model=get("delivery_model"),
            start_year=start,
            end_year=end,
            service_areas=areas,
            councils=councils,
            organisations=_split(get("organisations")),
            lead_council=lead,
            annual_savings_gbp=annual,
            savings_basis=basis,
            source_url=url,
        )
        if checked_on is None:
            return None
        return CuratedRow(
            line, get("ref"), data, get("source_title"), get("source_date"), checked_on
        )

    @staticmethod
    def _year(cell: str, column: str, add) -> int | None:
        if not cell:
            return None
        if not _YEAR.match(cell):
            add(column, f"'{cell}' is not a four-digit year")
            return None
        return int(cell)

    @staticmethod
    def _savings(get, add) -> tuple[int | None, str]:
        """The annual figure the register keeps: the amount, or the amount over a stated
        number of years divided by them."""
        amount, years, basis = get("savings_gbp"), get("savings_years"), get("savings_basis")
        if not amount:
            if years or basis:
                add("savings_gbp", "A savings period or basis is given without an amount")
            return None, SavingsBasis.ESTIMATED
        if not amount.isdigit():
            add("savings_gbp", f"'{amount}' is not a whole number of pounds")
            return None, SavingsBasis.ESTIMATED
        if not years.isdigit() or int(years) < 1:
            add("savings_years", "Give the years the saving covers: 1 for a year, or more")
            return None, SavingsBasis.ESTIMATED
        if basis not in SAVINGS_BASES:
            add("savings_basis", "Say whether the saving was expected or achieved")
            return None, SavingsBasis.ESTIMATED
        return round(int(amount) / int(years)), SAVINGS_BASES[basis]


def check_curated(path: Path | str = CURATED_FILE) -> CuratedCheck:
    """Every problem in the file, by line and column; the good rows when there are none."""
    result = CuratedCheck()
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        header = tuple(h.strip() for h in reader.fieldnames or ())
        if header != CURATED_COLUMNS:
            result.errors.append(
                RowError(1, "", f"The header must be: {','.join(CURATED_COLUMNS)}")
            )
            return result
        lines = []
        start = 2
        for record in reader:
            lines.append((start, {k: (v or "").strip() for k, v in record.items() if k}))
            start = reader.line_num + 1
    reader_ = _RowReader()
    refs: dict[str, int] = {}
    keys: dict[tuple, int] = {}
    # Records councils entered themselves count for duplicates; curated and demo ones
    # do not (the first are these rows, the second are illustrations).
    entered = registered_keys(Arrangement.objects.filter(is_demo=False, curated_ref=""))
    for line, cells in lines:
        row_errors: list[RowError] = []

        def add(column, message, line=line, row_errors=row_errors):
            row_errors.append(RowError(line, column, message))

        ref = cells.get("ref", "")
        if not _REF.match(ref):
            add("ref", "Give a reference of lower-case letters, digits and hyphens")
        elif ref in refs:
            add("ref", f"Reference already used on line {refs[ref]}")
        else:
            refs[ref] = line
        row = reader_.read(line, lambda c, cells=cells: cells.get(c, ""), add)
        if row is not None:
            reported = {e.column for e in row_errors}
            for column, messages in arrangement_check(row.data).items():
                if column not in reported:
                    row_errors += [RowError(line, column, m) for m in messages]
            key = duplicate_key(row.data)
            if not row_errors and key in keys:
                add("name", f"Duplicate of line {keys[key]} (same name and councils)")
            elif not row_errors and key in entered:
                add("name", "Already in the register as a council's own record")
            keys.setdefault(key, line)
        if row_errors:
            result.errors += row_errors
        elif row is not None:
            result.rows.append(row)
    return result


def _same(arrangement: Arrangement, row: CuratedRow) -> bool:
    saved, wanted = arrangement_input_from(arrangement), row.data
    sources = [(s.url, s.title, s.published, s.checked_on) for s in arrangement.sources.all()]
    return (
        sources == [(wanted.source_url, row.source_title, row.source_date, row.checked_on)]
        and (saved.name, saved.description, saved.status, saved.status_reason)
        == (wanted.name.strip(), wanted.description.strip(), wanted.status,
            wanted.status_reason.strip())
        and (saved.delivery_model, saved.start_year, saved.end_year)
        == (wanted.delivery_model, wanted.start_year, wanted.end_year)
        and (saved.annual_savings_gbp, saved.savings_basis)
        == (wanted.annual_savings_gbp, wanted.savings_basis)
        and {a.pk for a in saved.service_areas} == {a.pk for a in wanted.service_areas}
        and {c.pk for c in saved.councils} == {c.pk for c in wanted.councils}
        and (saved.lead_council.pk if saved.lead_council else None)
        == (wanted.lead_council.pk if wanted.lead_council else None)
        and sorted(saved.organisations) == sorted(n.strip() for n in wanted.organisations)
        and not saved.is_demo
    )  # fmt: skip


def _set_source(arrangement: Arrangement, row: CuratedRow) -> None:
    arrangement.sources.all().delete()
    ArrangementSource.objects.create(
        arrangement=arrangement,
        url=row.data.source_url,
        title=row.source_title,
        published=row.source_date,
        checked_on=row.checked_on,
    )


@transaction.atomic
def load_curated(path: Path | str = CURATED_FILE) -> LoadResult:
    """Make the register's curated records match the file; ``CuratedFileError`` (and
    nothing written) if the file has any problem."""
    checked = check_curated(path)
    if checked.errors:
        raise CuratedFileError("\n".join(str(e) for e in checked.errors))
    result = LoadResult()
    saved = {
        a.curated_ref: a
        for a in Arrangement.objects.exclude(curated_ref="").prefetch_related(
            "sources", "service_areas", "partners__council", "partners__organisation"
        )
    }
    for row in checked.rows:
        arrangement = saved.pop(row.ref, None)
        if arrangement is None:
            arrangement = arrangement_create(user=None, data=row.data)
            Arrangement.objects.filter(pk=arrangement.pk).update(curated_ref=row.ref)
            result.created += 1
        elif _same(arrangement, row):
            result.unchanged += 1
            continue
        else:
            arrangement = arrangement_update(
                user=None,
                arrangement=arrangement,
                data=row.data,
                expected_revision=arrangement.revision,
            )
            result.updated += 1
        _set_source(arrangement, row)
    if saved:
        result.removed = len(saved)
        Arrangement.objects.filter(pk__in=[a.pk for a in saved.values()]).delete_with_history()
    return result
