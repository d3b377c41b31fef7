"""``manage.py backup`` and ``restore`` on SQLite, run as the commands they are.

Each test works on its own SQLite file in a scratch data directory (never the
test database), through a subprocess, as an operator would. PostgreSQL's
pg_dump/pg_restore path is proven by the restore drill in ``.ci/run``
(scripts/restore-drill): demo, backup, drop, restore, the same manifest.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        SHAREDSERVICES_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="sharedservices.settings"
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def rows(db: Path) -> dict[str, list]:
    with sqlite3.connect(db) as conn:
        return {
            t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()  # noqa: S608
            for t in ("council", "note", "log")
        }


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Path:
    """A small database and one backup of it, made once for the module."""
    tmp_path = tmp_path_factory.mktemp("original")
    db = tmp_path / "sharedservices.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.executescript(
            """
            CREATE TABLE council (code TEXT PRIMARY KEY, name TEXT, population INTEGER);
            CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT, blob BLOB, amount REAL);
            CREATE TABLE log (at TEXT, message TEXT);  -- no primary key
            """
        )
        conn.executemany(
            "INSERT INTO council VALUES (?, ?, ?)",
            [("E07000121", "Lancaster", 142_000), ("E07000123", "Preston", 147_000)],
        )
        conn.executemany(
            "INSERT INTO note VALUES (?, ?, ?, ?)",
            [(i, f"note {i} – £{i}", bytes([i % 256]) * 3, i / 7) for i in range(1, 2501)],
        )
        conn.executemany(
            "INSERT INTO log VALUES (?, ?)", [("2026-11-29", "b"), ("2026-11-28", "a")]
        )
    made = manage(tmp_path, "backup", "--output", str(tmp_path / "b.backup"))
    assert made.returncode == 0, made.stderr
    assert "Backed up 3 tables, 2,504 rows" in made.stdout
    return tmp_path


@pytest.fixture
def data_dir(original, tmp_path) -> Path:
    for name in ("sharedservices.sqlite3", "b.backup"):
        shutil.copy(original / name, tmp_path / name)
    return tmp_path


def test_backup_then_restore_brings_every_row_back(data_dir):
    db = data_dir / "sharedservices.sqlite3"
    before = rows(db)

    with sqlite3.connect(db) as conn:  # a bad day: rows lost, changed, a stray table
        conn.execute("DELETE FROM note WHERE id > 100")
        conn.execute("UPDATE council SET name = 'Renamed' WHERE code = 'E07000121'")
        conn.execute("CREATE TABLE stray (x)")
    assert rows(db) != before

    restored = manage(data_dir, "restore", str(data_dir / "b.backup"))
    assert restored.returncode == 0, restored.stderr
    assert "every table matches" in restored.stdout
    assert rows(db) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name='stray'").fetchone() == (
            0,
        )


def test_the_manifest_counts_and_checksums_each_table(data_dir):
    with tarfile.open(data_dir / "b.backup") as tar:
        document = json.load(tar.extractfile("manifest.json"))
    assert document["engine"] == "sqlite"
    assert {t: v["rows"] for t, v in document["tables"].items()} == {
        "council": 2,
        "log": 2,
        "note": 2500,
    }
    assert all(len(v["sha256"]) == 64 for v in document["tables"].values())


def rewrite(path: Path, *, manifest=None, payload: bytes | None = None) -> None:
    with tarfile.open(path) as tar:
        document = json.load(tar.extractfile("manifest.json"))
        name = document["payload"]["name"]
        body = tar.extractfile(name).read()
    document = manifest(document) if manifest else document
    body = payload(body) if payload else body
    with tarfile.open(path, "w:gz") as tar:
        for member, data in (("manifest.json", json.dumps(document).encode()), (name, body)):
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_a_damaged_file_is_refused_before_anything_changes(data_dir):
    db = data_dir / "sharedservices.sqlite3"
    backup = data_dir / "b.backup"
    rewrite(backup, payload=lambda body: body[:-200] + b"\0" * 200)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM council")
    after_damage = rows(db)
    refused = manage(data_dir, "restore", str(backup))
    assert refused.returncode == 1
    assert "damaged" in refused.stderr
    assert rows(db) == after_damage


def test_a_manifest_that_disagrees_with_its_database_is_refused(data_dir):
    db = data_dir / "sharedservices.sqlite3"
    backup = data_dir / "b.backup"

    def lie(document):
        document["tables"]["note"]["rows"] = 2499
        return document

    rewrite(backup, manifest=lie)
    before = rows(db)
    refused = manage(data_dir, "restore", str(backup))
    assert refused.returncode == 1
    assert "note: 2500 rows" in refused.stderr
    assert rows(db) == before


def test_a_backup_of_another_engine_or_no_backup_at_all_is_refused(data_dir):
    backup = data_dir / "b.backup"
    rewrite(backup, manifest=lambda d: {**d, "engine": "postgresql"})
    refused = manage(data_dir, "restore", str(backup))
    assert refused.returncode == 1 and "postgresql backup" in refused.stderr

    (data_dir / "notes.txt").write_text("not a backup")
    refused = manage(data_dir, "restore", str(data_dir / "notes.txt"))
    assert refused.returncode == 1 and "not a Shared Services Hub backup" in refused.stderr


def test_a_truncated_backup_is_one_line_not_a_traceback(data_dir):
    """A review cut a backup short and got a 49-line traceback (issue 27, item 7)."""
    db = data_dir / "sharedservices.sqlite3"
    backup = data_dir / "b.backup"
    backup.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    before = rows(db)
    refused = manage(data_dir, "restore", str(backup))
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert "damaged or incomplete" in refused.stderr or "not a Shared Services" in refused.stderr
    assert rows(db) == before
