"""The architecture stays as designed: a pure core, one entry point, Qt6-ready imports."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "isrp_plugin"
FORBIDDEN_IN_CORE = ("qgis", "PyQt5", "PyQt6", "sip", "processing")


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module, node.lineno


def test_core_imports_no_qgis_or_qt():
    offenders = []
    for path in sorted((PKG / "core").rglob("*.py")):
        for module, line in _imports(path):
            if module.split(".")[0] in FORBIDDEN_IN_CORE:
                offenders.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert offenders == []


def test_core_relative_imports_stay_in_core():
    """core/ may import its siblings, never the QGIS shell (..qgis_io, ..gui, ..processing)."""
    offenders = []
    for path in sorted((PKG / "core").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level >= 2:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} from {'.' * node.level}{node.module}")
    assert offenders == []


def test_qt_only_through_qgis_pyqt():
    offenders = []
    for path in sorted(PKG.rglob("*.py")):
        for module, line in _imports(path):
            if module.split(".")[0] in ("PyQt5", "PyQt6", "PySide2", "PySide6"):
                offenders.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert offenders == []


def test_no_qt5_only_calls():
    offenders = []
    for path in sorted(PKG.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for token in ("exec_(", "QRegExp", "processing.algs"):
            if token in text:
                offenders.append(f"{path.relative_to(ROOT)} uses {token}")
    assert offenders == []


def test_init_holds_only_class_factory():
    tree = ast.parse((PKG / "__init__.py").read_text(encoding="utf-8"))
    top_level = [n for n in tree.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    assert [type(n).__name__ for n in top_level] == ["FunctionDef"]
    assert top_level[0].name == "classFactory"
