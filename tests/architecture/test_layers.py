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
    for name in ("api", "newapp", "otherapp", "registry", "councils", "base"):
        graph.add_module(f"pkg.{name}")
        graph.add_module(f"pkg.{name}.models")
    for importer, imported in imports:
        graph.add_import(importer=f"pkg.{importer}", imported=f"pkg.{imported}")
    return graph


def _check(graph):
    contract = AppLayersContract(
        name="layers",
        session_options={"root_packages": ["pkg"]},
        contract_options={
            "containers": ["pkg"],
            "layers": ["api", "*", "registry", "councils", "base"],
        },
    )
    return contract.check(graph, verbose=False)


def test_a_new_app_may_import_the_apps_below_it():
    graph = _graph(
        ("api.models", "newapp.models"),
        ("newapp.models", "registry.models"),
        ("otherapp.models", "registry.models"),
        ("newapp.models", "councils.models"),
        ("councils.models", "base.models"),
    )
    assert _check(graph).kept


@pytest.mark.parametrize(
    "importer,imported",
    [
        ("councils.models", "newapp.models"),
        ("newapp.models", "api.models"),
        ("registry.models", "newapp.models"),
        # Two unnamed apps may not import each other: a loop could hide between them.
        ("newapp.models", "otherapp.models"),
    ],
)
def test_an_unlisted_app_is_held_in_its_layer(importer, imported):
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
    return {
        key: [line.strip() for line in section[key].splitlines() if line.strip()]
        for key in section
        if key not in ("name", "type")
    }


FEATURE_APPS = ("registry", "programme", "jobs", "cases", "governance", "benefits", "reports")


def _project_layers_check(*imports: tuple[str, str]) -> bool:
    graph = grimp.ImportGraph()
    graph.add_module("sharedservices")
    contract_options = _project_contract("layers")
    for layer in contract_options["layers"]:
        for name in layer.replace("|", ":").split(":"):
            if name.strip() != "*":
                graph.add_module(f"sharedservices.{name.strip()}")
    graph.add_module("sharedservices.newapp")
    for importer, imported in imports:
        graph.add_import(
            importer=f"sharedservices.{importer}", imported=f"sharedservices.{imported}"
        )
    contract = AppLayersContract(
        name="layers",
        session_options={"root_packages": ["sharedservices"]},
        contract_options=contract_options,
    )
    return contract.check(graph, verbose=False).kept


def test_the_feature_apps_have_an_order_so_no_loop_passes():
    """The loop registry → benefits → governance → cases → registry passed while the
    feature apps shared one layer. Now each of its imports is checked against the order:
    the one pointing up (registry reading benefits' savings) is refused."""
    loop = [("registry", "benefits"), ("benefits", "governance"), ("governance", "cases")]
    loop.append(("cases", "registry"))
    assert not _project_layers_check(*loop)
    assert _project_layers_check(*loop[1:])
    # Any two feature apps: one may import the other, never both ways.
    for a in FEATURE_APPS:
        for b in FEATURE_APPS:
            if a < b:
                assert not _project_layers_check((a, b), (b, a)), (a, b)
    # A new app may use the feature apps, and they may not use it.
    assert _project_layers_check(("newapp", "reports"), ("newapp", "registry"))
    assert not _project_layers_check(("registry", "newapp"))


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
