"""The README names only addresses that exist: every page path resolves in the URL
configuration, and every API path exists in the OpenAPI schema with the HTTP
methods the README gives it (it once listed ``PUT /api/v1/arrangements/{id}``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve

README = Path(__file__).resolve().parents[2] / "README.md"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
FILESYSTEM = ("/usr/", "/tmp/", "/work/", "/etc/", "/var/", "/dev/")  # noqa: S108 (names, not files)
# `PUT`/`PATCH /api/v1/x` or `GET /api/v1/x` or `/register/`: methods, then the path.
NAMED = re.compile(
    r"((?:`(?:GET|POST|PUT|PATCH|DELETE)`\s*/\s*)*)`(?:(GET|POST|PUT|PATCH|DELETE) )?(/[^`\s]*)`"
)
SAMPLES = {"id": "1", "code": "E07000121", "GSS code": "E07000121"}


def named_paths() -> list[tuple[str, frozenset[str]]]:
    found = []
    for line in README.read_text(encoding="utf-8").splitlines():
        for before, method, path in NAMED.findall(line):
            if path == "/" and not method and not before:
                continue
            if path.startswith(FILESYSTEM) or "*" in path:
                continue
            methods = set(re.findall(r"`(GET|POST|PUT|PATCH|DELETE)`", before))
            if method:
                methods.add(method)
            found.append((path, frozenset(methods)))
    return found


def _concrete(path: str) -> str:
    return re.sub(r"[{<]([^}>]+)[}>]", lambda m: SAMPLES.get(m.group(1), "1"), path)


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path.rstrip("/"))


def test_the_readme_names_addresses():
    paths = {p for p, _ in named_paths()}
    assert {"/register/", "/api/v1/arrangements/{id}", "/register/export.csv"} <= paths


@pytest.mark.django_db
def test_every_path_in_the_readme_exists_with_its_methods():
    from sharedservices.api.main import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    operations = {_shape(p): {m.upper() for m in ops} for p, ops in schema["paths"].items()}
    problems = []
    for path, methods in named_paths():
        path = path.split("[")[0].split("?")[0]  # "[?weight_set=ID]": an optional query
        concrete = _concrete(path)
        if path.startswith("/api/v1/") and path.rstrip("/") not in ("/api/v1", "/api/v1/docs"):
            if path == "/api/v1/openapi.json":
                continue
            shape = _shape(re.sub(r"<[^>]+>", "{}", path))
            if shape not in operations:
                problems.append(f"{path}: no such API path")
            elif missing := methods - operations[shape]:
                problems.append(f"{path}: no {', '.join(sorted(missing))}")
            continue
        try:
            resolve(concrete.split("?")[0])
        except Resolver404:
            # "`POST /api/v1/appraise`, `/coalitions` and `/share`": an API path
            # written relative to /api/v1 in the same sentence.
            if _shape("/api/v1" + path) not in operations:
                problems.append(f"{path}: no such page")
    assert problems == [], problems
