"""Import arrangements from CSV, JSON or Excel: check, build, save, all or nothing.

The format is in ``docs/register.md``. Every bad row is reported with its line
number (CSV: the physical line the record starts on, the header being line 1;
JSON: the record's position, from 1), the column, and the reason; if there is
any error, nothing is written. The domain rules are ``services.arrangement_check``,
the same the pages and the API use; this module adds what only a file can get
wrong (unknown codes and slugs, numbers that are not numbers, duplicates).

Bulk inserts import 10,000 rows in seconds; each arrangement still gets its history entry.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from sharedservices.analysis.money import MoneyError, parse_pounds, round_pounds
from sharedservices.base.audit import audit_record_bulk
from sharedservices.catalogue.models import ServiceArea
from sharedservices.councils.models import Council
from sharedservices.registry.columns import (  # noqa: E402,F401 (one home, re-exported)
    COLUMNS,
    FORMULA_PREFIXES,
    LIST_SEPARATOR,
    MAX_UPLOAD_BYTES,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    ImportFileError,
)
from sharedservices.registry.duplicates import (
    ALREADY_REGISTERED,
    duplicate_key,
    lines_already_registered,
    registered_keys,
)
from sharedservices.registry.models import (
    Arrangement,
    ArrangementChange,
    ArrangementPartner,
    ArrangementSource,
    ChangeAction,
    Organisation,
    PartnerRole,
    SavingsBasis,
)
from sharedservices.registry.services import (
    ArrangementInput,
    _organisation_role,
    arrangement_check,
    organisations_get_or_create,
)


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        return (
            f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
        )


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    organisations_created: int = 0
    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def unescape_cell(value: str) -> str:
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value


def _read_csv(text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    # strict: a quote opened and never closed is an error, where csv would otherwise
    # read the rest of the file as one field (a name holding newlines).
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, dict]] = []
    start = 1
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
        reader.fieldnames = header
        start = reader.line_num + 1
        for record in reader:
            cells = {
                k: unescape_cell((v or "").strip()) for k, v in record.items() if k is not None
            }
            if any(cells.values()):
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as e:
        if "unexpected end of data" in str(e):
            raise ImportFileError(
                f'Line {start}: a quote (") is opened and never closed. Close it, or write'
                ' a quote that is part of the text twice ("")'
            ) from None
        raise ImportFileError(f"Line {start}: not readable as CSV ({e})") from None
    return header, rows


def _read_json(text: str) -> tuple[list[str] | None, list[tuple[int, dict]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ImportFileError(f"Not valid JSON: {e.msg} at line {e.lineno}") from None
    except RecursionError:
        raise ImportFileError(
            "The JSON is nested too deeply: give a list of flat objects, one per arrangement"
        ) from None
    except ValueError:  # an integer of more digits than Python converts (4,300)
        raise ImportFileError("The JSON holds a number too long to be a real figure") from None
    if isinstance(data, dict) and isinstance(data.get("arrangements"), list):
        data = data["arrangements"]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ImportFileError("JSON must be a list of objects, one per arrangement")
    rows = []
    for i, record in enumerate(data, start=1):
        cells = {}
        for key, value in record.items():
            if isinstance(value, list) and all(_scalar(v) for v in value):
                value = LIST_SEPARATOR.join(str(v) for v in value)
            elif not _scalar(value):
                raise ImportFileError(
                    f"Arrangement {i}, {str(key)[:50]}: give text, a number or a list of them,"
                    " not an object"
                )
            cells[key] = "" if value is None else str(value).strip()
        rows.append((i, cells))
    return None, rows


def _scalar(value) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def read_rows(content: bytes | str, *, fmt: str) -> tuple[list[str] | None, list[tuple[int, dict]]]:
    if fmt == "xlsx":
        from sharedservices.registry.spreadsheets import read_xlsx

        if isinstance(content, str):
            raise ImportFileError("An Excel file must be read as bytes")
        return read_xlsx(content)
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError("The file is not UTF-8 text") from None
    if fmt == "json":
        return _read_json(content)
    return _read_csv(content)


def detect_format(name: str, content: bytes | str) -> str:
    if name.lower().endswith(".xlsx") or content[:4] in (b"PK\x03\x04",):
        return "xlsx"
    if name.lower().endswith(".json"):
        return "json"
    if name.lower().endswith(".csv"):
        return "csv"
    head = content[:1024].lstrip()
    return "json" if head[:1] in (b"[", b"{", "[", "{") else "csv"


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


_YEAR = re.compile(r"^\d{4}$")


def _year(cell: str, column: str, add) -> int | None:
    if not cell:
        return None
    if not _YEAR.match(cell):
        add(column, f"'{cell}' is not a four-digit year")
        return None
    return int(cell)


def _savings(cell: str, add) -> int | None:
    if not cell:
        return None
    try:
        amount = parse_pounds(cell)
    except MoneyError as exc:
        add("annual_savings_gbp", str(exc))
        return None
    if amount < 0:
        add("annual_savings_gbp", "Annual savings cannot be negative")
        return None
    return int(round_pounds(amount))


class ArrangementImporter:
    """check() → build() → save(); ``run`` does all three."""

    def __init__(self, *, user=None, acting_council_ids: set[str] | None = None, is_demo=False):
        self.user = user
        self.acting_council_ids = acting_council_ids
        self.is_demo = is_demo
        self.councils = {c.pk: c for c in Council.objects.only("pk", "name")}
        self.service_areas = {a.slug: a for a in ServiceArea.objects.all()}

    def check(self, header, rows) -> tuple[list[tuple[int, ArrangementInput]], list[RowError]]:
        errors: list[RowError] = []
        if header is not None:
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            unknown = [c for c in header if c not in COLUMNS + OPTIONAL_COLUMNS]
            for c in missing:
                errors.append(RowError(1, c, "Required column is missing from the header"))
            for c in unknown:
                errors.append(RowError(1, c, "Unknown column"))
            if errors:
                return [], errors
        seen: dict[tuple[str, frozenset], int] = {}
        existing = registered_keys()
        good: list[tuple[int, ArrangementInput]] = []
        for line, cells in rows:
            row_errors: list[RowError] = []

            def add(column: str, message: str, line=line, row_errors=row_errors) -> None:
                row_errors.append(RowError(line, column, message))

            if header is None:
                for c in cells:
                    if c not in COLUMNS + OPTIONAL_COLUMNS:
                        add(c, "Unknown column")
            get = lambda c, cells=cells: cells.get(c, "") or ""  # noqa: E731
            councils = []
            for code in _split(get("councils")):
                council = self.councils.get(code.upper())
                if council is None:
                    add("councils", f"Unknown council code '{code}'")
                else:
                    councils.append(council)
            lead = None
            if get("lead_council"):
                lead = self.councils.get(get("lead_council").upper())
                if lead is None:
                    add("lead_council", f"Unknown council code '{get('lead_council')}'")
            areas = []
            for slug in _split(get("service_areas")):
                area = self.service_areas.get(slug.lower())
                if area is None:
                    add("service_areas", f"Unknown service area '{slug}'")
                else:
                    areas.append(area)
            organisations = _split(get("organisations"))
            basis = get("savings_basis").lower() or SavingsBasis.ESTIMATED
            data = ArrangementInput(
                name=get("name"),
                description=get("description"),
                status=get("status").lower(),
                status_reason=get("status_reason"),
                delivery_model=get("delivery_model").lower(),
                start_year=_year(get("start_year"), "start_year", add),
                end_year=_year(get("end_year"), "end_year", add),
                service_areas=areas,
                councils=councils,
                organisations=organisations,
                lead_council=lead,
                annual_savings_gbp=_savings(get("annual_savings_gbp"), add),
                savings_basis=basis,
                source_url=get("source_url"),
                is_demo=self.is_demo,
            )
            reported = {e.column for e in row_errors}
            for column, messages in arrangement_check(data).items():
                if column in reported:
                    continue  # already said why (e.g. an unknown council code)
                for message in messages:
                    add(column, message)
            if (
                self.acting_council_ids is not None
                and councils
                and not {c.pk for c in councils} & self.acting_council_ids
            ):
                add("councils", "Your council must be one of the partner councils")
            key = duplicate_key(data)
            if data.name.strip() and councils and not row_errors:
                if key in seen:
                    add("name", f"Duplicate of line {seen[key]} (same name and councils)")
                elif key in existing:
                    add("name", ALREADY_REGISTERED)
                else:
                    seen[key] = line
            if row_errors:
                errors.extend(row_errors)
            else:
                good.append((line, data))
        return good, errors

    def build(self, good: list[tuple[int, ArrangementInput]]) -> list[Arrangement]:
        return [
            Arrangement(
                name=d.name.strip(),
                description=d.description.strip(),
                status=d.status,
                status_reason=d.status_reason.strip(),
                delivery_model=d.delivery_model,
                start_year=d.start_year,
                end_year=d.end_year,
                annual_savings_gbp=d.annual_savings_gbp,
                savings_basis=d.savings_basis,
                is_demo=d.is_demo,
            )
            for _, d in good
        ]

    @transaction.atomic
    def save(
        self, good: list[tuple[int, ArrangementInput]], arrangements: list[Arrangement]
    ) -> int:
        orgs = organisations_get_or_create([n for _, d in good for n in d.organisations])
        arrangements = Arrangement.objects.bulk_create(arrangements, batch_size=2000)
        through = Arrangement.service_areas.through
        links, partners, sources, changes = [], [], [], []
        user_name = (self.user.get_full_name() or self.user.email) if self.user else "import"
        for (_, d), a in zip(good, arrangements, strict=True):
            links += [through(arrangement_id=a.pk, servicearea_id=s.pk) for s in d.service_areas]
            lead = d.lead_council.pk if d.lead_council else None
            partners += [
                ArrangementPartner(
                    arrangement_id=a.pk,
                    council_id=c.pk,
                    role=PartnerRole.LEAD if c.pk == lead else PartnerRole.PARTNER,
                )
                for c in d.councils
            ]
            role = _organisation_role(d.delivery_model)
            partners += [
                ArrangementPartner(
                    arrangement_id=a.pk, organisation=orgs[n.strip().casefold()], role=role
                )
                for n in d.organisations
            ]
            if d.source_url:
                sources.append(ArrangementSource(arrangement_id=a.pk, url=d.source_url))
            changes.append(
                ArrangementChange(
                    arrangement_id=a.pk,
                    user=self.user,
                    user_name=user_name,
                    action=ChangeAction.IMPORTED,
                    changes={"name": ["", a.name], "status": ["", a.get_status_display()]},
                )
            )
        through.objects.bulk_create(links, batch_size=5000)
        ArrangementPartner.objects.bulk_create(partners, batch_size=5000)
        ArrangementSource.objects.bulk_create(sources, batch_size=5000)
        ArrangementChange.objects.bulk_create(changes, batch_size=5000)

        audit_record_bulk(
            user=self.user,
            action="arrangement.imported",
            objects=arrangements,
            timeline="arrangement",
        )
        return len(arrangements)

    def run(self, content: bytes | str, *, fmt: str, dry_run: bool = False) -> ImportResult:
        result = ImportResult(dry_run=dry_run)
        try:
            header, rows = read_rows(content, fmt=fmt)
        except ImportFileError as e:
            result.errors.append(RowError(0, "", str(e)))
            return result
        except csv.Error as e:
            result.errors.append(RowError(0, "", f"Not a readable CSV file: {e}"))
            return result
        result.rows = len(rows)
        if not rows and not result.errors:
            result.errors.append(RowError(0, "", "The file has no arrangements in it"))
            return result
        good, errors = self.check(header, rows)
        result.errors = errors
        if errors or dry_run:
            return result
        organisations_before = Organisation.objects.count()
        with transaction.atomic():  # the last check and the write, as one (duplicates.py)
            if taken := lines_already_registered(good):
                result.errors = [RowError(line, "name", ALREADY_REGISTERED) for line in taken]
                return result
            result.created = self.save(good, self.build(good))
        result.organisations_created = Organisation.objects.count() - organisations_before
        return result


def import_arrangements(
    source: Path | str | bytes,
    *,
    fmt: str | None = None,
    dry_run: bool = False,
    user=None,
    acting_council_ids: set[str] | None = None,
    is_demo: bool = False,
) -> ImportResult:
    """Import a file (a path, or its bytes with ``fmt``); all or nothing."""
    if isinstance(source, (str, Path)) and not isinstance(source, bytes):
        path = Path(source)
        content = path.read_bytes()
        fmt = fmt or detect_format(path.name, content)
    else:
        content = source
        fmt = fmt or detect_format("", content)
    importer = ArrangementImporter(
        user=user, acting_council_ids=acting_council_ids, is_demo=is_demo
    )
    return importer.run(content, fmt=fmt, dry_run=dry_run)
