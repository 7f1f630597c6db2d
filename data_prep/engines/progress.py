"""The count of files done across every input, and an estimate of how many there are while archives stream.

A folder's files are counted before any is read, and an unchanged archive's from the cache; a
streamed archive's total is unknown until its end, so it is estimated from the share of its bytes
read so far, and the archives still to come from the members per byte of those already read.
"""

from __future__ import annotations

from collections.abc import Callable

ProgressFn = Callable[[int, int], None]  # (files done, files in all: an estimate while archives stream)


class Tally:
    """Counts files done and known, and reports (done, estimated total) to a progress function."""

    def __init__(self, progress: ProgressFn | None, upcoming_bytes: int = 0) -> None:
        self.progress = progress
        self.finished = 0
        self.known = 0  # files counted for sure: folders listed, archives cached or read to the end
        self.upcoming_bytes = upcoming_bytes  # compressed bytes of the archives not started yet
        self.read_bytes = 0  # ... and of those read to the end, with their members:
        self.read_members = 0
        # the archives being streamed (several at once when the workers read them): by a key of the
        # caller's, [compressed bytes, members read so far, share of the bytes read so far]
        self.current: dict[object, list[float]] = {}

    def add_known(self, count: int) -> None:
        """Count files whose number is known at once (a listed folder, an archive not read again)."""
        self.known += count

    def skip_archive(self, size: int) -> None:
        """An archive not to be streamed (unchanged): it no longer counts among those to come."""
        self.upcoming_bytes = max(0, self.upcoming_bytes - size)

    def start_archive(self, size: int, key: object = None) -> None:
        self.skip_archive(size)
        self.current[key] = [size, 0, 0.0]

    def add_member(self, share: float, key: object = None) -> None:
        """One more member of the archive being streamed, read up to `share` of its bytes."""
        current = self.current[key]
        self.reach(int(current[1]) + 1, share, key)

    def reach(self, members: int, share: float, key: object = None) -> None:
        """The archive's members up to the `members`-th have been read, up to `share` of its bytes."""
        current = self.current[key]
        current[1], current[2] = max(current[1], members), max(current[2], share)

    def end_archive(self, key: object = None) -> None:
        size, members, _ = self.current.pop(key)
        self.known += int(members)
        self.read_bytes += int(size)
        self.read_members += int(members)

    def done(self, count: int) -> None:
        """Count files done and report."""
        self.finished += count
        if self.progress is not None:
            self.progress(self.finished, max(self.finished, self.estimate()))

    def estimate(self) -> int:
        """The files of every input: those known, and an estimate of those still in archives."""
        current = self.current.values()
        read_bytes = self.read_bytes + sum(share * size for size, _, share in current)
        members = self.read_members + sum(count for _, count, _ in current)
        per_byte = members / read_bytes if read_bytes > 0 and members else 0.0
        total = float(self.known)
        for size, count, share in current:
            if share > 0.02:
                total += round(count / share)
            elif per_byte:
                total += max(count, round(size * per_byte))
            else:
                total += count
        return round(total) + round(self.upcoming_bytes * per_byte)
