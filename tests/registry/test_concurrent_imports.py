"""Two imports of the same 300-row file at the same moment add 300 arrangements, not 600:
the duplicate check and the write are one transaction, under a lock on the partner
councils' rows (issue 12, item 5).

Needs PostgreSQL (SQLite serialises whole-database writes, so there is no race to
test); CI runs it. The test commits for real; serialized_rollback gives the next test
its councils back.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from sharedservices.registry.importing import import_arrangements
from sharedservices.registry.models import Arrangement, ArrangementChange
from tests.known import LANCASTER, PRESTON

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (CI runs it)"
)

ROWS = 300
FILE = "name,councils,status,delivery_model\n" + "".join(
    f"Shared service {n},{LANCASTER};{PRESTON},live,lead-authority\n" for n in range(ROWS)
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_imports_of_one_file_at_once_add_its_rows_once():
    start = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            start.wait(timeout=10)
            results.append(import_arrangements(FILE.encode(), fmt="csv"))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert Arrangement.objects.count() == ROWS
    assert ArrangementChange.objects.count() == ROWS
    assert sorted(r.created for r in results) == [0, ROWS]
    refused = next(r for r in results if not r.created)
    assert len(refused.errors) == ROWS
    assert {e.message for e in refused.errors} == {
        "Already in the register (same name and councils)"
    }
