"""The demo, built once for a whole test run and shared by every test process.

``manage.py demo`` takes minutes (the register, the appraisals, the governance cases,
the published report's PDF). The suite runs on several pytest-xdist workers, and each
worker used to build the demo for itself. Here the first process that asks builds it
under a file lock in the run's shared temporary folder; the others wait for it and then
take a copy, which costs seconds:

- ``demo_database(tmp_path_factory)``: the demo in a database of its own, built by
  ``manage.py demo`` (a PostgreSQL template database when ``DATABASE_URL`` names
  PostgreSQL, else an SQLite file), and ``demo_database_copy`` makes a private copy of it
  for a server to change (``tests/browser/conftest.py``: ``live_site``);
- ``shared_rows(tmp_path_factory, name, build)``: rows that ``build()`` writes into the
  test database, built once and kept as a fixture file that later modules and workers
  load in a fraction of the time (``tests/reports/conftest.py``).

Both last for one run only: the shared folder is the run's own (pytest's base
temporary folder, the parent of every worker's), so a change to the code or the demo
is built afresh by the next run.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parents[1]


def shared_folder(tmp_path_factory) -> Path:
    """The run's folder that every xdist worker sees (each worker's base temporary
    folder is a child of it); without xdist, the run's own base folder."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def _only_one(lock: Path) -> Iterator[None]:
    """Hold ``lock`` (an advisory file lock): one process at a time past this point."""
    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _postgres(url: str) -> dict | None:
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    config = dj_database_url.parse(url)
    return {
        "host": config["HOST"],
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
        "name": config["NAME"],
    }


def _admin(pg: dict, *statements: str) -> None:
    import psycopg

    connect = {k: v for k, v in pg.items() if k != "name"}
    with psycopg.connect(**connect) as conn:
        for statement in statements:
            conn.execute(statement)


def _environment(database_url: str, data_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SHAREDSERVICES_DATA_DIR": str(data_dir),
        "GEOGRAPHY_CACHE_DIR": os.environ.get(
            "GEOGRAPHY_CACHE_DIR", str(ROOT / "data" / "geography")
        ),
        "DJANGO_DEBUG": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def demo_database(tmp_path_factory) -> dict:
    """The run's demo database, built by ``manage.py demo`` the first time any process
    asks: ``{"database_url", "data_dir", "seconds", "stdout"}``. Not to be changed:
    take a ``demo_database_copy`` of it."""
    folder = shared_folder(tmp_path_factory) / "demo"
    folder.mkdir(exist_ok=True)
    ready = folder / "ready.json"
    with _only_one(folder / "lock"):
        if ready.exists():
            return json.loads(ready.read_text())
        data_dir = folder / "data"
        data_dir.mkdir(exist_ok=True)
        pg = _postgres(os.environ.get("DATABASE_URL", ""))
        if pg:
            name = f"{pg['name']}_demo_template"
            _admin(pg, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
            url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + name
        else:
            url = f"sqlite:///{data_dir / 'demo.sqlite3'}"
        started = time.monotonic()
        demo = subprocess.run(
            [sys.executable, "manage.py", "demo"],
            cwd=ROOT,
            env=_environment(url, data_dir),
            capture_output=True,
            text=True,
            timeout=1200,
        )
        if demo.returncode != 0:
            raise RuntimeError(f"manage.py demo failed:\n{demo.stderr[-3000:]}")
        built = {
            "database_url": url,
            "data_dir": str(data_dir),
            "seconds": round(time.monotonic() - started, 1),
            "stdout": demo.stdout,
        }
        ready.write_text(json.dumps(built))
        return built


def demo_database_copy(template: dict, into: Path) -> dict[str, str]:
    """A private copy of the demo database (and its data folder) under ``into``; the
    environment for a ``manage.py`` process that uses it."""
    data_dir = into / "data"
    shutil.copytree(template["data_dir"], data_dir, ignore=shutil.ignore_patterns("*.sqlite3*"))
    url = template["database_url"]
    pg = _postgres(url)
    if pg:
        name = f"{pg['name'].removesuffix('_demo_template')}_browser_{os.getpid()}"
        _admin(
            pg,
            f'DROP DATABASE IF EXISTS "{name}"',
            f'CREATE DATABASE "{name}" TEMPLATE "{pg["name"]}"',
        )
        copy_url = url.rsplit("/", 1)[0] + "/" + name
    else:
        source = sqlite3.connect(url.removeprefix("sqlite:///"))
        target = sqlite3.connect(data_dir / "demo.sqlite3")
        with target:
            source.backup(target)  # consistent, whatever the source's journal mode
        source.close()
        target.close()
        copy_url = f"sqlite:///{data_dir / 'demo.sqlite3'}"
    return _environment(copy_url, data_dir)


def shared_rows(tmp_path_factory, name: str, build: Callable[[], None]) -> str:
    """Write the rows of ``build()`` into the test database, built once per run.

    The first caller runs ``build()`` (inside the caller's transaction) and keeps every
    row it added as a Django fixture file; every later caller, in any worker, loads that
    file instead (``loaddata``, in seconds). Returns "built" or "loaded"."""
    from django.core.management import call_command

    folder = shared_folder(tmp_path_factory) / "rows"
    folder.mkdir(exist_ok=True)
    dump = folder / f"{name}.json"
    with _only_one(folder / f"{name}.lock"):
        if dump.exists():
            call_command("loaddata", str(dump), verbosity=0)
            return "loaded"
        before = _keys()
        build()
        dump.write_text(_added_since(before))
        return "built"


def _models():
    from django.apps import apps

    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


def _keys() -> dict:
    return {m: set(m._base_manager.values_list("pk", flat=True)) for m in _models()}


def _added_since(before: dict) -> str:
    """Every row added since ``before``, as a fixture: models in dependency order,
    many-to-many links with the rows that hold them."""
    from django.core import serializers

    added = []
    for model in serializers.sort_dependencies([(None, _models())], allow_cycles=True):
        rows = model._base_manager.exclude(pk__in=before.get(model, ())).order_by("pk")
        added.extend(rows)
    return serializers.serialize("json", added)
