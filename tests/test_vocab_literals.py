"""Word lists are vocabulary: no Chinese string constant decides anything from code in data_prep/."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from data_prep.vocab.loader import VocabError
from data_prep.vocab.words import alternation, char_class, chars, read_word_lists, words

PACKAGE = Path(__file__).resolve().parents[1] / "data_prep"
# Han characters, CJK marks and full-width forms.
_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
# Modules whose Chinese literals are still to move into vocab/*.yaml, as their rules are rewritten.
# Empty this list; never add to it.
KNOWN = frozenset(
    {
        "annotate/date_resolution.py",
        "annotate/dates.py",
        "annotate/officials.py",
        "annotate/refevents.py",
        "annotate/sentences.py",
        "extract/anchors.py",
        "extract/cast.py",
    }
)


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the docstring constants of a module and its classes and functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def find_cjk_literals(source: str) -> list[tuple[int, str]]:
    """The (line, text) of each string constant holding a CJK character, docstrings left out."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and _CJK.search(node.value)
    ]


def _modules() -> list[str]:
    return sorted(
        p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts
    )


@pytest.mark.parametrize("module", [m for m in _modules() if m not in KNOWN])
def test_no_chinese_literal_in_code(module: str) -> None:
    found = find_cjk_literals((PACKAGE / module).read_text(encoding="utf-8"))
    assert not found, f"data_prep/{module}: move these words into a vocab/*.yaml list: {found}"


@pytest.mark.parametrize("module", sorted(KNOWN))
def test_known_modules_still_hold_literals(module: str) -> None:
    """A module cleared of Chinese literals leaves KNOWN, so that it stays clear."""
    assert find_cjk_literals((PACKAGE / module).read_text(encoding="utf-8")), f"remove {module} from KNOWN"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('"""会谈 in a docstring."""\n', [], id="module-docstring"),
        pytest.param('def f():\n    """会谈"""\n', [], id="function-docstring"),
        pytest.param("# 会谈 in a comment\nx = 1\n", [], id="comment"),
        pytest.param('WORDS = ("会谈", "talks")\n', [(1, "会谈")], id="tuple"),
        pytest.param('x = f"{y}月"\n', [(1, "月")], id="f-string"),
        pytest.param('MARKS = "，。"\n', [(1, "，。")], id="full-width-marks"),
    ],
)
def test_find_cjk_literals(source: str, expected: list[tuple[int, str]]) -> None:
    assert find_cjk_literals(source) == expected


@pytest.mark.parametrize("name", ["grammar.yaml", "punctuation.yaml"])
def test_each_list_says_what_it_captures(name: str) -> None:
    """Every top-level list of a grammar vocabulary has a comment right above it."""
    lines = (PACKAGE / "vocab" / name).read_text(encoding="utf-8").splitlines()
    bare = [
        line.split(":")[0]
        for before, line in zip(["#"] + lines, lines, strict=False)
        if re.match(r"[a-z_]+:", line) and not before.startswith("#")
    ]
    assert not bare, f"{name}: lists without a comment: {bare}"


def test_word_lists_are_read_and_checked() -> None:
    assert "年" in words("grammar.yaml", "number_units")
    assert chars("grammar.yaml", "units_before_number") == "年月"
    assert set(read_word_lists("grammar.yaml")) >= {"number_units", "common_hanzi"}
    with pytest.raises(VocabError, match="grammar.yaml: no_such_list: no such list"):
        words("grammar.yaml", "no_such_list")


def test_regex_pieces_put_the_longest_word_first() -> None:
    assert alternation(["上", "上上", "本"]) == "上上|上|本"
    assert re.fullmatch(char_class(["-", "]", "，"]), "]")
    assert re.fullmatch(char_class(["年"], negated=True), "月")
