"""Tar members read forward: the members, bytes and errors tarfile alone gives, whatever the archive."""

from __future__ import annotations

import gzip
import io
import tarfile
from typing import Any

import pytest

from data_prep.read.tar_members import TarMembers

LONG = "_posts/" + "很长的名字" * 30 + ".md"  # over 100 bytes: a GNU long name, a pax path or a ustar prefix


def make_tar(format_: int, members: list[tuple[str, bytes | None]]) -> bytes:
    """A tar of files (bytes), directories (None) and, for names starting with '@', a symlink."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=format_) as tar:
        for number, (name, data) in enumerate(members):
            member = tarfile.TarInfo(name.removeprefix("@"))
            member.mtime = 1_700_000_000 + number
            if name.startswith("@"):
                member.type, member.linkname = tarfile.SYMTYPE, "target.md"
                tar.addfile(member)
            elif data is None:
                member.type = tarfile.DIRTYPE
                tar.addfile(member)
            else:
                member.size = len(data)
                tar.addfile(member, io.BytesIO(data))
    return buffer.getvalue()


MEMBERS = [
    ("_posts", None),
    ("_posts/a.md", "一".encode() * 400),
    ("_posts/sub/", None),
    ("_posts/b.md", b""),
    ("_posts/" + "x" * 120 + ".md", b"long ascii name"),
    ("_posts/" + "d" * 90 + "/" + "x" * 60 + ".md", b"a ustar prefix"),
    (LONG, "长".encode() * 10),
    ("_posts/" + "目录" * 40, None),  # a directory of a long name
    ("_posts/c.md", b"c" * 513),
    ("_posts/logo.png", b"p" * 2000),  # passed over unread, as the build passes over images
    ("_posts/d.md", b"d"),
    ("@_posts/link.md", None),  # not a header read here: tarfile reads on from it
    ("_posts/e.md", b"e"),
]


def listing(members: Any, read: Any) -> list[tuple[Any, ...]]:
    """Each member's fields and bytes (or the error that stops the reading), in order."""
    found: list[tuple[Any, ...]] = []
    try:
        for member in members:
            fields = (member.name, member.isdir(), member.isfile(), member.size, member.mtime)
            wanted = member.isfile() and not member.name.endswith(".png")
            found.append((*fields, read(member) if wanted else None))
    except (OSError, tarfile.TarError, EOFError) as error:
        found.append((type(error).__name__, str(error)))
    return found


def both(data: bytes) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The listing of a .tar.gz of `data` as read here, and as tarfile alone reads it."""
    compressed = gzip.compress(data, mtime=0)

    def stream() -> io.BufferedReader:
        return io.BufferedReader(gzip.GzipFile(fileobj=io.BytesIO(compressed), mode="rb"), 1 << 20)

    members = TarMembers(stream())
    here = listing(members, members.read_bytes)

    def alone() -> list[tuple[Any, ...]]:
        try:
            archive = tarfile.open(fileobj=stream(), mode="r:")
        except tarfile.TarError as error:
            return [(type(error).__name__, str(error))]
        return listing(archive, lambda m: archive.extractfile(m).read())  # type: ignore[union-attr]

    return here, alone()


@pytest.mark.parametrize(
    "format_", [tarfile.GNU_FORMAT, tarfile.PAX_FORMAT, tarfile.USTAR_FORMAT], ids=["gnu", "pax", "ustar"]
)
def test_an_archive_lists_as_tarfile_lists_it(format_: int) -> None:
    fits = [m for m in MEMBERS if len(m[0].encode().rpartition(b"/")[2]) < 100 and m[0] != LONG]
    members = MEMBERS if format_ != tarfile.USTAR_FORMAT else fits
    here, alone = both(make_tar(format_, members))
    assert here == alone
    assert len(here) == len(members)


@pytest.mark.parametrize(
    "cut", [0, 100, 512, 700, 1024, 1536, 2048, 3000, 4096, 6000, 11000, 13000, 14000, 15000, 15824, 16000]
)
def test_a_cut_archive_lists_as_tarfile_lists_it(cut: int) -> None:
    data = make_tar(tarfile.GNU_FORMAT, MEMBERS)
    here, alone = both(data[:cut])
    assert here == alone


@pytest.mark.parametrize("at", [0, 1, 2, 5])
def test_a_damaged_header_lists_as_tarfile_lists_it(at: int) -> None:
    data = bytearray(make_tar(tarfile.GNU_FORMAT, MEMBERS))
    offsets = [m.offset for m in tarfile.open(fileobj=io.BytesIO(bytes(data)))]
    data[offsets[at] + 130] = ord("9")  # not an octal digit in the size field
    here, alone = both(bytes(data))
    assert here == alone
    assert len(here) <= at + 3


def test_an_old_style_directory_and_a_cut_gzip_list_as_tarfile_lists_them() -> None:
    data = bytearray(make_tar(tarfile.USTAR_FORMAT, [("_posts/a.md", b"a"), ("old/", b"")]))
    offset = [m.offset for m in tarfile.open(fileobj=io.BytesIO(bytes(data)))][1]
    data[offset + 156] = 0  # type '\0' and a name ending in '/': a directory in the V7 format
    data[offset + 148 : offset + 156] = b"%06o\0 " % (
        256 + sum(data[offset : offset + 148]) + sum(data[offset + 156 : offset + 512])
    )
    here, alone = both(bytes(data))
    assert here == alone and here[1][1] is True
    compressed = gzip.compress(make_tar(tarfile.GNU_FORMAT, MEMBERS), mtime=0)
    members = TarMembers(io.BufferedReader(gzip.GzipFile(fileobj=io.BytesIO(compressed[:-200]), mode="rb")))
    assert listing(members, members.read_bytes)[-1][0] == "EOFError"
