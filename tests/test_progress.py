"""The count of files done across inputs, and the estimate of the total while archives stream."""

from __future__ import annotations

from data_prep.engines.progress import Tally


def test_known_files_are_the_total() -> None:
    seen: list[tuple[int, int]] = []
    tally = Tally(lambda done, total: seen.append((done, total)))
    tally.add_known(10)
    tally.done(4)
    tally.done(6)
    assert seen == [(4, 10), (10, 10)]


def test_a_streamed_archive_is_estimated_from_the_share_of_its_bytes_read() -> None:
    seen: list[tuple[int, int]] = []
    tally = Tally(lambda done, total: seen.append((done, total)), upcoming_bytes=2000)
    tally.start_archive(1000)
    for member in range(1, 26):
        tally.add_member(member / 100)  # a quarter of the archive read with 25 members
    tally.done(25)
    assert seen[-1] == (25, 100 + 100)  # this archive's 100, and the next one's, of the same size
    tally.end_archive()
    tally.start_archive(1000)
    tally.done(0)
    assert seen[-1] == (25, 25 + 25)  # the first archive's true count, and as many per byte for the next
