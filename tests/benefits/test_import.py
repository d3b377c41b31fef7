"""``import_actuals``: all or nothing, every bad row named by line, column and reason."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from sharedservices.benefits.importing import import_actuals
from sharedservices.benefits.models import Actual, ActualRevision
from tests.known import LANCASTER, PRESTON


def _csv(world, *rows, header="arrangement,indicator,council,period,value,note"):
    a = world["arrangement"].pk
    return (header + "\n" + "\n".join(r.format(a=a) for r in rows) + "\n").encode()


def test_good_file_writes_every_row_and_corrects(world, tmp_path):
    good = _csv(
        world,
        "{a},Average days to process new claims,Preston,2026-Q3,12,late staff",
        f"{{a}},average days to process new claims,{LANCASTER},2026-q3,9,",
        '{a},Net cost of the service,Preston,2026-Q3,"81,000",',
    )
    path = tmp_path / "good.csv"
    path.write_bytes(good)
    call_command("import_actuals", str(path), "--dry-run")
    assert not Actual.objects.exists()
    call_command("import_actuals", str(path))
    assert Actual.objects.count() == 3
    # The same file with one figure changed: a correction, history kept.
    path.write_bytes(good.replace(b",12,late", b",11,late"))
    call_command("import_actuals", str(path))
    assert Actual.objects.count() == 3 and ActualRevision.objects.count() == 1


def test_bad_file_names_every_bad_row_and_writes_nothing(world, tmp_path):
    bad = _csv(
        world,
        "{a},Average days to process new claims,Preston,2026-Q3,12,",  # line 2: good
        "{a},No such indicator,Preston,2026-Q3,12,",  # 3
        "{a},Average days to process new claims,Nowhere,2026-Q3,12,",  # 4
        "{a},Average days to process new claims,Preston,2026-03,12,",  # 5 monthly
        "{a},Average days to process new claims,Preston,2026-Q4,lots,",  # 6
        "x,Average days to process new claims,Preston,2026-Q4,1,",  # 7
        "{a},Average days to process new claims,Preston,2026-Q3,13,",  # 8 duplicate of 2
        "{a},Average days to process new claims,Wyre,2026-Q3,13,",  # 9 not a partner
    )
    result = import_actuals(bad)
    assert not result.ok and not Actual.objects.exists()
    named = {(e.line, e.column) for e in result.errors}
    assert named == {
        (3, "indicator"),
        (4, "council"),
        (5, "period"),
        (6, "value"),
        (7, "arrangement"),
        (8, "period"),
        (9, "council"),
    }
    path = tmp_path / "bad.csv"
    path.write_bytes(bad)
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_actuals", str(path))
    assert not Actual.objects.exists()


def test_financial_year_quarters_either_side_of_the_year_end(client, world):
    # 2025/26 Q4 (January to March 2026) and 2026/27 Q1 (April to June 2026), the first
    # in the calendar form, which is the same quarter; each lands in its own year.
    rows = _csv(
        world,
        "{a},Average days to process new claims,Preston,2026-Q1,12,",
        "{a},Average days to process new claims,Preston,2026/27 Q1,9,",
    )
    result = import_actuals(rows)
    assert result.ok, result.errors
    row = '<th scope="row" class="govuk-table__header">{}</th>'
    q4, q1 = (
        row.format("2025/26 Q4, January to March 2026"),
        row.format("2026/27 Q1, April to June 2026"),
    )
    page = client.get(f"/register/{world['arrangement'].pk}/benefits/?year=2025").content.decode()
    assert q4 in page and q1 not in page
    page = client.get(f"/register/{world['arrangement'].pk}/benefits/?year=2026").content.decode()
    assert q1 in page and q4 not in page
    exported = client.get(f"/register/{world['arrangement'].pk}/benefits/export.csv")
    assert "2025/26 Q4" in exported.content.decode()
    # The same quarter in both forms in one file is one figure twice: refused.
    twice = _csv(
        world,
        "{a},Average days to process new claims,Lancaster,2026-Q1,12,",
        "{a},Average days to process new claims,Lancaster,2025/26 Q4,9,",
    )
    assert [(e.line, e.column) for e in import_actuals(twice).errors] == [(3, "period")]


def test_file_level_problems(world):
    assert "column is missing" in str(import_actuals(b"arrangement,indicator\n1,x\n").errors[0])
    assert "no figures" in str(import_actuals(b"").errors[0]).lower()
    assert "UTF-8" in str(import_actuals(b"\xff\xfe\x00bad").errors[0])


def test_uploads_respect_who_may_enter(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    row = "{a},Average days to process new claims,Lancaster,2026-Q3,9,"
    client.force_login(world["preston"])  # Preston enters Preston's, not Lancaster's
    response = client.post(
        f"/register/{world['arrangement'].pk}/benefits/upload/",
        {"file": SimpleUploadedFile("a.csv", _csv(world, row), "text/csv")},
    )
    assert "cannot enter figures for that council" in response.content.decode()
    assert not Actual.objects.exists()
    row = "{a},Average days to process new claims,Preston,2026-Q3,9,"
    response = client.post(
        f"/register/{world['arrangement'].pk}/benefits/upload/",
        {"file": SimpleUploadedFile("a.csv", _csv(world, row), "text/csv")},
    )
    assert response.status_code == 302 and Actual.objects.get().council_id == PRESTON
    client.force_login(world["wyre"])
    response = client.post(
        f"/register/{world['arrangement'].pk}/benefits/upload/",
        {"file": SimpleUploadedFile("a.csv", _csv(world, row), "text/csv")},
    )
    assert response.status_code == 403
