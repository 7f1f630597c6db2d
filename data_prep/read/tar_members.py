"""Tar members read forward from a decompressed stream: common headers parsed here, the rest by tarfile.

tarfile parses each 512-byte header field by field in Python: a quarter of a second for a month's
12,000 members, more than gunzip takes. Here a header of the common kinds (a regular file, a
directory, either after a GNU long name) is checked and read with a few slices. At the first header
of any other kind (pax, links, sparse files…) or anything that is not a valid header (the archive's
end, damage), tarfile reads the rest of the archive from that header on, so each such case reads
exactly as tarfile alone reads it. What is parsed here is parsed as tarfile parses it.
"""

from __future__ import annotations

import sys
import tarfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

_BLOCK = tarfile.BLOCKSIZE
_ENCODING = sys.getfilesystemencoding()  # tarfile's, with its errors="surrogateescape"
_OURS = (tarfile.REGTYPE, tarfile.AREGTYPE, tarfile.DIRTYPE, tarfile.GNUTYPE_LONGNAME)
# the number fields tarfile checks (it rejects a header with any of them malformed): mode, uid,
# gid, size, mtime, devmajor, devminor; the checksum at 148:156 is read apart
_NUMBERS = ((100, 108), (108, 116), (116, 124), (124, 136), (136, 148), (329, 337), (337, 345))


@dataclass(frozen=True, slots=True)
class Header:
    """A member as its header says, with what tarfile.TarInfo would hold for the fields read here."""

    name: str
    type: bytes
    size: int
    mtime: int
    offset_data: int
    sparse: None = None

    def isdir(self) -> bool:
        return self.type == tarfile.DIRTYPE

    def isfile(self) -> bool:
        return self.type in tarfile.REGULAR_TYPES


Member = Header | tarfile.TarInfo


class TarMembers:
    """The members of a tar stream, in order; read each one's bytes (with read_bytes) before the next."""

    def __init__(self, stream: BinaryIO, fast: bool = True) -> None:
        self.stream = stream
        self.fast = fast
        self.archive: tarfile.TarFile | None = None  # once tarfile reads on

    def __iter__(self) -> Iterator[Member]:
        if self.fast:
            yield from self._read_headers()
        self.archive = tarfile.open(fileobj=self.stream, mode="r:" if self.fast else "r:*")
        yield from self.archive

    def read_bytes(self, member: Member) -> bytes:
        """The bytes of a regular member, read straight from the (decompressed) stream when not sparse."""
        if member.sparse is not None:
            assert self.archive is not None  # only tarfile's members are sparse
            content = self.archive.extractfile(member)
            assert content is not None  # a regular file always has one
            return content.read()
        self.stream.seek(member.offset_data)
        raw = self.stream.read(member.size)
        if len(raw) != member.size:
            raise tarfile.ReadError("unexpected end of data")  # what tarfile's own reader says
        return raw

    def _read_headers(self) -> Iterator[Header]:
        """Yield the members of common headers; return with the stream at the first other header."""
        stream = self.stream
        offset = stream.tell()
        while True:
            if offset != stream.tell():  # past a member's data: tarfile checks that it is all there
                stream.seek(offset - 1)
                if not stream.read(1):
                    raise tarfile.ReadError("unexpected end of data")
            header = _read_header(stream)
            if header is not None and header[1] == tarfile.GNUTYPE_LONGNAME:
                header = _read_long_name(stream, header[2])
            if header is None:
                stream.seek(offset)
                return
            name, kind, size, mtime = header
            data = stream.tell()
            yield Header(name, kind, size, mtime, data)
            offset = data + _blocks(size) if kind in tarfile.REGULAR_TYPES else data


def _read_long_name(stream: BinaryIO, size: int) -> tuple[str, bytes, int, int] | None:
    """A GNU long name and the header it names, or None to leave both to tarfile."""
    data = stream.read(_blocks(size))
    if len(data) != _blocks(size):
        return None
    header = _read_header(stream)
    if header is None or header[1] == tarfile.GNUTYPE_LONGNAME:
        return None
    name = _text(data)
    if header[1] == tarfile.DIRTYPE:
        name = name.removesuffix("/")
    return name, header[1], header[2], header[3]


def _read_header(stream: BinaryIO) -> tuple[str, bytes, int, int] | None:
    """Read one header block: (name, type, size, mtime), or None when it is not one of ours."""
    try:
        block = stream.read(_BLOCK)
    except zlib.error as error:
        raise tarfile.ReadError(f"zlib error: {error}") from None  # as tarfile words it
    if len(block) != _BLOCK:
        return None
    numbers = [_number(block[start:end]) for start, end in _NUMBERS]
    checksum = _number(block[148:156])
    if None in numbers or checksum != 256 + sum(block[:148]) + sum(block[156:]):
        return None  # a malformed or signed-checksum header: tarfile decides
    kind = block[156:157]
    name = _text(block[:100])
    if kind == tarfile.AREGTYPE and name.endswith("/"):
        kind = tarfile.DIRTYPE  # the old V7 format's directory
    if kind not in _OURS:
        return None
    if kind == tarfile.DIRTYPE:
        name = name.rstrip("/")
    prefix = _text(block[345:500])
    if prefix and kind not in tarfile.GNU_TYPES:
        name = prefix + "/" + name
        if kind == tarfile.DIRTYPE:
            name = name.rstrip("/")
    return name, kind, numbers[3], numbers[4]  # type: ignore[return-value]


def _number(field: bytes) -> int | None:
    """An octal number field as tarfile reads it; None for base-256 numbers (tarfile's) or malformed."""
    if field[0] in (0o200, 0o377):
        return None
    end = field.find(b"\0")
    try:
        return int(field[: None if end < 0 else end].decode("ascii").strip() or "0", 8)
    except ValueError:
        return None


def _text(field: bytes) -> str:
    end = field.find(b"\0")
    return field[: None if end < 0 else end].decode(_ENCODING, "surrogateescape")


def _blocks(size: int) -> int:
    return -(-size // _BLOCK) * _BLOCK
