"""Files: walk an articles folder for candidate article files, noting each file passed over and why.

The walk goes by names and directory entries alone: a file it lists may still be unreadable, which
is found, and reported, where it is read (inputs.read_file, inputs.unreadable_reason).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Files that are plainly not articles, by extension, with the kind named in the skip reason.
_NOT_ARTICLE_KINDS = {
    "image": "jpg jpeg png gif webp svg bmp tif tiff ico heic avif",
    "PDF": "pdf",
    "archive": "zip gz tgz tar bz2 xz 7z rar zst",
    "office document": "doc docx xls xlsx ppt pptx odt ods epub",
    "audio or video": "mp3 mp4 m4a mov avi mkv wav ogg webm flac",
    "site or data file": "css js mjs json yml yaml xml csv tsv py rb lock map toml ini sqlite db parquet",
    "font": "woff woff2 ttf otf eot",
}
_EXTENSION_KIND = {ext: kind for kind, exts in _NOT_ARTICLE_KINDS.items() for ext in exts.split()}
_NOT_ARTICLE_NAMES = re.compile(
    r"(readme|license|licence|copying|changelog|contributing|authors|notice|gemfile|makefile"
    r"|cname|robots)(\..*)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Skip:
    """A file under the articles folder that is not read, and why."""

    path: str
    reason: str


def find_article_files(root: Path) -> tuple[list[Path], list[Skip]]:
    """List candidate article files under root in sorted order, and the files passed over."""
    files: list[Path] = []
    skips: list[Skip] = []
    for found in iter_article_files(root):
        if isinstance(found, Skip):
            skips.append(found)
        else:
            files.append(Path(found))
    return files, skips


def iter_article_files(root: Path) -> Iterator[str | Skip]:
    """Yield the paths of the candidate article files under root in sorted order, and the skipped files."""
    return _walk(root, root, {root.resolve()})


def _walk(folder: Path, root: Path, seen: set[Path]) -> Iterator[str | Skip]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as err:
        yield Skip(relative_path(folder, root), f"unreadable folder: {err.strerror}")
        return
    for entry in entries:  # a Path only where one is needed: most entries are plain files
        if not _is_utf8(entry.name):  # its path could not be written to the UTF-8 outputs
            yield Skip(
                _printable(relative_path(Path(entry.path), root)), "name is not UTF-8 (rename it to read it)"
            )
            continue
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
            target = Path(entry.path).resolve(strict=True) if entry.is_symlink() else None
        except (OSError, RuntimeError):
            yield Skip(relative_path(Path(entry.path), root), "broken or looping symlink")
            continue
        if entry.name.startswith("."):
            if not is_dir:
                yield Skip(relative_path(Path(entry.path), root), "hidden file")
        elif is_dir:
            path = Path(entry.path)
            resolved = target or path.resolve()
            if resolved in seen:
                yield Skip(relative_path(path, root), "symlink to a folder already read (loop)")
            else:
                seen.add(resolved)
                yield from _walk(path, root, seen)
        elif not is_file:  # reading a pipe waits forever; reading /dev/zero never ends
            yield Skip(relative_path(Path(entry.path), root), "not a regular file (a pipe, socket or device)")
        else:
            reason = _skip_reason(entry.name)
            yield entry.path if reason is None else Skip(relative_path(Path(entry.path), root), reason)


def _is_utf8(name: str) -> bool:
    """Whether a file name decoded from bytes was UTF-8 (undecodable bytes come as lone surrogates)."""
    if name.isascii():
        return True
    try:
        name.encode("utf-8")  # a lone surrogate cannot be encoded: one C call instead of a loop per character
    except UnicodeEncodeError:
        return False
    return True


def _printable(rel: str) -> str:
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _skip_reason(name: str) -> str | None:
    """Why a file is plainly not an article, by its name; whether it can be read is found when it is read."""
    dot = name.rfind(".")  # the extension as Path.suffix reads it
    kind = _EXTENSION_KIND.get(name[dot + 1 :].lower()) if 0 < dot < len(name) - 1 else None
    if kind is not None:
        return f"not an article ({kind})"
    if _NOT_ARTICLE_NAMES.fullmatch(name):
        return f"not an article ({name.split('.')[0].upper()} file)"
    return None


def relative_path(path: Path, root: Path) -> str:
    """The path below root with / separators, as outputs and messages name it."""
    text, prefix = str(path), str(root) + os.sep
    if text.startswith(prefix):
        return text[len(prefix) :].replace(os.sep, "/")
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
