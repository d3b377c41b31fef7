"""The layers contract (``.importlinter``): a new feature app lands in the middle layer
without being listed, and an import pointing up breaks the contract."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from tests.layers_contract import AppLayersContract

ROOT = Path(__file__).resolve().parents[2]


def _graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    graph.add_module("pkg")
    for name in ("api", "registry", "newapp", "councils", "base"):
        graph.add_module(f"pkg.{name}")
        graph.add_module(f"pkg.{name}.models")
    for importer, imported in imports:
        graph.add_import(importer=f"pkg.{importer}", imported=f"pkg.{imported}")
    return graph


def _check(graph):
    contract = AppLayersContract(
        name="layers",
        session_options={"root_packages": ["pkg"]},
        contract_options={"containers": ["pkg"], "layers": ["api", "*", "councils", "base"]},
    )
    return contract.check(graph, verbose=False)


def test_feature_apps_may_import_down_and_sideways():
    graph = _graph(
        ("api.models", "newapp.models"),
        ("newapp.models", "registry.models"),
        ("registry.models", "newapp.models"),
        ("newapp.models", "councils.models"),
        ("councils.models", "base.models"),
    )
    assert _check(graph).kept


@pytest.mark.parametrize(
    "importer,imported",
    [("councils.models", "newapp.models"), ("newapp.models", "api.models")],
)
def test_an_unlisted_app_is_held_in_the_middle(importer, imported):
    assert not _check(_graph((importer, imported))).kept


def test_the_project_keeps_its_contracts():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:]


def _project_contract(name: str) -> dict[str, list[str]]:
    """One contract's options as ``.importlinter`` writes them (lists one a line)."""
    import configparser

    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    section = config[f"importlinter:contract:{name}"]
    return {key: section[key].split() for key in section if key not in ("name", "type")}


def test_only_governance_imports_governances_audit_writer():
    from importlinter.contracts.protected import ProtectedContract

    def check(importer: str) -> bool:
        graph = grimp.ImportGraph()
        for module in ("sharedservices", "sharedservices.governance", importer):
            graph.add_module(module)
        graph.add_module("sharedservices.governance.audit")
        graph.add_import(importer=importer, imported="sharedservices.governance.audit")
        contract = ProtectedContract(
            name="audit-door",
            session_options={"root_packages": ["sharedservices"]},
            contract_options=_project_contract("audit-door"),
        )
        return contract.check(graph, verbose=False).kept

    assert check("sharedservices.governance.services")
    assert not check("sharedservices.benefits.services")
    assert not check("sharedservices.reports.services")
