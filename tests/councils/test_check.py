"""``load_councils --check``: the curated file, the two ONS packages and the database agree, and
each kind of problem is caught when it is planted."""

from __future__ import annotations

import csv
import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sharedservices.councils.loading import CURATED_FILE
from sharedservices.councils.models import Council

pytestmark = pytest.mark.django_db


def run_check(curated: Path = CURATED_FILE) -> str:
    out = StringIO()
    # skip_checks=False: run as the command line does, system checks first (a method named
    # ``check`` once shadowed BaseCommand.check and only the command line failed).
    call_command(
        "load_councils", "--check", "--curated", str(curated), stdout=out, skip_checks=False
    )
    return out.getvalue()


def failing_check(curated: Path = CURATED_FILE) -> str:
    out = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(
            "load_councils", "--check", "--curated", str(curated), stdout=out, skip_checks=False
        )
    return out.getvalue() + str(failure.value)


def planted(tmp_path: Path, code: str, **changes: str) -> Path:
    """A copy of the curated file with one row changed (or added)."""
    with CURATED_FILE.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    matching = [r for r in rows if r["code"] == code]
    if matching:
        matching[0].update(changes)
    else:
        rows.append({f: "" for f in fields} | {"code": code} | changes)
    path = tmp_path / "curated.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_the_real_data_passes():
    assert "agree" in run_check()


def test_a_name_the_ons_lookup_contradicts_is_a_disagreement(tmp_path):
    report = failing_check(planted(tmp_path, "E07000028", name="Carlile"))
    assert "[disagreement] E07000028" in report and "Carlisle" in report


def test_a_database_that_differs_from_the_sources_is_a_disagreement():
    Council.objects.filter(code="E07000121").update(name="Lancashire Coast")
    report = failing_check()
    assert "[disagreement] E07000121: name: the database has 'Lancashire Coast'" in report


def test_a_current_council_without_a_source(tmp_path):
    report = failing_check(planted(tmp_path, "E06000063", source=""))
    assert "[no-source] E06000063" in report


def test_the_old_barnsley_date_leaves_barnsley_uncovered_for_a_year(tmp_path):
    """The date the file had before (31 March 2024) leaves a year with no Barnsley at all: the
    new code starts on 1 April 2025 (Barnsley and Sheffield (Boundary Change) Order 2024)."""
    report = failing_check(planted(tmp_path, "E08000016", valid_to="2024-03-31"))
    assert "[not-covered] E08000016" in report and "did not exist on 2024-04-01" in report


def test_successors_that_lead_to_no_current_council(tmp_path):
    report = failing_check(planted(tmp_path, "E07000028", successors="E07000026"))
    assert "[not-covered] E07000028" in report


def test_a_code_current_in_the_postcode_directory_but_marked_abolished(tmp_path):
    report = failing_check(
        planted(tmp_path, "E07000121", valid_to="2024-03-31", successors="E06000065")
    )
    assert "[date] E07000121" in report


def test_a_start_date_after_the_postcode_directory_that_lists_the_code(tmp_path):
    report = failing_check(planted(tmp_path, "E06000065", valid_from="2026-04-01"))
    assert "[date] E06000065" in report and "November 2025" in report


def test_a_start_date_after_the_2021_lookup_that_lists_the_code(tmp_path):
    report = failing_check(planted(tmp_path, "E07000121", valid_from="2022-04-01"))
    assert "[date] E07000121" in report and "April 2021" in report


def test_every_curated_row_names_a_specific_document():
    """Not a general register: every row cites an Act, an order or the postcode package."""
    with CURATED_FILE.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        source = row["source"]
        assert any(w in source for w in ("Order 20", "Act 19", "Act (Northern Ireland)")), row
        assert "Register of Geographic Codes" not in source, row


@pytest.mark.parametrize(
    ("day", "current", "gone"),
    [
        (dt.date(2025, 3, 31), "E08000016", "E08000038"),
        (dt.date(2025, 4, 1), "E08000038", "E08000016"),
    ],
)
def test_barnsley_changes_code_on_1_april_2025(day, current, gone):
    codes = set(Council.objects.current(on=day).values_list("code", flat=True))
    assert current in codes and gone not in codes
    sheffield = {"E08000016": "E08000019", "E08000038": "E08000039"}
    assert sheffield[current] in codes and sheffield[gone] not in codes
