"""Backup and restore of the whole database, with a manifest that proves the restore.

A backup is one gzip'd tar file holding ``manifest.json`` and the database itself:
a ``pg_dump`` custom-format archive on PostgreSQL, or a copy made with SQLite's
online backup API. Both are taken while the service runs. The manifest (row count
and checksum per table, :mod:`.manifest`) is computed inside the same snapshot as
the dump, so a write landing during the backup cannot make them disagree; restore
checks the file's own checksum before touching anything, and the manifest after.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.db import connections, transaction
from django.utils import timezone

from sharedservices.operations import manifest

FORMAT = "sharedservices-backup/1"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go ahead, or did not come back whole."""


@dataclass(frozen=True)
class Result:
    path: Path
    tables: int
    rows: int


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"backups support PostgreSQL and SQLite, not {vendor}")
    return vendor


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# --- PostgreSQL: pg_dump / pg_restore --------------------------------------------


def _pg_args(alias: str) -> tuple[list[str], dict]:
    """Connection arguments for the client tools; the password goes in the environment."""
    db = connections[alias].settings_dict
    args = ["--dbname", db["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    if (db.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(os.environ.get(f"{name.upper()}_PATH", name))
    if not found:
        raise BackupError(f"{name} is not installed (Debian package postgresql-client)")
    return found


def _pg_manifest(alias: str) -> dict[str, dict]:
    connection = connections[alias]
    introspection = connection.introspection
    with connection.cursor() as cursor:

        def order(table):
            return introspection.get_primary_key_columns(cursor, table) or [
                c.name for c in introspection.get_table_description(cursor, table)
            ]

        return manifest.compute(
            cursor, introspection.table_names(cursor), order, connection.ops.quote_name
        )


def _pg_backup(alias: str, payload: Path) -> dict[str, dict]:
    args, env = _pg_args(alias)
    connection = connections[alias]
    with transaction.atomic(using=alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        # pg_dump reads the very snapshot this transaction holds open while we count.
        dump = subprocess.Popen(  # noqa: S603 (fixed tool, our own arguments)
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
             f"--snapshot={snapshot}", "--file", str(payload), *args],
            env=env, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            tables = _pg_manifest(alias)
        finally:
            _, stderr = dump.communicate()
    if dump.returncode != 0:
        raise BackupError(f"pg_dump failed: {stderr.strip()}")
    return tables


def _pg_restore(alias: str, payload: Path) -> None:
    args, env = _pg_args(alias)
    connections[alias].close()
    done = subprocess.run(  # noqa: S603
        [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", *args, str(payload)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")


# --- SQLite: the online backup API ---------------------------------------------------


def _quote_sqlite(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_manifest(path: Path | str) -> dict[str, dict]:
    """Read with a plain sqlite3 connection (no type converters), the same way each time."""
    with sqlite3.connect(path) as conn:
        cursor = conn.cursor()
        tables = [
            row[0]
            for row in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
        ]

        def order(table):
            info = cursor.execute(f"PRAGMA table_info({_quote_sqlite(table)})").fetchall()
            keys = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
            return keys or [row[1] for row in info]

        return manifest.compute(cursor, tables, order, _quote_sqlite)


def _sqlite_path(alias: str) -> str:
    name = str(connections[alias].settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return name


def _sqlite_backup(alias: str, payload: Path) -> dict[str, dict]:
    with sqlite3.connect(_sqlite_path(alias), timeout=30) as live, sqlite3.connect(payload) as copy:
        live.backup(copy)
    return _sqlite_manifest(payload)


def _sqlite_restore(alias: str, payload: Path, expected: dict[str, dict]) -> None:
    problems = manifest.differences(expected, _sqlite_manifest(payload))
    if problems:
        raise BackupError(
            "the backup's database does not match its manifest: " + "; ".join(problems)
        )
    connections[alias].close()
    with sqlite3.connect(payload) as copy, sqlite3.connect(_sqlite_path(alias), timeout=30) as live:
        copy.backup(live)


# --- the two operations ----------------------------------------------------------------


def backup(output: Path, *, alias: str = "default") -> Result:
    engine = _engine(alias)
    output = Path(output)
    with tempfile.TemporaryDirectory() as scratch:
        payload = Path(scratch) / (
            "database.pgdump" if engine == "postgresql" else "database.sqlite3"
        )
        tables = (
            _pg_backup(alias, payload) if engine == "postgresql" else _sqlite_backup(alias, payload)
        )
        document = {
            "format": FORMAT,
            "engine": engine,
            "created_at": timezone.now().isoformat(),
            "payload": {"name": payload.name, "sha256": _sha256(payload)},
            "tables": tables,
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            body = json.dumps(document, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(body))
            tar.add(payload, arcname=payload.name)
        partial.replace(output)  # never leave a half-written file under the real name
    return Result(output, len(tables), sum(t["rows"] for t in tables.values()))


def read_manifest(path: Path) -> dict:
    try:
        with tarfile.open(path, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            document = json.load(member)
    except (OSError, EOFError, KeyError, tarfile.TarError, zlib.error, ValueError) as error:
        raise BackupError(f"{path} is not a Shared Services Hub backup ({error})") from error
    if document.get("format") != FORMAT:
        raise BackupError(f"{path} has format {document.get('format')!r}, not {FORMAT}")
    return document


def current_manifest(*, alias: str = "default") -> dict[str, dict]:
    engine = _engine(alias)
    return _pg_manifest(alias) if engine == "postgresql" else _sqlite_manifest(_sqlite_path(alias))


def restore(path: Path, *, alias: str = "default") -> Result:
    """Replace the database with the backup's, then prove every table came back."""
    document = read_manifest(Path(path))
    engine = _engine(alias)
    if document["engine"] != engine:
        raise BackupError(f"this is a {document['engine']} backup; the database is {engine}")
    name = document["payload"]["name"]
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(path, "r:gz") as tar:
        payload = Path(scratch) / "payload"
        try:
            with tar.extractfile(name) as source, payload.open("wb") as target:
                shutil.copyfileobj(source, target)
        except (EOFError, KeyError, tarfile.TarError, zlib.error) as error:
            # A copy cut short (a full disk, an interrupted transfer): one line, not a
            # traceback, and nothing changed.
            raise BackupError(
                f"{path} is damaged or incomplete (it ends early): nothing was restored"
            ) from error
        if _sha256(payload) != document["payload"]["sha256"]:
            raise BackupError(f"{path} is damaged: its database does not match its checksum")
        if engine == "postgresql":
            _pg_restore(alias, payload)
        else:
            _sqlite_restore(alias, payload, document["tables"])
    problems = manifest.differences(document["tables"], current_manifest(alias=alias))
    if problems:
        raise BackupError(
            "restored, but the database differs from the backup: " + "; ".join(problems)
        )
    tables = document["tables"]
    return Result(Path(path), len(tables), sum(t["rows"] for t in tables.values()))
