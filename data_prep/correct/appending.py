"""Append an entry to (or take one back from) the user's corrections file, keeping it as they wrote it.

A round-trip YAML library keeps the user's comments, order and layout; the change is written to a
temporary file and renamed over the original (a reader or a crash sees the old or the new file, never
half of one), under an exclusive lock on a lock file beside it (the rename changes the file's inode, so
the file itself cannot carry the lock). The build only ever reads this file.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from data_prep.correct.entries import CorrectionsFileError

NEW_FILE_HEADER = (
    "# Corrections to the meetings table, applied by every build (python -m data_prep build --corrections).\n"
    "# One entry per action: reject, merge, add, or an edit (id with set / add_… / remove_…).\n"
)


def append_correction(path: Path, entry: Mapping[str, Any]) -> int:
    """Append one entry to the file (creating it when missing); return its index."""
    with _locked(path):
        entries = _load(path)
        entries.append(_styled(_plain(entry), top=True))
        _dump(path, entries)
        return len(entries) - 1


def remove_correction(path: Path, entry: Mapping[str, Any]) -> int | None:
    """Remove the last entry equal to this one; return the index it had, or None when it is gone."""
    wanted = _canonical(entry)
    with _locked(path):
        entries = _load(path)
        for index in range(len(entries) - 1, -1, -1):
            if _canonical(entries[index]) == wanted:
                del entries[index]
                _dump(path, entries)
                return index
    return None


def _yaml(text: str = "") -> YAML:
    """A round-trip YAML (comments, key order and quoting survive) with the file's own indentation."""
    yaml = YAML()
    mapping, offset = 2, 0
    if text.strip():
        _, guessed, dash = load_yaml_guess_indent(text)
        mapping, offset = guessed or 2, dash or 0
    yaml.indent(mapping=mapping, sequence=mapping + offset, offset=offset)
    yaml.width = 110
    return yaml


def _load(path: Path) -> CommentedSeq:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as error:
        raise CorrectionsFileError(str(path), f"cannot read: {error}") from error
    try:
        data = _yaml(text).load(text) if text.strip() else None
    except YAMLError as error:
        raise CorrectionsFileError(str(path), f"not valid YAML, left as it is: {error}") from error
    if data is None:
        return CommentedSeq()
    if not isinstance(data, CommentedSeq):
        raise CorrectionsFileError(str(path), "is not a list of entries, left as it is")
    return data


def _dump(path: Path, entries: CommentedSeq) -> None:
    buffer = io.StringIO()
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if not text.strip():
        buffer.write(NEW_FILE_HEADER)
    elif not _has_entries(text) or not entries:
        # Comments only (or the last entry taken back): keep the comment lines as they are.
        kept = [line for line in text.splitlines() if not line.strip() or line.lstrip().startswith("#")]
        buffer.write("\n".join(kept).rstrip("\n") + "\n")
    if entries:
        _yaml(text).dump(entries, buffer)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(buffer.getvalue())
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _has_entries(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines())


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on PATH's lock file while reading, changing and replacing PATH."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / f".{path.name}.lock", "wb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _plain(value: Any) -> Any:
    """Drop empty values, keep dates as dates (YAML writes them bare: 2024-03-05)."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items() if v not in (None, "", [], {})}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _styled(value: Any, *, top: bool = False) -> Any:
    """An entry written as in the README: block style, with short lists and mappings of scalars inline."""
    if isinstance(value, Mapping):
        styled: Any = CommentedMap((k, _styled(v)) for k, v in value.items())
    elif isinstance(value, list):
        styled = CommentedSeq(_styled(v) for v in value)
    else:
        return value
    leaves = all(
        not isinstance(v, Mapping | list) for v in (value.values() if isinstance(value, Mapping) else value)
    )
    if leaves and not top:
        styled.fa.set_flow_style()
    else:
        styled.fa.set_block_style()
    return styled


def _canonical(value: Any) -> str:
    return json.dumps(_plain(value), sort_keys=True, default=_iso, ensure_ascii=False)


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)
