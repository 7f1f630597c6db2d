"""The Parquet formatter process: the same bytes as formatting here, errors naming the file, no stray process.

A build's own process never imports pyarrow: a process forked at its start imports it and formats the table
(tests/test_cli.py checks the command line's process). These tests fork formatters of their own, and run
builds in child processes where pyarrow is not imported yet (this one imported it with pandas).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from data_prep.engines.local import POOL_MIN
from data_prep.errors import OutputError
from data_prep.model import DateSpan, Excerpt, Meeting, Participant, Source
from data_prep.output import table
from data_prep.output.parquet_process import ParquetFormatter
from data_prep.output.table import build_records, format_meetings_parquet

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
BLINKEN = Participant("Antony Blinken", "布林肯", "US", "Secretary of State")
WANG = Participant("Wang Yi", "王毅", "CN", "Minister of Foreign Affairs", title_zh="外交部长")


def _meeting(meeting_id: str, span: DateSpan, location: str | None) -> Meeting:
    source = Source(
        f"{meeting_id}.html", f"https://example.com/{meeting_id}", "联合早报", "标题", "2024-01-27"
    )
    return Meeting(
        id=meeting_id,
        span=span,
        status="held",
        meeting_type="in_person",
        location=location,
        participants=(BLINKEN, WANG),
        topics=("taiwan",),
        sources=(source,),
        excerpts=(Excerpt(source.path, "布林肯在曼谷会见王毅。", ("taiwan",)),),
    )


RECORDS = build_records(
    [
        _meeting("m-bangkok", DateSpan(date(2024, 1, 26), date(2024, 1, 27), "day"), "Bangkok"),
        _meeting("m-undated", DateSpan(None, None, "unknown"), None),
    ]
)
CORRECTED = [*RECORDS[:1], {**RECORDS[1], "origin": "analyst", "aliases": ["m-old"]}]


@pytest.fixture
def formatter() -> Iterator[ParquetFormatter]:
    started = ParquetFormatter()
    yield started
    started.close()


@pytest.mark.parametrize(
    "records",
    [
        pytest.param(RECORDS, id="extracted"),
        pytest.param(CORRECTED, id="with-optional-columns"),
        pytest.param([], id="empty"),
    ],
)
def test_formatter_gives_the_bytes_formatting_here_gives(formatter: ParquetFormatter, records: list) -> None:
    assert formatter.format(records, Path("meetings.parquet")) == format_meetings_parquet(records)


def test_formatter_answers_request_after_request(formatter: ParquetFormatter) -> None:
    for records in (RECORDS, CORRECTED, RECORDS):
        assert formatter.format(records, Path("meetings.parquet")) == format_meetings_parquet(records)


def test_an_error_in_the_formatter_names_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(records: object) -> bytes:
        raise ValueError("no columns today")

    monkeypatch.setattr(table, "format_meetings_parquet", refuse)  # the forked formatter inherits it
    formatter = ParquetFormatter()
    try:
        with pytest.raises(OutputError) as raised:
            formatter.format(RECORDS, tmp_path / "meetings.parquet")
        message = str(raised.value)
        assert message.startswith(f"{tmp_path / 'meetings.parquet'}: could not format the Parquet table")
        assert "ValueError: no columns today" in message
    finally:
        formatter.close()


def test_a_formatter_killed_from_outside_is_an_error_naming_the_file(tmp_path: Path) -> None:
    formatter = ParquetFormatter()
    os.kill(formatter.pid, signal.SIGKILL)
    with pytest.raises(OutputError, match="meetings.parquet: the Parquet formatter process ended"):
        formatter.format(RECORDS, tmp_path / "meetings.parquet")
    assert _gone(formatter.pid)


def test_closing_ends_the_process(formatter: ParquetFormatter) -> None:
    formatter.close()
    assert _gone(formatter.pid)
    with pytest.raises(OutputError, match="closed"):
        formatter.format(RECORDS, Path("meetings.parquet"))


# Builds as a library would run them, in a process without pyarrow: the first fails in the formatter, the
# next two succeed, the fourth fails while its table is being formatted, the fifth (another table) succeeds.
_LIBRARY = """
import sys
sys.path.insert(0, {tests!r})
from test_cli import BLINKEN_QIN, make_folder
from pathlib import Path
from data_prep import build as building
from data_prep.build import build
from data_prep.errors import OutputError
from data_prep.output import parquet_process, table

out = Path(sys.argv[1])
folder = make_folder(out / "posts")
later = out / "later"
later.mkdir()
(later / "2023-06-21-blinken.html").write_text(BLINKEN_QIN.replace("2023-06-18T", "2023-06-21T"), "utf-8")
writer, describe = table.format_meetings_parquet, building.build_articles_document
def refuse(*args):
    raise ValueError("no columns today")
table.format_meetings_parquet = refuse
try:
    build(folder, out / "failed")
except OutputError as error:
    print("failed:", error)
print("after the failure:", parquet_process.running_formatter())
table.format_meetings_parquet = writer
build(folder, out / "one")
first = parquet_process.running_formatter()
build(folder, out / "two")
print("reused:", first is not None and parquet_process.running_formatter() == first)
building.build_articles_document = refuse
try:
    build(folder, out / "three")
except ValueError:
    print("after a failure mid-request:", parquet_process.running_formatter())
building.build_articles_document = describe
build(later, out / "four")
print("pyarrow here:", "pyarrow" in sys.modules)
"""


def test_library_builds_share_one_formatter_and_a_failed_build_closes_it(tmp_path: Path) -> None:
    done = _python(_LIBRARY.format(tests=str(TESTS)), tmp_path)
    lines = done.stdout.splitlines()
    failed = tmp_path / "failed" / "meetings.parquet"
    assert lines[0] == f"failed: {failed}: could not format the Parquet table: ValueError: no columns today"
    assert lines[1:] == [
        "after the failure: None",
        "reused: True",
        "after a failure mid-request: None",
        "pyarrow here: False",
    ]
    for name in ("one", "two", "four"):  # four's answer is its own, not the one three left unread
        written = (tmp_path / name / "meetings.parquet").read_bytes()
        assert written == format_meetings_parquet(table.read_meetings_json(tmp_path / name / "meetings.json"))
    assert written != (tmp_path / "one" / "meetings.parquet").read_bytes()


# A build stalled in its pool's workers, in a child process; prints the formatter's process id first.
_STALLED = """
import sys
sys.path.insert(0, {tests!r})
import test_build
from data_prep.output.parquet_process import running_formatter, start_formatter
start_formatter()
print(running_formatter(), flush=True)
test_build.build(sys.argv[1], sys.argv[2], extract=test_build.extract_stalled, merge=test_build.merge_marked,
                 workers=2)
"""


def test_the_formatter_ends_when_its_build_is_killed(tmp_path: Path) -> None:
    # The pool's workers outlive the killed build (stalled): they must not keep the formatter's pipe open.
    from test_build import _children, write_post

    folder = tmp_path / "posts"
    for number in range(POOL_MIN + 20):
        write_post(folder, f"{number:03d}.html", f"<p>MEET 2024-01-09 Blinken Wang{number}</p>")
    command = [sys.executable, "-c", _STALLED.format(tests=str(TESTS)), str(folder), str(tmp_path / "out")]
    workers: set[int] = set()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as child:
        try:
            assert child.stdout is not None
            formatter = int(child.stdout.readline())
            deadline = time.monotonic() + 60
            while len(workers) < 2 and time.monotonic() < deadline and child.poll() is None:
                time.sleep(0.01)
                workers = _children(child.pid) - {formatter}
            assert len(workers) >= 2, "the build's pool did not start"
            child.send_signal(signal.SIGKILL)
            child.wait()
            assert _wait_gone(formatter)
            assert not any(_gone(pid) for pid in workers)  # still stalled: they let go of the pipe
        finally:
            child.kill()  # stalled for minutes if the test failed before killing it
            for pid in workers:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def _python(script: str, *args: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", script, *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done


def _wait_gone(pid: int) -> bool:
    """Whether the process ends within a minute (a generous bound, not a timing)."""
    deadline = time.monotonic() + 60
    while not _gone(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def _gone(pid: int) -> bool:
    """Whether the process has ended: no longer there, or a zombie its new parent has not reaped yet."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in {"Z", "X"}


# Two builds of one process at once (a library's threads): the second asks while the first's request is out,
# then the first's failure closes the formatter while the second's request is out. Each still gets its table.
_AT_ONCE = """
import sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from test_parquet_process import CORRECTED, RECORDS
from data_prep.output import parquet_process
from data_prep.output.table import format_meetings_parquet

assert "pyarrow" not in sys.modules
parquet_process.start_formatter()
assert parquet_process.running_formatter() is not None
first = parquet_process.request_parquet(RECORDS, Path("one/meetings.parquet"))
second = parquet_process.request_parquet(CORRECTED, Path("two/meetings.parquet"))
print(first() == format_meetings_parquet(RECORDS), second() == format_meetings_parquet(CORRECTED))
third = parquet_process.request_parquet(CORRECTED, Path("three/meetings.parquet"))
parquet_process.stop_formatter()  # another build failed
print(third() == format_meetings_parquet(CORRECTED))
"""


def test_builds_at_once_in_one_process_each_get_their_table(tmp_path: Path) -> None:
    done = _python(_AT_ONCE.format(tests=str(TESTS)), tmp_path)
    assert done.stdout.splitlines() == ["True True", "True"]
