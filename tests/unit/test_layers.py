"""Architecture rules: nothing outside sellerdesk/gui imports PySide6; core stays light."""

from __future__ import annotations

import ast
from pathlib import Path

import sellerdesk

PACKAGE = Path(sellerdesk.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_qt_outside_gui() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "gui" not in path.relative_to(PACKAGE).parts
        and any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in _imports(path))
    ]
    assert offenders == []


def test_core_imports_nothing_heavy() -> None:
    heavy = {"PySide6", "sqlalchemy", "httpx", "pandas", "openpyxl", "alembic"}
    for path in (PACKAGE / "core").rglob("*.py"):
        roots = {name.split(".")[0] for name in _imports(path)}
        assert not roots & heavy, f"{path.name} imports {roots & heavy}"
        inner = {n for n in _imports(path) if n.startswith("sellerdesk.")}
        assert all(n.startswith("sellerdesk.core") for n in inner), f"{path.name}: {inner}"


def test_every_module_has_a_docstring() -> None:
    missing = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "versions" not in path.parts and ast.get_docstring(ast.parse(path.read_text())) is None
    ]
    assert missing == []


def test_importers_are_a_provider_layer_without_database_or_services() -> None:
    for path in (PACKAGE / "importers").rglob("*.py"):
        inner = {n for n in _imports(path) if n.startswith("sellerdesk.")}
        allowed = ("sellerdesk.core", "sellerdesk.importers")
        assert all(n.startswith(allowed) for n in inner), f"{path.name}: {inner}"
        roots = {name.split(".")[0] for name in _imports(path)}
        assert not roots & {"sqlalchemy", "PySide6", "httpx"}, f"{path.name}: {roots}"
