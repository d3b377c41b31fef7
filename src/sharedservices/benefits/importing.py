"""Import actuals from CSV: columns ``arrangement`` (its number in the register),
``indicator`` (its name), ``council`` (GSS code or name), ``period`` (by financial year:
2027/28 Q1, 2027-03 or 2027/28; the calendar 2027-Q1 is read as 2026/27 Q4), ``value``,
``note``. All or nothing, as the register import: every bad row is
named by line (the header is line 1), column and reason, and nothing is written if any
row is bad. Each row goes through ``rules.actual_check``, the form's rule set.

A row for a figure already entered is a correction: the earlier value is kept in the
history and the audit trail. New figures are written in bulk (10,000 rows in seconds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from sharedservices.analysis.benefits import parse_period
from sharedservices.base.audit import audit_record
from sharedservices.base.uploads import ImportFileError, RowError, read_upload
from sharedservices.benefits.models import Actual, Indicator
from sharedservices.benefits.permissions import enterable_councils
from sharedservices.benefits.rules import ActualInput, actual_check
from sharedservices.benefits.services.actuals import actual_record
from sharedservices.councils.models import Council

COLUMNS = ("arrangement", "indicator", "council", "period", "value", "note")
REQUIRED = ("arrangement", "indicator", "council", "period", "value")
MAX_ROWS = 100_000


@dataclass
class ActualsImportResult:
    rows: int = 0
    created: int = 0
    corrected: int = 0
    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Lookup:
    """Indicators, councils and rights, each fetched once for the whole file."""

    def __init__(self, user):
        self.user = user
        self.indicators: dict[tuple[int, str], Indicator | None] = {}
        self.councils = {}
        self.council_objects = {}
        for council in Council.objects.only("pk", "name"):
            self.council_objects[council.pk] = council
            self.councils[council.pk.lower()] = council.pk
            self.councils.setdefault(council.name.lower(), council.pk)
        self.partners: dict[int, set[str]] = {}
        self.enterable: dict[int, set[str]] = {}

    def indicator(self, arrangement_id: int, name: str) -> Indicator | None:
        key = (arrangement_id, name.lower())
        if key not in self.indicators:
            # The command line (no user) is an administrator's tool: every indicator.
            indicators = (
                Indicator.objects.all()
                if self.user is None
                else Indicator.objects.visible_to(self.user)
            )
            found = (
                indicators.filter(arrangement_id=arrangement_id, name__iexact=name)
                .select_related("arrangement")
                .prefetch_related("councils")
                .first()
            )
            self.indicators[key] = found
            if found is not None:
                self.partners[found.pk] = {c.pk for c in found.councils.all()}
                self.enterable[found.pk] = enterable_councils(
                    self.user, found, system=self.user is None
                )
        return self.indicators[key]


def _check(header, rows, lookup: _Lookup):
    errors: list[RowError] = []
    good: list[tuple[Indicator, dict]] = []
    missing = [c for c in REQUIRED if header is not None and c not in header]
    if missing:
        return [], [RowError(1, c, "this column is missing") for c in missing]
    seen: dict[tuple, int] = {}
    for line, cells in rows:
        row_errors: list[RowError] = []
        indicator = None
        number = cells.get("arrangement", "")
        if not number.isdigit() or len(number) > 12:
            row_errors.append(RowError(line, "arrangement", "must be the register's number"))
        elif not cells.get("indicator"):
            row_errors.append(RowError(line, "indicator", "enter the indicator's name"))
        else:
            indicator = lookup.indicator(int(number), cells["indicator"][:200])
            if indicator is None:
                row_errors.append(
                    RowError(line, "indicator", "no indicator of that name you can see")
                )
        code = lookup.councils.get(cells.get("council", "").strip().lower())
        if code is None:
            row_errors.append(RowError(line, "council", "not a council's code or name"))
        if indicator is not None and code is not None:
            data = ActualInput(
                council=code,
                period=cells.get("period", ""),
                value=cells.get("value", ""),
                note=cells.get("note", ""),
            )
            problems, clean = actual_check(
                data, indicator=indicator, council_codes=lookup.partners[indicator.pk]
            )
            for column, message in problems.items():
                row_errors.append(RowError(line, column, message))
            if not problems and code not in lookup.enterable[indicator.pk]:
                row_errors.append(
                    RowError(line, "council", "you cannot enter figures for that council")
                )
            if not problems:
                key = (indicator.pk, clean["period"], code)
                if key in seen:
                    row_errors.append(
                        RowError(line, "period", f"the same figure is on line {seen[key]}")
                    )
                seen[key] = line
                good.append((indicator, clean))
        errors += row_errors
    return good, errors


def _save(good, user, lookup: _Lookup) -> tuple[int, int]:
    existing = {
        (a.indicator_id, a.period, a.council_id)
        for a in Actual.objects.filter(indicator__in={i.pk for i, _ in good}).only(
            "indicator_id", "period", "council_id"
        )
    }
    new, corrections = [], []
    now = timezone.now()
    who = user if getattr(user, "is_authenticated", False) else None
    for indicator, clean in good:
        if (indicator.pk, clean["period"], clean["council"]) in existing:
            corrections.append((indicator, clean))
            continue
        new.append(
            Actual(
                indicator=indicator,
                council=lookup.council_objects[clean["council"]],
                period=clean["period"],
                period_ends_on=parse_period(clean["period"]).ends_on,
                value=clean["value"],
                note=clean["note"],
                entered_by=who,
                entered_at=now,
            )
        )
    Actual.objects.bulk_create(new, batch_size=2000)
    # One audit event per indicator and council, holding every period and value written:
    # the trail keeps each figure, in a hundred rows rather than ten thousand.
    groups: dict[tuple[int, str], dict[str, str]] = {}
    for actual in new:
        key = (actual.indicator_id, actual.council_id)
        groups.setdefault(key, {})[actual.period] = str(actual.value.normalize())
    indicators = {i.pk: i for i, _ in good}
    for (indicator_id, council_id), figures in groups.items():
        indicator = indicators[indicator_id]
        audit_record(
            user=user,
            action="benefits.actual.imported",
            obj=indicator,
            after={"council": council_id, "figures": figures},
            arrangement=indicator.arrangement_id,
        )
    corrected = 0
    for indicator, clean in corrections:
        _, what = actual_record(
            user=user,
            system=user is None,
            indicator=indicator,
            data=ActualInput(clean["council"], clean["period"], clean["value"], clean["note"]),
        )
        corrected += what == "corrected"
    return len(new), corrected


def import_actuals(
    source: Path | bytes | str, *, user=None, dry_run: bool = False
) -> ActualsImportResult:
    """Check every row, then write them all or none. ``user=None`` is the command line
    (an administrator's tool: every council's figures)."""
    result = ActualsImportResult(dry_run=dry_run)
    content = Path(source).read_bytes() if isinstance(source, Path) else source
    try:
        header, rows = read_upload(
            content,
            fmt="csv",
            key="figures",
            empty="The file has no figures in it",
            max_rows=MAX_ROWS,
        )
    except ImportFileError as e:
        result.rows = e.rows
        result.errors.append(RowError(0, "", str(e)))
        return result
    result.rows = len(rows)
    lookup = _Lookup(user)
    good, errors = _check(header, rows, lookup)
    result.errors = errors
    if errors or dry_run:
        return result
    with transaction.atomic():
        result.created, result.corrected = _save(good, user, lookup)
    return result
