"""Files a review sent to the register's import that gave a 500 or a traceback (deep
JSON, a 5,001-digit number) or imported what nobody meant (a CSV whose quote is never
closed): each is now a named import error, on the page and from the command, and
nothing is written (issue 27, items 4 and 7)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from sharedservices.accounts.roles import Role
from sharedservices.registry.models import Arrangement
from tests.known import LANCASTER, PRESTON
from tests.registry.test_import_export import HEADER

pytestmark = pytest.mark.django_db

ROW = f"Revenues and benefits,revenues-benefits,{LANCASTER};{PRESTON},,,,exploring,,2009,,,,"
HOSTILE = {
    "nested 5,000 deep": ("[" * 5000 + "]" * 5000, "nested too deeply"),
    "nested 100,000 deep": ('{"a":' * 100_000 + "1" + "}" * 100_000, "nested too deeply"),
    "a 5,001-digit number": (
        '[{"name": "x", "annual_savings_gbp": ' + "9" * 5001 + "}]",
        "number too long",
    ),
    "an object for a cell": ('[{"name": {"a": 1}}]', "not an object"),
    "an unclosed quote": (f'{HEADER}\n{ROW}\n"Shared legal,legal,{LANCASTER},,,,live\n', "Line 3"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_command_names_the_problem_without_a_traceback(tmp_path, name):
    text, said = HOSTILE[name]
    path = tmp_path / ("a.csv" if text.startswith("name") else "a.json")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("import_arrangements", str(path))
    assert not Arrangement.objects.exists()
    assert "nothing was imported" in str(raised.value)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_upload_page_names_the_problem(client, make_user, name):
    text, said = HOSTILE[name]
    client.force_login(make_user(LANCASTER, Role.OFFICER))
    filename = "a.csv" if text.startswith("name") else "a.json"
    response = client.post(
        "/register/import/", {"file": SimpleUploadedFile(filename, text.encode(), "text/plain")}
    )
    assert response.status_code == 200
    assert said in response.content.decode()
    assert not Arrangement.objects.exists()


def test_an_unclosed_quote_names_its_line(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text(HOSTILE["an unclosed quote"][0], encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_arrangements", str(path))
    said = capsys.readouterr().err
    assert "Line 3" in said and "never closed" in said
