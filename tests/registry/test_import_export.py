# ruff: noqa: E501 (CSV rows are clearer on one line)
"""import_arrangements and export_arrangements: good files, every kind of bad row,
nothing written on any error, and a round trip."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from sharedservices.base.uploads import escape_cell
from sharedservices.registry.importing import import_arrangements
from sharedservices.registry.models import Arrangement, ArrangementChange, Organisation
from tests.known import ALLERDALE, CARLISLE, EDEN, LANCASTER, PRESTON, SOUTH_LAKELAND

pytestmark = pytest.mark.django_db

HEADER = (
    "name,service_areas,councils,organisations,lead_council,delivery_model,status,"
    "status_reason,start_year,end_year,annual_savings_gbp,description,source_url"
)
GOOD = f"""{HEADER}
Parking enforcement,parking,{CARLISLE};{EDEN},,{CARLISLE},lead-authority,live,,2005,,45000,"Carlisle enforces
on-street parking for Eden",https://example.org/ace.pdf
Telephony procurement,procurement;ict,{CARLISLE};{ALLERDALE},,,joint-procurement,ended,Contract let,2005,2006,,,
Museums,museums,{LANCASTER};E10000017,Lancashire County Museums,E10000017,lead-authority,live,,,,,,
Revenues and benefits,revenues-benefits,{LANCASTER};{PRESTON},,,,exploring,,2009,,,,
"""


def write(tmp_path, text, name="arrangements.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_csv_file_is_imported(tmp_path):
    out = io.StringIO()
    call_command("import_arrangements", write(tmp_path, GOOD), stdout=out)
    assert "Imported 4 arrangement(s); 1 new organisation(s)" in out.getvalue()
    parking = Arrangement.objects.get(name="Parking enforcement")
    assert parking.description == "Carlisle enforces\non-street parking for Eden"
    assert parking.annual_savings_gbp == 45000
    assert {p.council_id: p.role for p in parking.partners.all()} == {
        CARLISLE: "lead",
        EDEN: "partner",
    }
    assert parking.sources.get().url == "https://example.org/ace.pdf"
    telephony = Arrangement.objects.get(name="Telephony procurement")
    assert sorted(telephony.service_areas.values_list("slug", flat=True)) == ["ict", "procurement"]
    assert telephony.end_year == 2006 and telephony.status_reason == "Contract let"
    assert Organisation.objects.filter(name="Lancashire County Museums").exists()
    assert ArrangementChange.objects.filter(action="imported").count() == 4


def test_dry_run_checks_and_writes_nothing(tmp_path):
    out = io.StringIO()
    call_command("import_arrangements", write(tmp_path, GOOD), "--dry-run", stdout=out)
    assert "4 row(s) are good; nothing written" in out.getvalue()
    assert not Arrangement.objects.exists()


def test_a_good_json_file_is_imported(tmp_path):
    rows = [
        {
            "name": "North West foster care framework",
            "service_areas": ["children-social-care", "procurement"],
            "councils": [LANCASTER, "E10000017", "E06000008"],
            "organisations": [],
            "lead_council": "E10000017",
            "delivery_model": "joint-procurement",
            "status": "live",
            "start_year": 2010,
            "annual_savings_gbp": 1900000,
        }
    ]
    result = import_arrangements(write(tmp_path, json.dumps(rows), "a.json"))
    assert result.ok and result.created == 1
    a = Arrangement.objects.get()
    assert a.partners.count() == 3 and a.annual_savings_gbp == 1_900_000


BAD_ROWS = [
    # (row, column, words in the reason)
    (
        f"Museums,museums,E99999999;{LANCASTER},,,informal,live,,,,,,",
        "councils",
        "There is no council “E99999999”",
    ),
    (f",museums,{LANCASTER},,,informal,live,,,,,,", "name", "Enter the name"),
    (f"Museums,museums,{LANCASTER},,,informal,paused,,,,,,", "status", "Unknown status 'paused'"),
    (
        f"Museums,museums,{LANCASTER},,,outsourced,live,,,,,,",
        "delivery_model",
        "Unknown delivery model",
    ),
    (
        f"Museums,zoos,{LANCASTER},,,informal,live,,,,,,",
        "service_areas",
        "Unknown service area 'zoos'",
    ),
    (
        f"Museums,museums,{LANCASTER},,,informal,live,,,,-5,,",
        "annual_savings_gbp",
        "cannot be negative",
    ),
    (
        f"Museums,museums,{LANCASTER},,{PRESTON},informal,live,,,,,,",
        "lead_council",
        "not one of the partner",
    ),
    (
        f"Museums,museums,{LANCASTER},,,informal,live,,2010,2009,,,",
        "end_year",
        "after the start year",
    ),
    (f"Museums,museums,{LANCASTER},,,informal,ended,,2010,2012,,,", "status_reason", "reason"),
    (f"Museums,museums,{LANCASTER},,,informal,not-pursued,,,,,,", "status_reason", "reason"),
    (f"Museums,museums,{LANCASTER},,,,live,,,,,,", "delivery_model", "Choose the delivery model"),
    (
        f"Museums,museums,{LANCASTER},,,informal,live,,twenty,,,,",
        "start_year",
        "not a four-digit year",
    ),
    (
        f"Museums,museums,{LANCASTER},,,informal,live,,,,lots,,",
        "annual_savings_gbp",
        "not an amount",
    ),
    ("Museums,museums,,,,informal,live,,,,,,", "councils", "at least one partner council"),
]


@pytest.mark.parametrize("row, column, reason", BAD_ROWS)
def test_each_kind_of_bad_row_is_named_and_nothing_is_written(tmp_path, row, column, reason):
    text = GOOD + row + "\n"
    result = import_arrangements(write(tmp_path, text))
    assert [(e.line, e.column) for e in result.errors] == [(7, column)]
    assert reason in result.errors[0].message
    assert not Arrangement.objects.exists()
    assert not Organisation.objects.exists()


def test_the_command_lists_every_bad_row_and_fails(tmp_path):
    text = GOOD + BAD_ROWS[0][0] + "\n" + BAD_ROWS[2][0] + "\n"
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 error"):
        call_command("import_arrangements", write(tmp_path, text), stderr=err)
    assert "line 7, councils: There is no council “E99999999”" in err.getvalue()
    assert "line 8, status: Unknown status 'paused'" in err.getvalue()
    assert not Arrangement.objects.exists()


def test_duplicates_in_the_file_and_in_the_register_are_refused(tmp_path):
    dup = GOOD + f"museums,museums,E10000017;{LANCASTER},,,informal,live,,,,,,\n"
    result = import_arrangements(write(tmp_path, dup))
    assert [(e.line, e.column) for e in result.errors] == [(7, "name")]
    assert "Duplicate of line 5" in result.errors[0].message
    assert import_arrangements(write(tmp_path, GOOD)).ok
    again = import_arrangements(write(tmp_path, GOOD))
    assert len(again.errors) == 4 and "Already in the register" in again.errors[0].message
    assert Arrangement.objects.count() == 4


def test_abolished_councils_are_accepted(tmp_path):
    assert import_arrangements(write(tmp_path, GOOD)).ok
    assert Arrangement.objects.filter(partners__council_id=CARLISLE).count() == 2


def test_a_header_without_required_columns_is_refused(tmp_path):
    result = import_arrangements(write(tmp_path, "title,councils\nx,E07000121\n"))
    assert {(e.line, e.column) for e in result.errors} == {
        (1, "name"),
        (1, "status"),
        (1, "title"),
    }


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "\nCaf\xe9,,E07000121,,,informal,live,,,,,,\n").encode("latin-1"))
    result = import_arrangements(path)
    assert result.errors and "UTF-8" in result.errors[0].message


def test_an_upload_must_include_the_uploaders_council(tmp_path):
    result = import_arrangements(GOOD.encode(), fmt="csv", acting_council_ids={LANCASTER})
    assert [(e.line, e.column) for e in result.errors] == [(2, "councils"), (4, "councils")]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_then_import_round_trips(tmp_path, fmt):
    assert import_arrangements(write(tmp_path, GOOD)).ok
    first = tmp_path / f"first.{fmt}"
    call_command("export_arrangements", "--format", fmt, "--output", str(first))
    Arrangement.objects.all().delete_with_history()
    result = import_arrangements(first)
    assert result.ok, result.errors
    second = tmp_path / f"second.{fmt}"
    call_command("export_arrangements", "--format", fmt, "--output", str(second))
    assert first.read_text() == second.read_text()
    assert Arrangement.objects.count() == 4


def test_export_writes_the_import_columns_to_standard_output():
    out = io.StringIO()
    call_command("export_arrangements", "--format", "csv", stdout=out)
    header = next(csv.reader(io.StringIO(out.getvalue())))
    assert ",".join(header).startswith(HEADER)


def test_formula_cells_are_escaped_on_export_and_restored_on_import(tmp_path):
    text = f'{HEADER}\n=HYPERLINK("http://evil"),museums,{LANCASTER},@org,,informal,live,,,,,+1 description,\n'
    text = text.replace('=HYPERLINK("http://evil")', '"=HYPERLINK(""http://evil"")"')
    assert import_arrangements(write(tmp_path, text)).ok
    out = io.StringIO()
    call_command("export_arrangements", "--format", "csv", stdout=out)
    row = list(csv.reader(io.StringIO(out.getvalue())))[1]
    assert row[0] == '\'=HYPERLINK("http://evil")'
    assert row[3] == "'@org" and row[11] == "'+1 description"
    Arrangement.objects.all().delete_with_history()
    assert import_arrangements(out.getvalue().encode(), fmt="csv").ok
    assert Arrangement.objects.get().name == '=HYPERLINK("http://evil")'
    assert escape_cell("-1") == "'-1" and escape_cell("plain") == "plain"


def test_south_lakeland_is_accepted_though_abolished(tmp_path):
    text = f"{HEADER}\nJoint licensing manager,licensing,{LANCASTER};{SOUTH_LAKELAND},,{LANCASTER},joint-post,live,,2008,,,,\n"
    assert import_arrangements(write(tmp_path, text)).ok


def test_councils_service_areas_and_labels_are_accepted_by_name(tmp_path):
    text = (
        f"{HEADER}\nShared revenues,Revenues and benefits,Lancaster City Council;Preston,,"
        "Lancaster,Lead authority (sovereign),Live,,2009,,,,\n"
    )
    result = import_arrangements(write(tmp_path, text))
    assert result.ok, result.errors
    a = Arrangement.objects.get(name="Shared revenues")
    assert a.status == "live" and a.delivery_model == "lead-authority"
    assert {p.council_id: p.role for p in a.partners.all()} == {
        LANCASTER: "lead",
        PRESTON: "partner",
    }
    assert list(a.service_areas.values_list("slug", flat=True)) == ["revenues-benefits"]


def test_an_unknown_council_name_lists_the_nearest(tmp_path):
    text = f"{HEADER}\nShared revenues,,Lancster;Preston,,,,exploring,,,,,,\n"
    result = import_arrangements(write(tmp_path, text))
    assert [(e.line, e.column) for e in result.errors] == [(2, "councils")]
    assert "Did you mean “Lancaster”" in result.errors[0].message


def test_code_columns_win_and_must_agree_with_the_names(tmp_path):
    header = f"{HEADER},council_codes"
    agree = f"{header}\nA,,Lancaster;Preston,,,,exploring,,,,,,,{LANCASTER};{PRESTON}\n"
    assert import_arrangements(write(tmp_path, agree)).ok
    differ = f"{header}\nB,,Lancaster;Preston,,,,exploring,,,,,,,{LANCASTER};{EDEN}\n"
    result = import_arrangements(write(tmp_path, differ))
    assert [e.message for e in result.errors] == [
        "The councils and council_codes columns name different councils"
    ]


def test_the_json_export_keeps_codes(tmp_path):
    text = f"{HEADER}\nA,ict,Lancaster;Preston,,Preston,joint-post,Live,,,,,,\n"
    assert import_arrangements(write(tmp_path, text)).ok
    out = io.StringIO()
    call_command("export_arrangements", "--format", "json", stdout=out)
    (record,) = json.loads(out.getvalue())
    assert record["councils"] == [LANCASTER, PRESTON] and record["lead_council"] == PRESTON
    assert record["status"] == "live" and record["service_areas"] == ["ict"]
