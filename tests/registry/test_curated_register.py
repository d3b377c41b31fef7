"""The curated register (issue 30): the file of real arrangements, its check, its load,
and real records by default in the API, the statistics and the suggestions."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from sharedservices.programme.suggestions import suggestions_for
from sharedservices.registry.curated import CURATED_COLUMNS, CURATED_FILE, check_curated
from sharedservices.registry.models import Arrangement
from sharedservices.registry.statistics import map_data, national_picture

WRS_DISTRICTS = {
    "E07000234",  # Bromsgrove
    "E07000235",  # Malvern Hills
    "E07000236",  # Redditch
    "E07000237",  # Worcester
    "E07000238",  # Wychavon
    "E07000239",  # Wyre Forest
}


def _rows():
    with open(CURATED_FILE, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write(tmp_path, rows):
    path = tmp_path / "arrangements.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, CURATED_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _load(*args) -> str:
    out = io.StringIO()
    call_command("load_register", *args, stdout=out)
    return out.getvalue()


def test_the_curated_file_passes_its_own_check(db):
    result = check_curated()
    assert result.errors == []
    assert len(result.rows) == len(_rows())
    for row in _rows():
        assert row["source_url"].startswith(("https://", "http://"))
        datetime.date.fromisoformat(row["checked_on"])


def test_load_is_idempotent_and_real(db, client):
    first = _load()
    n = len(_rows())
    assert f"{n} created, 0 updated, 0 unchanged, 0 removed" in first
    assert f"0 created, 0 updated, {n} unchanged, 0 removed" in _load()
    assert Arrangement.objects.filter(is_demo=False).exclude(curated_ref="").count() == n

    body = client.get("/api/v1/arrangements?provenance=real&limit=1000").json()
    assert body["count"] == n
    for item in body["items"]:
        assert item["provenance"] == "real"
        assert item["source_url"].startswith(("https://", "http://"))
        assert item["source_title"]
        datetime.date.fromisoformat(item["checked_on"])
    assert client.get("/api/v1/arrangements?provenance=demo").json()["count"] == 0
    assert client.get("/api/v1/arrangements?provenance=bogus").status_code == 422


def test_worcestershire_regulatory_services_is_public_with_its_six_districts(db, client):
    _load()
    wrs = Arrangement.objects.get(name="Worcestershire Regulatory Services")
    assert {p.council_id for p in wrs.partners.all()} == WRS_DISTRICTS
    page = client.get(wrs.get_absolute_url()).content.decode()
    for name in ("Bromsgrove", "Malvern Hills", "Redditch", "Worcester", "Wychavon", "Wyre Forest"):
        assert name in page
    source = wrs.sources.get()
    assert source.url in page.replace("&amp;", "&")
    assert "checked" in page


def test_a_corrected_row_updates_its_record_and_a_removed_row_goes(db, tmp_path):
    rows = _rows()[:3]
    _load("--file", str(_write(tmp_path, rows)))
    rows[0]["description"] = "Corrected description."
    path = _write(tmp_path, rows[:2])
    assert "0 created, 1 updated, 1 unchanged, 1 removed" in _load("--file", str(path))
    assert Arrangement.objects.get(curated_ref=rows[0]["ref"]).description == (
        "Corrected description."
    )
    assert not Arrangement.objects.filter(curated_ref=rows[2]["ref"]).exists()


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"source_url": "javascript:alert(1)"}, "source_url", ""),
        ({"source_url": ""}, "source_url", "address of its source"),
        ({"checked_on": ""}, "checked_on", "date the source was checked"),
        ({"service_areas": "astrology"}, "service_areas", "Unknown service area"),
        ({"delivery_model": "guesswork"}, "delivery_model", "Unknown delivery model"),
        ({"councils": "E99999999"}, "councils", "Unknown council code"),
        # Cumberland (2023) cannot be a partner of a row that started in 2010.
        ({"councils": "E06000063;E07000121", "start_year": "2010"}, "councils", "did not exist"),
        ({"savings_gbp": "100000", "savings_years": "", "savings_basis": "achieved"},
         "savings_years", "years the saving covers"),
        ({"savings_gbp": "100000", "savings_years": "1", "savings_basis": "hoped"},
         "savings_basis", "expected or achieved"),
    ],
)  # fmt: skip
def test_the_check_names_each_bad_row(db, tmp_path, change, column, message):
    row = {**_rows()[0], "lead_council": "", **change}
    result = check_curated(_write(tmp_path, [row]))
    errors = [e for e in result.errors if e.column == column]
    assert errors and all(e.line == 2 for e in errors)
    assert message in str(errors[0])
    with pytest.raises(CommandError):
        _load("--check", "--file", str(_write(tmp_path, [row])))


def test_a_recoded_council_without_its_old_code_stands_for_itself(db, tmp_path):
    # Belfast's code since 2015; the council data holds no older one.
    row = {
        **_rows()[0],
        "councils": "N09000003;N09000011",
        "lead_council": "",
        "start_year": "2010",
    }
    assert check_curated(_write(tmp_path, [row])).errors == []
    # Barnsley's 2025 code replaced one the data holds: a 2010 row must use the old one.
    row = {**row, "councils": "E08000038;E08000019"}
    assert "did not exist in 2010" in str(check_curated(_write(tmp_path, [row])).errors)


def test_duplicates_are_refused_by_the_registers_rule(db, tmp_path):
    row = _rows()[0]
    twin = {**row, "ref": row["ref"] + "-again", "name": row["name"].upper()}
    result = check_curated(_write(tmp_path, [row, twin]))
    assert [str(e) for e in result.errors] == [
        "line 3, name: Duplicate of line 2 (same name and councils)"
    ]
    again = {**twin, "name": row["name"] + " (again)"}
    result = check_curated(_write(tmp_path, [row, again]))
    assert result.errors == [] and len(result.rows) == 2
    dup_ref = {**again, "ref": row["ref"]}
    assert "Reference already used" in str(check_curated(_write(tmp_path, [row, dup_ref])).errors)


def test_statistics_map_and_suggestions_count_real_records_unless_asked(db, make_arrangement):
    real = make_arrangement("live", "E07000121", "E07000123", areas=("legal",), savings=1000)
    demo = make_arrangement("live", "E07000122", "E07000121", areas=("ict",), savings=5000)
    Arrangement.objects.filter(pk=demo.pk).update(is_demo=True)
    assert national_picture.uncached()["live_arrangements"] == 1
    assert national_picture.uncached(provenance="demo")["annual_savings_gbp"] == 5000
    assert national_picture.uncached(provenance="all")["live_arrangements"] == 2
    assert {c["code"] for c in map_data.uncached()["councils"]} == {"E07000121", "E07000123"}
    # Wyre (E07000128) is Lancaster's neighbour: it is told of Lancaster's legal services,
    # and of the demo ICT only when demo records are asked for.
    from sharedservices.councils.models import Council

    wyre = Council.objects.get(pk="E07000128")
    assert {s.service_area.slug for s in suggestions_for(wyre)} == {"legal"}
    assert {s.service_area.slug for s in suggestions_for(wyre, provenance="all")} == {
        "legal",
        "ict",
    }
    assert real.provenance == "real"


def test_stats_api_and_map_page_default_to_real(db, client, make_arrangement):
    demo = make_arrangement("live", "E07000122", "E07000121", savings=5000)
    Arrangement.objects.filter(pk=demo.pk).update(is_demo=True)
    assert client.get("/api/v1/stats").json()["live_arrangements"] == 0
    assert client.get("/api/v1/stats?provenance=demo").json()["live_arrangements"] == 1
    assert client.get("/api/v1/stats/map").json()["councils"] == []
    assert client.get("/api/v1/stats/map?provenance=all").json()["provenance"] == "all"
    page = client.get("/map/").content.decode()
    assert 'data-provenance="real"' in page
    assert "Real records only" in client.get("/stats/").content.decode()
    assert "Demo records only" in client.get("/stats/?provenance=demo").content.decode()


def test_downloads_carry_provenance_and_source(db, client):
    _load()
    text = client.get("/register/export.csv?provenance=real").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(_rows())
    assert all(r["provenance"] == "real" and r["checked_on"] and r["source_title"] for r in rows)
