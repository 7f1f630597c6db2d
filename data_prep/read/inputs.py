"""Inputs: the folders, archives and globs of a build's command line, and the article files in each.

Archives (.tar.gz, .tgz, .tar, .zip) are streamed member by member, never unpacked to disk. Every
article is named by its input and its path inside it (`corpus-2401.tar.gz:_posts/…`); a build of one
folder names its articles by their path in the folder alone, as it always has. Two inputs of the same
base name are told apart by their order on the command line: the second is `NAME~2`.
"""

from __future__ import annotations

import calendar
import glob
import gzip
import io
import os
import stat
import tarfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Literal

from data_prep.errors import FolderError
from data_prep.model import pickled_by_fields
from data_prep.read.decoding import MAX_BYTES, too_big
from data_prep.read.files import (
    _EXTENSION_KIND,
    _NOT_ARTICLE_NAMES,
    Skip,
    _is_utf8,
    _printable,
    iter_article_files,
)
from data_prep.read.tar_members import TarMembers

InputKind = Literal["folder", "tar", "zip"]
_TAR_SUFFIXES = (".tar.gz", ".tgz", ".tar")
_GLOB_MAGIC = frozenset("*?[")
_CHUNK_BYTES = 1 << 20
_READ_MORE = 1 << 16  # reads after a file's first: small enough to come from the heap, not from mmap


@dataclass(frozen=True, slots=True)
class Input:
    """One folder or archive of the command line, with the label its article names start with."""

    path: Path  # resolved
    kind: InputKind
    label: str  # "" when the build has one folder and nothing else: names are paths in the folder
    index: int  # its place on the command line, after globs are expanded

    def name(self, inner: str) -> str:
        """The article name of the file at `inner` (a path inside this input, with / separators)."""
        return f"{self.label}:{inner}" if self.label else inner


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class InputFile:
    """One candidate article of an input: a folder's file (read where it is processed) or a member's bytes."""

    name: str
    order: tuple[int, str]  # (input index, path inside the input): the order of files in a build
    path: str | Path | None = None  # a folder's file (a string from the walk: cheaper to send to workers)
    raw: bytes | None = None
    size: int = 0  # a member's stamp, or the bytes' own; a folder's file is stamped when it is read
    mtime_ns: int = 0
    share: float = 0.0  # how much of its archive had been read when it was: for the time left

    def read_stamped(self) -> tuple[bytes, int, int]:
        """Return the file's bytes, size and mtime_ns; raise OSError when a folder's file cannot be read.

        A folder's file is stamped where it is read (see read_file): the walk does not stat it.
        """
        if self.raw is not None:
            return self.raw, self.size or len(self.raw), self.mtime_ns
        assert self.path is not None
        return read_file(self.path)


Found = InputFile | Skip


def read_file(path: str | os.PathLike[str]) -> tuple[bytes, int, int]:
    """Read a whole file; return its bytes, and its size and mtime_ns as os.fstat gives them once open.

    The stamp is os.stat's for the file read, taken by the process that reads it. Plain os calls: a
    third less time than open().read(), whose buffered file object asks for the size and more again.
    """
    descriptor = os.open(path, os.O_RDONLY)
    try:
        status = os.fstat(descriptor)
        raw = os.read(descriptor, status.st_size + 1)
        if raw:  # a file may have grown since it was stamped, or be larger than one read returns
            raw = _read_to_end(descriptor, raw)
    finally:
        os.close(descriptor)
    return raw, status.st_size, status.st_mtime_ns


def _read_to_end(descriptor: int, first: bytes) -> bytes:
    """The file's bytes from `first` (its first read) to its end, which a read of no bytes marks."""
    parts = [first]
    while more := os.read(descriptor, _READ_MORE):
        parts.append(more)
    return first if len(parts) == 1 else b"".join(parts)


def unreadable_reason(error: OSError) -> str:
    """Why a file that could not be read is skipped, as the report says it."""
    if isinstance(error, PermissionError):
        return "unreadable: permission denied"
    return f"cannot read: {error.strerror}"


def resolve_inputs(specs: Sequence[str | os.PathLike[str]]) -> list[Input]:
    """Expand globs, check that each input is a folder or a known archive, and label them in order."""
    paths: list[Path] = []
    for spec in specs:
        text = os.fspath(spec)
        if not os.path.lexists(text) and _GLOB_MAGIC & set(text):
            matches = sorted(glob.glob(text))
            if not matches:
                raise FolderError(Path(text), "no file or folder matches")
            paths.extend(Path(match) for match in matches)
        else:
            paths.append(Path(text))
    kinds = [_kind(path) for path in paths]
    lone_folder = len(paths) == 1 and kinds[0] == "folder"
    seen: dict[str, int] = {}
    inputs = []
    for index, (path, kind) in enumerate(zip(paths, kinds, strict=True)):
        base = _printable(path.resolve().name or str(path))
        seen[base] = seen.get(base, 0) + 1
        label = "" if lone_folder else base if seen[base] == 1 else f"{base}~{seen[base]}"
        inputs.append(Input(path.resolve(), kind, label, index))
    return inputs


def _kind(path: Path) -> InputKind:
    if path.is_dir():
        return "folder"
    name = path.name.lower()
    if not path.exists():
        archive = name.endswith((*_TAR_SUFFIXES, ".zip"))
        raise FolderError(path, "archive not found" if archive else "articles folder not found")
    if name.endswith(_TAR_SUFFIXES):
        return "tar"
    if name.endswith(".zip"):
        return "zip"
    raise FolderError(path, "not a folder nor a .tar.gz, .tgz, .tar or .zip archive")


def find_input_files(source: Input) -> Iterator[Found]:
    """Yield the input's candidate article files and the files passed over; an archive is streamed."""
    if source.kind == "folder":
        yield from _find_folder_files(source)
    elif source.kind == "tar":
        yield from _find_tar_members(source)
    else:
        yield from _find_zip_members(source)


def unique_name(item: InputFile | Skip, seen: set[str]) -> InputFile | Skip:
    """Name a member that repeats an earlier member's path (`tar -r` appends one) NAME~2, NAME~3…

    Each is then read and reported as an article of its own (the same text again is a duplicate),
    whatever order the engine returns them in.
    """
    name = item.path if isinstance(item, Skip) else item.name
    unique, count = name, 1
    while unique in seen:
        count += 1
        unique = f"{name}~{count}"
    seen.add(unique)
    if unique == name:
        return item
    return replace(item, path=unique) if isinstance(item, Skip) else replace(item, name=unique)


def _find_folder_files(source: Input) -> Iterator[Found]:
    prefix = str(source.path) + os.sep
    for found in iter_article_files(source.path):
        if isinstance(found, Skip):
            yield Skip(source.name(found.path), found.reason)
        else:
            inner = found[len(prefix) :].replace(os.sep, "/")
            yield InputFile(source.name(inner), (source.index, inner), path=found)


def _find_tar_members(source: Input) -> Iterator[Found]:
    try:
        size = max(1, source.path.stat().st_size)
        with open(source.path, "rb") as handle:
            # read forward only: each member is read once, in the archive's order, and never written to disk
            members = _tar_members(handle, source.path)
            for member in members:
                inner = member.name.removeprefix("./")
                if member.isdir() or _in_hidden_folder(inner):
                    continue
                reason = _member_skip_reason(inner, member.isfile(), member.size)
                if reason is not None:
                    yield Skip(source.name(_printable(inner)), reason)
                    continue
                raw = members.read_bytes(member)
                mtime_ns = int(member.mtime * 1_000_000_000)
                yield InputFile(source.name(inner), (source.index, inner), raw=raw, size=len(raw),
                                mtime_ns=mtime_ns, share=handle.tell() / size)  # fmt: skip
    except (OSError, tarfile.TarError, EOFError) as error:
        yield Skip(source.label, f"archive unreadable from here on: {error}")


def _tar_members(handle: BinaryIO, path: Path) -> TarMembers:
    """Read a tar archive forward; gzip's own reader says when a .tar.gz was cut short.

    Not tarfile's stream mode ("r|"): its buffering costs more than the headers it reads, and a
    forward seek in the decompressed stream (to a member's data) reads on, as a stream would.
    """
    if path.name.lower().endswith((".tar.gz", ".tgz")):
        unzipped = io.BufferedReader(gzip.GzipFile(fileobj=handle, mode="rb"), _CHUNK_BYTES)
        return TarMembers(unzipped)
    return TarMembers(handle, fast=False)  # tarfile finds out whether and how it is compressed


def _find_zip_members(source: Input) -> Iterator[Found]:
    try:
        with zipfile.ZipFile(source.path) as archive:
            members = archive.infolist()
            for number, info in enumerate(members, 1):
                inner = _zip_name(info)
                if info.is_dir() or _in_hidden_folder(inner):
                    continue
                regular = stat.S_IFMT(info.external_attr >> 16) in (0, stat.S_IFREG)
                reason = _member_skip_reason(inner, regular, info.file_size)
                if reason is None and info.flag_bits & 0x1:
                    reason = "encrypted archive member"
                if reason is not None:
                    yield Skip(source.name(_printable(inner)), reason)
                    continue
                raw = archive.read(info)
                mtime_ns = _zip_mtime_ns(info)
                yield InputFile(source.name(inner), (source.index, inner), raw=raw, size=len(raw),
                                mtime_ns=mtime_ns, share=number / len(members))  # fmt: skip
    except (OSError, zipfile.BadZipFile, EOFError) as error:
        yield Skip(source.label, f"archive unreadable from here on: {error}")


def _zip_name(info: zipfile.ZipInfo) -> str:
    """The member's name; zip tools that do not flag UTF-8 names still write them in UTF-8 today."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except UnicodeError:
        return info.filename


def _zip_mtime_ns(info: zipfile.ZipInfo) -> int:
    return calendar.timegm((*info.date_time, 0, 0, 0)) * 1_000_000_000


def _in_hidden_folder(inner: str) -> bool:
    """Whether a member sits in a hidden folder (.git/, __MACOSX/), which a folder's walk never enters."""
    folders = _member_parts(inner)[0]
    return any(part.startswith(".") or part == "__MACOSX" for part in folders)


def _member_parts(inner: str) -> tuple[Sequence[str], str]:
    """A member path's folders and name, as PurePosixPath reads them (plain a/b/c paths read faster)."""
    parts = inner.split("/")
    if all(part and part != "." for part in parts):
        return parts[:-1], parts[-1]
    path = PurePosixPath(inner)
    return path.parts[:-1], path.name


def _suffix(name: str) -> str:
    """The name's extension with its dot, as PurePosixPath.suffix gives it."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _member_skip_reason(inner: str, regular: bool, size: int) -> str | None:
    """Why an archive member is not read as an article, by the same rules as a folder's files."""
    name = _member_parts(inner)[1]
    if not _is_utf8(inner):
        return "name is not UTF-8 (rename it to read it)"
    if name.startswith("."):
        return "hidden file"
    if not regular:
        return "not a regular file (a link or a device)"
    kind = _EXTENSION_KIND.get(_suffix(name).lower().lstrip("."))
    if kind is not None:
        return f"not an article ({kind})"
    if _NOT_ARTICLE_NAMES.fullmatch(name):
        return f"not an article ({name.split('.')[0].upper()} file)"
    if size > MAX_BYTES:
        return too_big(size)
    return None
