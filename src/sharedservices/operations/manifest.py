"""What a backup promises: every table's row count and a checksum of its rows.

The manifest is computed when the backup is taken (inside the same snapshot as the
dump) and again after a restore; equal manifests mean every row came back. Rows
are read in primary-key order and each one hashed as canonical JSON, so the
checksum depends on the data only, never on the physical order on disk.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable

BATCH = 2000


def _plain(value):
    """JSON for the values a database driver hands back (bytes as hex, times as ISO)."""
    if isinstance(value, bytes | bytearray | memoryview):
        return {"bytes": bytes(value).hex()}
    if isinstance(value, datetime.date | datetime.time | decimal.Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"cannot checksum a {type(value).__name__}")


def table_digest(rows: Iterable[tuple]) -> dict:
    digest = hashlib.sha256()
    count = 0
    for row in rows:
        digest.update(json.dumps(list(row), default=_plain, sort_keys=True).encode())
        digest.update(b"\n")
        count += 1
    return {"rows": count, "sha256": digest.hexdigest()}


def _fetch_all(cursor, sql: str):
    cursor.execute(sql)
    while batch := cursor.fetchmany(BATCH):
        yield from batch


def compute(
    cursor, tables: Iterable[str], order_columns: Callable[[str], list[str]], quote
) -> dict[str, dict]:
    """``{table: {"rows": n, "sha256": hex}}`` for every table, read through ``cursor``."""
    manifest = {}
    for table in sorted(tables):
        order = ", ".join(quote(c) for c in order_columns(table))
        sql = f"SELECT * FROM {quote(table)}" + (f" ORDER BY {order}" if order else "")  # noqa: S608 (names come from the catalogue)
        manifest[table] = table_digest(_fetch_all(cursor, sql))
    return manifest


def differences(expected: dict[str, dict], actual: dict[str, dict]) -> list[str]:
    """Human sentences naming every table whose rows differ; empty when equal."""
    problems = []
    for table in sorted(set(expected) | set(actual)):
        want, got = expected.get(table), actual.get(table)
        if want is None:
            problems.append(f"{table}: in the database but not in the backup")
        elif got is None:
            problems.append(f"{table}: in the backup but missing from the database")
        elif want != got:
            problems.append(
                f"{table}: {got['rows']} rows, checksum {got['sha256'][:12]}; the backup has "
                f"{want['rows']} rows, checksum {want['sha256'][:12]}"
            )
    return problems
