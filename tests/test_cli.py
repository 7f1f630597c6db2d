"""The command line over the real pipeline: exit codes, the summary, the progress bar, stable output."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from data_prep import __main__ as cli
from data_prep.output.table import format_meetings_parquet, read_meetings_json

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "meetings.schema.json").read_text("utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)

BLINKEN_QIN = """---
layout: post
title: "布林肯在北京与秦刚会谈"
date: 2023-06-18T12:00:00.000Z
author: 联合早报
from: https://www.zaobao.com/realtime/china/story20230618-1
categories: [ 联合早报 ]
---
<p>美国国务卿布林肯星期天（6月18日）在北京与中国外交部长秦刚举行会谈，双方讨论了台湾问题。</p>
<p>这是五年来首位访华的美国国务卿。</p>
"""
WEATHER = """---
layout: post
title: "北京今天天气晴朗"
date: 2023-06-18T01:00:00.000Z
from: https://www.zaobao.com/realtime/china/story20230618-2
categories: [ 联合早报 ]
---
<p>北京今天天气晴朗，最高气温35度。</p>
"""
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def make_folder(folder: Path, *, binaries: int = 0) -> Path:
    """Write the two good articles, and as many binary files as asked."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2023-06-19-ZB-布林肯会见秦刚.html").write_text(BLINKEN_QIN, "utf-8")
    (folder / "2023-06-18-ZB-天气.html").write_text(WEATHER, "utf-8")
    for number in range(binaries):
        (folder / f"2023-06-20-image-{number:02d}.html").write_bytes(BINARY)
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    status = cli.main(["build", *map(str, args)])
    return status, capsys.readouterr().err


def test_clean_folder_exits_0_and_summarises(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(capsys, make_folder(tmp_path / "posts"), "--out", tmp_path / "out")
    assert status == cli.EXIT_OK
    assert "files: 2  read: 2  skipped: 0" in err
    assert "articles with meetings: 1" in err and "meetings: 1  undated: 0" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        ".cache", ".lock", "articles.json", "meetings.extracted.json", "meetings.json", "meetings.parquet",
        "report.json",
    ]  # fmt: skip


def test_built_table_follows_the_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, make_folder(tmp_path / "posts"), "--out", tmp_path / "out")
    document = json.loads((tmp_path / "out" / "meetings.json").read_text("utf-8"))
    assert list(VALIDATOR.iter_errors(document)) == []
    (meeting,) = document["meetings"]
    assert meeting["start_date"] == "2023-06-18"
    assert {p["name_en"] for p in meeting["participants"]} >= {"Antony Blinken", "Qin Gang"}
    assert meeting["sources"][0]["path"] == "2023-06-19-ZB-布林肯会见秦刚.html"


def test_skipped_files_exit_3_and_list_the_first_ten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = run(capsys, make_folder(tmp_path / "posts", binaries=12), "--out", tmp_path / "out")
    assert status == cli.EXIT_SKIPPED
    assert "skipped files (12):" in err
    assert "2023-06-20-image-09.html: binary file" in err and "image-10" not in err
    assert "... and 2 more (see report.json)" in err
    assert json.loads((tmp_path / "out" / "meetings.json").read_text("utf-8"))["meetings"]


def test_missing_folder_exits_2_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(capsys, tmp_path / "nowhere", "--out", tmp_path / "out")
    assert status == cli.EXIT_USAGE
    assert f"articles folder not found: {tmp_path / 'nowhere'}" in err


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["build", "posts"], id="no-out"),
        pytest.param(["build", "posts", "--out", "out", "--workers", "0"], id="zero-workers"),
        pytest.param(["rebuild", "posts"], id="unknown-command"),
        pytest.param([], id="no-command"),
    ],
)
def test_bad_arguments_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(args)
    assert caught.value.code == cli.EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


def test_unexpected_failure_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_build(*args: object, **options: object) -> None:
        raise RuntimeError("merge bug")

    monkeypatch.setattr("data_prep.build.build", broken_build)
    status, err = run(capsys, make_folder(tmp_path / "posts"), "--out", tmp_path / "out")
    assert status == cli.EXIT_FAILURE
    assert "build failed: RuntimeError: merge bug" in err
    assert "Traceback" in err


def test_quiet_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(capsys, make_folder(tmp_path / "posts"), "--out", tmp_path / "out", "--quiet")
    assert (status, err) == (cli.EXIT_OK, "")


def test_rerun_reuses_the_cache_and_writes_the_same_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, out = make_folder(tmp_path / "posts", binaries=1), tmp_path / "out"
    run(capsys, folder, "--out", out)
    run(capsys, folder, "--out", out)  # the first re-build's report says what changed: nothing
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    status, err = run(capsys, folder, "--out", out)
    assert status == cli.EXIT_SKIPPED
    assert "reused 3 cached results" in err
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_ids_are_stable_across_fresh_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_folder(tmp_path / "posts")
    for name in ("one", "two"):
        run(capsys, folder, "--out", tmp_path / name, "--no-cache")
    one, two = (json.loads((tmp_path / n / "meetings.json").read_text("utf-8")) for n in ("one", "two"))
    assert [m["id"] for m in one["meetings"]] == [m["id"] for m in two["meetings"]] != []
    assert (tmp_path / "one" / "meetings.json").read_bytes() == (
        tmp_path / "two" / "meetings.json"
    ).read_bytes()
    assert not (tmp_path / "one" / ".cache").exists()


def test_python_dash_m_runs_the_build(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "posts", binaries=1)
    command = [sys.executable, "-m", "data_prep", "build", str(folder), "--out", str(tmp_path / "out")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == cli.EXIT_SKIPPED, done.stderr
    assert "2023-06-20-image-00.html: binary file" in done.stderr
    assert json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))["counts"]["files"] == 3


def test_progress_bar_on_a_log_is_silent_for_a_short_build() -> None:
    stream = _Stream(tty=False)
    bar = cli.ProgressBar(stream)
    for done in (0, 25, 50):
        bar(done, 50)
    bar.close()
    assert stream.getvalue() == ""


def test_progress_bar_on_a_log_writes_a_line_per_tenth_with_the_rate() -> None:
    stream = _Stream(tty=False)
    bar = cli.ProgressBar(stream)
    for done in (0, 500, 500, 1000):
        bar(done, 1000)
    bar.close()
    lines = stream.getvalue().splitlines()
    assert [line.split("|")[2].split()[0] for line in lines] == ["0/1000", "500/1000", "1000/1000"]
    assert all("articles/s" in line for line in lines[1:])


def test_progress_bar_on_a_terminal_counts_articles_with_the_time_left() -> None:
    stream = _Stream(tty=True)
    bar = cli.ProgressBar(stream)
    for done, total in ((0, 400), (200, 500), (500, 500)):  # the total grows as an archive is read
        bar(done, total)
    bar.close()
    shown = stream.getvalue()
    assert "500/500" in shown and "articles/s" in shown and "<" in shown  # the time left follows "<"


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


# A command-line build in a fresh interpreter (as `python -m data_prep` runs it); then what its process holds.
_CLI_CHILD = """
import sys
from pathlib import Path
from data_prep import __main__ as cli
from data_prep.output import parquet_process
status = cli.main(["build", sys.argv[1], "--out", sys.argv[2], "--quiet"])
formatter = parquet_process.running_formatter()
print(status, "pyarrow" in sys.modules, formatter)
"""


def test_the_build_process_never_imports_pyarrow_yet_writes_the_parquet_table(tmp_path: Path) -> None:
    # A process forked at the start imports pyarrow on the core the start-up leaves idle, and formats.
    folder, out = make_folder(tmp_path / "posts"), tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", _CLI_CHILD, str(folder), str(out)],
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert done.stdout.split() == [str(cli.EXIT_OK), "False", "None"], done.stderr  # and it is gone
    records = read_meetings_json(out / "meetings.json")
    assert len(records) == 1
    assert (out / "meetings.parquet").read_bytes() == format_meetings_parquet(records)


# The same, with the Parquet writer failing (in the formatter, which inherits the replacement).
_FAILING_CLI_CHILD = (
    """
from data_prep.output import table
def refuse(records):
    raise ValueError("no columns today")
table.format_meetings_parquet = refuse
"""
    + _CLI_CHILD
)


def test_a_failure_of_the_parquet_formatter_exits_1_naming_the_file(tmp_path: Path) -> None:
    folder, out = make_folder(tmp_path / "posts"), tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", _FAILING_CLI_CHILD, str(folder), str(out)],
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert done.stdout.split() == [str(cli.EXIT_FAILURE), "False", "None"], done.stderr
    parquet = out / "meetings.parquet"
    assert done.stderr.strip().splitlines()[-1] == (
        f"data_prep: {parquet}: could not format the Parquet table: ValueError: no columns today"
    )
    assert not parquet.exists() and not (out / "meetings.json").exists()


# Three command-line builds into one folder in one process: cold, again unchanged, then with a file added;
# prints the processes each forked and whether this process imported pyarrow.
_REBUILDS_CHILD = """
import os, sys
from pathlib import Path
from data_prep import __main__ as cli
forks = []
os.register_at_fork(before=lambda: forks.append(1))
folder, out = Path(sys.argv[1]), sys.argv[2]
for step in ("cold", "unchanged", "added"):
    if step == "added":
        (folder / "2023-06-20-ZB-again.html").write_text(sys.stdin.read(), "utf-8")
    forks.clear()
    status = cli.main(["build", str(folder), "--out", out, "--quiet"])
    print(step, status, len(forks), "pyarrow" in sys.modules)
"""


def test_a_rebuild_starts_the_parquet_formatter_only_when_it_has_files_to_read(tmp_path: Path) -> None:
    # An unchanged table is not written again: a formatter started at once would import pyarrow for nothing.
    folder, out = make_folder(tmp_path / "posts"), tmp_path / "out"
    again = BLINKEN_QIN.replace("2023-06-18T12", "2023-06-20T12").replace(
        "story20230618-1", "story20230620-1"
    )
    done = subprocess.run([sys.executable, "-c", _REBUILDS_CHILD, str(folder), str(out)], input=again,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert done.stdout.splitlines() == ["cold 0 1 False", "unchanged 0 0 False", "added 0 1 False"], (
        done.stderr
    )
    records = read_meetings_json(out / "meetings.json")
    assert len(records[0]["sources"]) == 2  # the added file changed the table
    assert (out / "meetings.parquet").read_bytes() == format_meetings_parquet(records)


_INTERRUPTED_WHILE_IMPORTING = """
import sys
from data_prep import __main__ as cli


class Interrupting:
    def find_spec(self, name, path=None, target=None):
        if name == "data_prep.build":
            raise KeyboardInterrupt  # as Ctrl-C lands while the build's modules are being imported
        return None


sys.meta_path.insert(0, Interrupting())
sys.exit(cli.main(["build", sys.argv[1], "--out", sys.argv[2], "--quiet"]))
"""


def test_ctrl_c_while_the_build_is_being_imported_exits_130_with_its_message(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED_WHILE_IMPORTING, str(folder), str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == cli.EXIT_INTERRUPTED
    assert done.stderr.strip() == cli.INTERRUPTED  # no traceback
