"""The layout shows the pipeline: each stage imports only the records, the vocabularies and earlier stages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "data_prep"
# The stages in the order an article goes through them.
STAGES = ("read", "screen", "text", "annotate", "extract", "merge", "correct", "output")
# What every stage may use: the records the stages exchange, the errors and the vocabularies.
SHARED = ("model", "errors", "vocab")
# The orchestrators on top, which may use everything.
TOP = ("build", "cache", "__main__", "cli", "engines", "explain")


def _imports(path: Path) -> set[str]:
    """The data_prep modules a file imports, as dotted names below data_prep."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "data_prep":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("data_prep."):
                found.add(node.module.removeprefix("data_prep."))
        elif isinstance(node, ast.Import):
            found.update(
                a.name.removeprefix("data_prep.") for a in node.names if a.name.startswith("data_prep.")
            )
    return found


def _unit(path: Path) -> str:
    """The stage or top-level module a file belongs to."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_follow_the_pipeline(path: Path) -> None:
    unit = _unit(path)
    if unit in TOP:
        return
    allowed = set(SHARED)
    if unit in STAGES:
        allowed |= set(STAGES[: STAGES.index(unit) + 1])
    wrong = sorted(name for name in _imports(path) if name.split(".")[0] not in allowed)
    assert not wrong, f"{path.relative_to(PACKAGE)} imports against the flow: {wrong}"


def test_every_module_sits_in_a_stage_or_on_top() -> None:
    units = {_unit(p) for p in _modules()} - {"__init__"}
    assert units <= set(STAGES) | set(SHARED) | set(TOP)


def test_shared_records_import_no_stage() -> None:
    for name in SHARED:
        for path in [PACKAGE / f"{name}.py", *sorted((PACKAGE / name).glob("*.py"))]:
            if path.exists():
                wrong = sorted(n for n in _imports(path) if n.split(".")[0] not in SHARED)
                assert not wrong, f"{path.relative_to(PACKAGE)} imports a stage: {wrong}"
