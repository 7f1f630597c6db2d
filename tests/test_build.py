"""The build's wiring: every file accounted for, the cache, the pool, stable output, atomic writes.

The extractor and merger here are small real functions of their own, so these tests drive the
wiring without depending on what the real extractor finds: a body line `MEET 2024-01-09 Blinken Wang`
is one mention, and mentions with the same date and people merge into one meeting.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import pickle
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from data_prep.build import build
from data_prep.engines.local import POOL_MIN
from data_prep.errors import FolderError
from data_prep.model import (
    Article,
    BuildResult,
    DateSpan,
    Excerpt,
    Meeting,
    MeetingMention,
    Participant,
    Source,
)
from data_prep.output.table import read_meetings_frame, read_meetings_json
from data_prep.read import inputs

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "meetings.schema.json").read_text("utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
OUTPUTS = ("meetings.json", "meetings.parquet", "articles.json", "report.json")
_MARK = re.compile(r"MEET (\d{4}-\d{2}-\d{2}|undated) (\w+) (\w+)")


def extract_marked(article: Article) -> list[MeetingMention]:
    """One mention per `MEET date us cn` line; `BOOM` stands for a bug in the extractor."""
    if "BOOM" in article.body:
        raise RuntimeError("extractor bug")
    source = Source(article.path, article.url, article.outlet, article.title, article.published)
    mentions = []
    for match in _MARK.finditer(article.body):
        day = None if match[1] == "undated" else date.fromisoformat(match[1])
        people = (Participant(match[2], None, "US", None), Participant(match[3], None, "CN", None))
        span = DateSpan(day, day, "day" if day else "unknown")
        excerpt = Excerpt(article.path, match[0])
        mentions.append(
            MeetingMention(
                article.path,
                span,
                "held",
                "in_person",
                None,
                people,
                (),
                (excerpt,),
                source,
                dated_by="text" if day else "unknown",
            )
        )
    return mentions


def merge_marked(mentions: Iterable[MeetingMention]) -> list[Meeting]:
    """Merge mentions with the same date and people; the id is made of them, so it is stable."""
    groups: dict[tuple[DateSpan, tuple[Participant, ...]], list[MeetingMention]] = {}
    for mention in mentions:
        groups.setdefault((mention.span, mention.participants), []).append(mention)
    meetings = []
    for (span, people), group in groups.items():
        key = f"{span.start or 'undated'}-{'-'.join(p.name_en for p in people)}"
        sources = tuple({m.source.path: m.source for m in group}.values())
        excerpts = tuple(e for m in group for e in m.excerpts)
        meetings.append(
            Meeting(key, span, "held", "in_person", None, people, (), sources, excerpts, len(group))
        )
    return meetings


def write_post(folder: Path, name: str, body: str, *, title: str = "中美会谈") -> Path:
    """Write a minimal Jekyll post with an HTML body."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    front = f'---\nlayout: post\ntitle: "{title}"\ndate: 2024-01-11 09:44:00 +08:00\n'
    front += f"from: https://example.com/{name}\ncategories: [ 联合早报 ]\n---\n"
    path.write_text(front + body, encoding="utf-8")
    return path


def build_marked(articles: Path, out: Path, **options: object) -> BuildResult:
    return build(articles, out, extract=extract_marked, merge=merge_marked, **options)  # type: ignore[arg-type]


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """A folder with good, empty, binary, broken and extractor-breaking files."""
    folder = tmp_path / "posts"
    write_post(folder, "2024-01-09-a.html", "<p>布林肯与王毅会谈。</p>\n<p>MEET 2024-01-09 Blinken Wang</p>")
    write_post(
        folder, "2024-01-10-b.html", "<p>MEET 2024-01-09 Blinken Wang</p>\n<p>MEET undated Kerry Xie</p>"
    )
    write_post(folder, "sub/2024-01-11-c.html", "<p>今天天气很好。</p>")
    write_post(folder, "2024-01-12-d.html", "<p>BOOM</p>")
    (folder / "2024-01-13-empty.md").write_bytes(b"")
    (folder / "2024-01-14-binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff")
    (folder / "2024-01-15-broken.md").write_text('---\ntitle: "x"\ndate: 2024-01-15\n<p>正文</p>\n', "utf-8")
    return folder


def read_report(out: Path) -> dict[str, object]:
    report: dict[str, object] = json.loads((out / "report.json").read_text("utf-8"))
    return report


def test_report_accounts_for_every_file(mixed_folder: Path, tmp_path: Path) -> None:
    result = build_marked(mixed_folder, tmp_path / "out")
    files = read_report(tmp_path / "out")["files"]
    assert isinstance(files, dict)
    every_file = {p.relative_to(mixed_folder).as_posix() for p in mixed_folder.rglob("*") if p.is_file()}
    assert set(files) == every_file == {r.path for r in result.files}
    assert files["2024-01-09-a.html"] == {
        "status": "meetings",
        "meetings": ["2024-01-09-Blinken-Wang"],
        "mentions": 1,
    }
    assert files["2024-01-10-b.html"]["meetings"] == ["2024-01-09-Blinken-Wang", "undated-Kerry-Xie"]
    assert files["sub/2024-01-11-c.html"] == {"status": "none"}
    assert files["2024-01-12-d.html"] == {
        "status": "skipped",
        "reason": "internal error: RuntimeError: extractor bug",
    }
    for name in ("2024-01-14-binary.html", "2024-01-15-broken.md"):
        assert files[name]["status"] == "skipped" and files[name]["reason"], name
    assert files["2024-01-13-empty.md"]["status"] in ("skipped", "none")


def test_report_counts_and_undated_meetings(mixed_folder: Path, tmp_path: Path) -> None:
    build_marked(mixed_folder, tmp_path / "out")
    report = read_report(tmp_path / "out")
    counts = report["counts"]
    assert isinstance(counts, dict)
    assert (counts["files"], counts["with_mentions"], counts["with_meetings"]) == (7, 2, 2)
    assert (counts["meetings"], counts["undated_meetings"]) == (2, 1)
    assert counts["read"] + counts["skipped"] == 7 and counts["skipped"] >= 3
    assert report["undated_meetings"] == [
        {"id": "undated-Kerry-Xie", "participants": ["Kerry", "Xie"], "sources": ["2024-01-10-b.html"]}
    ]


def test_outputs_follow_the_contract_and_read_back(mixed_folder: Path, tmp_path: Path) -> None:
    build_marked(mixed_folder, tmp_path / "out")
    document = json.loads((tmp_path / "out" / "meetings.json").read_text("utf-8"))
    assert list(VALIDATOR.iter_errors(document)) == []
    assert document["articles_dir"] == str(mixed_folder.resolve())
    assert "generated_at" not in document
    records = read_meetings_json(tmp_path / "out" / "meetings.json")
    assert [r["id"] for r in records] == ["2024-01-09-Blinken-Wang", "undated-Kerry-Xie"]
    assert [s["path"] for s in records[0]["sources"]] == ["2024-01-09-a.html", "2024-01-10-b.html"]
    assert read_meetings_frame(tmp_path / "out" / "meetings.parquet")["id"].tolist() == [
        r["id"] for r in records
    ]


def test_articles_document_holds_the_sources_of_meetings(mixed_folder: Path, tmp_path: Path) -> None:
    build_marked(mixed_folder, tmp_path / "out")
    articles = json.loads((tmp_path / "out" / "articles.json").read_text("utf-8"))
    assert sorted(articles) == ["2024-01-09-a.html", "2024-01-10-b.html"]
    article = articles["2024-01-09-a.html"]
    assert set(article) == {"title", "url", "outlet", "published", "paragraphs"}
    assert article["title"] == "中美会谈"
    assert any("布林肯与王毅会谈" in paragraph for paragraph in article["paragraphs"])


def test_second_build_writes_the_same_bytes(mixed_folder: Path, tmp_path: Path) -> None:
    """The same bytes from the second build on; the report of the first says there was no previous table."""
    build_marked(mixed_folder, tmp_path / "out")
    first_changes = read_report(tmp_path / "out")["changes"]
    build_marked(mixed_folder, tmp_path / "out")
    before = {name: (tmp_path / "out" / name).read_bytes() for name in OUTPUTS}
    third = build_marked(mixed_folder, tmp_path / "out")
    assert {name: (tmp_path / "out" / name).read_bytes() for name in OUTPUTS} == before
    assert third.reused >= 3  # the three good files at least; the extractor's failure is retried
    assert first_changes is None
    assert read_report(tmp_path / "out")["changes"] == {"added": [], "changed": {}, "removed": []}


def test_second_build_reuses_every_result(tmp_path: Path) -> None:
    for name in ("a.html", "b.html", "c.md"):
        write_post(tmp_path / "posts", name, "<p>MEET 2024-01-09 Blinken Wang</p>")
    assert build_marked(tmp_path / "posts", tmp_path / "out").reused == 0
    assert build_marked(tmp_path / "posts", tmp_path / "out").reused == 3


def test_extractor_failures_are_retried_not_cached(tmp_path: Path) -> None:
    write_post(tmp_path / "posts", "a.html", "<p>BOOM</p>")
    build_marked(tmp_path / "posts", tmp_path / "out")
    assert build_marked(tmp_path / "posts", tmp_path / "out").reused == 0


def test_cache_reuses_touched_files_and_redoes_changed_ones(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    write_post(folder, "a.html", "<p>MEET 2024-01-09 Blinken Wang</p>")
    changed = write_post(folder, "b.html", "<p>nothing</p>")
    touched = write_post(folder, "c.html", "<p>nothing either</p>")
    build_marked(folder, tmp_path / "out")
    write_post(folder, "b.html", "<p>MEET 2024-01-20 Raimondo Wang</p>")
    os.utime(touched, ns=(1_000_000_000, 1_000_000_000))
    result = build_marked(folder, tmp_path / "out")
    assert result.reused == 2
    assert [m.id for m in result.meetings] == ["2024-01-09-Blinken-Wang", "2024-01-20-Raimondo-Wang"]
    assert changed.exists()


def test_cache_is_dropped_when_the_extractor_changes(tmp_path: Path) -> None:
    write_post(tmp_path / "posts", "a.html", "<p>MEET 2024-01-09 Blinken Wang</p>")
    build_marked(tmp_path / "posts", tmp_path / "out")
    result = build(tmp_path / "posts", tmp_path / "out", extract=lambda article: [], merge=merge_marked)
    assert result.reused == 0 and result.meetings == ()


def test_no_cache_neither_reads_nor_writes_it(tmp_path: Path) -> None:
    write_post(tmp_path / "posts", "a.html", "<p>MEET 2024-01-09 Blinken Wang</p>")
    build_marked(tmp_path / "posts", tmp_path / "out")
    result = build_marked(tmp_path / "posts", tmp_path / "fresh", use_cache=False)
    assert result.reused == 0
    assert not (tmp_path / "fresh" / ".cache").exists()


def record_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the folder files this process reads from now on (not those a pool's workers read)."""
    reads: list[str] = []
    read_file = inputs.read_file

    def recorded(path: str | os.PathLike[str]) -> tuple[bytes, int, int]:
        reads.append(Path(path).name)
        return read_file(path)

    monkeypatch.setattr(inputs, "read_file", recorded)
    return reads


def test_a_file_stamped_by_a_pool_worker_is_reused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold build stats nothing: each worker stamps the file it reads, exactly as os.stat would."""
    folder = tmp_path / "posts"
    for number in range(POOL_MIN + 10):
        post = write_post(folder, f"{number:04d}.html", "<p>天气</p>" * (number % 5 + 1))
        os.utime(post, ns=(1_700_000_000_123_456_789 + number, 1_700_000_000_123_456_789 + number))
    build_marked(folder, tmp_path / "out", workers=2)
    reads = record_reads(monkeypatch)
    assert build_marked(folder, tmp_path / "out", workers=2).reused == POOL_MIN + 10
    assert reads == []


def test_a_build_after_a_touch_reads_the_touched_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "posts"
    for name in ("a.html", "b.html", "c.html"):
        write_post(folder, name, f"<p>MEET 2024-01-09 Blinken Wang</p><p>{name}</p>")
    build_marked(folder, tmp_path / "out")
    os.utime(folder / "b.html", ns=(1_000_000_000, 1_000_000_000))
    reads = record_reads(monkeypatch)
    assert build_marked(folder, tmp_path / "out").reused == 3
    assert reads == ["b.html"]


def deny_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make `path` unreadable as a chmod 000 file is to anyone but root (tests may run as root)."""
    os_open, os_access = os.open, os.access

    def open_unless_denied(name: str | os.PathLike[str], *args: int, **options: int) -> int:
        if os.fspath(name) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return os_open(name, *args, **options)

    monkeypatch.setattr(os, "open", open_unless_denied)
    monkeypatch.setattr(
        os, "access", lambda name, mode: os.fspath(name) != str(path) and os_access(name, mode)
    )


def test_an_unreadable_file_is_skipped_as_such_and_never_cached(tmp_path: Path) -> None:
    folder, out = tmp_path / "posts", tmp_path / "out"
    write_post(folder, "a.html", "<p>MEET 2024-01-09 Blinken Wang</p>")
    secret = write_post(folder, "b.html", "<p>MEET 2024-01-10 Kerry Xie</p>")
    unreadable = {"status": "skipped", "reason": "unreadable: permission denied"}
    with pytest.MonkeyPatch.context() as patch:
        deny_reading(patch, secret)  # on a cold build: found when it is opened
        assert build_marked(folder, out).reused == 0
    assert read_report(out)["files"]["b.html"] == unreadable  # type: ignore[index]
    assert build_marked(folder, out).reused == 1  # read now, not taken from the cache
    with pytest.MonkeyPatch.context() as patch:
        deny_reading(patch, secret)  # cached and unchanged, yet not reused unread
        assert build_marked(folder, out).reused == 1
    assert read_report(out)["files"]["b.html"] == unreadable  # type: ignore[index]


def test_files_that_disappear_leave_the_cache(tmp_path: Path) -> None:
    write_post(tmp_path / "posts", "a.html", "<p>MEET 2024-01-09 Blinken Wang</p>")
    gone = write_post(tmp_path / "posts", "b.html", "<p>MEET 2024-01-10 Kerry Xie</p>")
    build_marked(tmp_path / "posts", tmp_path / "out")
    gone.unlink()
    result = build_marked(tmp_path / "posts", tmp_path / "out")
    assert [r.path for r in result.files] == ["a.html"]
    assert [m.id for m in result.meetings] == ["2024-01-09-Blinken-Wang"]


def test_a_result_sent_back_by_a_worker_arrives_whole(mixed_folder: Path, tmp_path: Path) -> None:
    files = build_marked(mixed_folder, tmp_path / "out", use_cache=False).files
    assert any(result.mentions for result in files) and any(result.skip_reason for result in files)
    assert pickle.loads(pickle.dumps(files, pickle.HIGHEST_PROTOCOL)) == files


def test_pool_and_single_process_write_the_same_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    for number in range(POOL_MIN + 60):
        marker = f"MEET 2024-01-{number % 28 + 1:02d} Blinken Wang" if number % 7 == 0 else "天气"
        write_post(
            folder,
            f"{number:04d}.html",
            f"<p>{marker}</p>\n<p>BOOM</p>" if number == 5 else f"<p>{marker}</p>",
        )
    build_marked(folder, tmp_path / "single", workers=1, use_cache=False)
    pooled = build_marked(folder, tmp_path / "pooled", workers=2, use_cache=False)
    for name in ("meetings.json", "meetings.parquet", "articles.json"):
        assert (tmp_path / "single" / name).read_bytes() == (tmp_path / "pooled" / name).read_bytes(), name
    assert [r.path for r in pooled.skipped] == ["0005.html"]


def test_ids_and_bytes_are_stable_across_fresh_builds(mixed_folder: Path, tmp_path: Path) -> None:
    build_marked(mixed_folder, tmp_path / "one", use_cache=False)
    build_marked(mixed_folder, tmp_path / "two", use_cache=False)
    for name in ("meetings.json", "articles.json", "report.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_progress_reaches_the_total(mixed_folder: Path, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    build_marked(mixed_folder, tmp_path / "out", progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (7, 7)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(
            lambda tmp: (tmp / "missing", tmp / "out"), "articles folder not found", id="missing-folder"
        ),
        pytest.param(
            lambda tmp: (_touch(tmp / "f.html"), tmp / "out"), "not a folder", id="articles-is-a-file"
        ),
        pytest.param(lambda tmp: (tmp, _touch(tmp / "out")), "output path exists", id="out-is-a-file"),
    ],
)
def test_unusable_folders_raise_with_the_path(tmp_path: Path, make: object, message: str) -> None:
    articles, out = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(FolderError, match=message) as caught:
        build_marked(articles, out)
    assert str(caught.value.path) in str(caught.value)


def test_a_second_build_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    write_post(tmp_path / "posts", "a.html", "<p>MEET 2024-01-09 Blinken Wang</p>")
    build_marked(tmp_path / "posts", tmp_path / "out")
    with open(tmp_path / "out" / ".lock", "wb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(FolderError, match="another build is writing to this output folder"):
            build_marked(tmp_path / "posts", tmp_path / "out")
    assert build_marked(tmp_path / "posts", tmp_path / "out").reused == 1


def _touch(path: Path) -> Path:
    path.write_text("x")
    return path


# A build in a child process, over the tests' own extractor; KILL_AT > 0 kills it at that os.replace call.
_CHILD = """
import os, signal, sys
sys.path.insert(0, {tests!r})
import test_build
kill_at, calls, replace = int(sys.argv[3]), [], os.replace
def replace_or_die(source, destination):
    calls.append(destination)
    if len(calls) == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    replace(source, destination)
os.replace = replace_or_die
test_build.build_marked(sys.argv[1], sys.argv[2], workers=1)
"""


def _run_child(articles: Path, out: Path, *, kill_at: int = 0, kill_after: float | None = None) -> int:
    """Run the child build; kill it at the kill_at-th rename or after kill_after seconds; its status."""
    script = _CHILD.format(tests=str(Path(__file__).parent))
    command = [sys.executable, "-c", script, str(articles), str(out), str(kill_at)]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as child:
        if kill_after is not None:
            time.sleep(kill_after)
            child.send_signal(signal.SIGKILL)
        return child.wait()


def _check_outputs(out: Path, allowed: list[bytes]) -> None:
    """Every output loads; meetings.json is the whole old table or the whole new one, and valid."""
    table = (out / "meetings.json").read_bytes()
    assert table in allowed
    assert list(VALIDATOR.iter_errors(json.loads(table))) == []
    json.loads((out / "articles.json").read_bytes())
    json.loads((out / "report.json").read_bytes())
    read_meetings_frame(out / "meetings.parquet")


def extract_stalled(article: Article) -> list[MeetingMention]:
    """extract_marked, after a minute's wait: keeps a pool's workers busy while their build is killed."""
    time.sleep(60)
    return extract_marked(article)


_STALLED_CHILD = """
import sys
sys.path.insert(0, {tests!r})
import test_build
test_build.build(sys.argv[1], sys.argv[2], extract=test_build.extract_stalled, merge=test_build.merge_marked,
                 workers=2)
"""


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def test_workers_outliving_a_killed_build_do_not_keep_the_folder_locked(tmp_path: Path) -> None:
    folder, out = tmp_path / "posts", tmp_path / "out"
    for number in range(POOL_MIN + 20):
        write_post(folder, f"{number:03d}.html", f"<p>MEET 2024-01-09 Blinken Wang{number}</p>")
    write_post(tmp_path / "small", "a.html", "<p>MEET 2024-01-10 Kerry Xie</p>")
    script = _STALLED_CHILD.format(tests=str(Path(__file__).parent))
    command = [sys.executable, "-c", script, str(folder), str(out)]
    workers: set[int] = set()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as child:
        try:
            deadline = time.monotonic() + 60
            while len(workers) < 2 and time.monotonic() < deadline and child.poll() is None:
                time.sleep(0.01)
                workers = _children(child.pid)
            assert len(workers) >= 2, "the build's pool did not start"
            child.send_signal(signal.SIGKILL)
            assert child.wait() == -signal.SIGKILL
            assert all(Path(f"/proc/{pid}").exists() for pid in workers)  # orphans, stalled in extract
            result = build_marked(tmp_path / "small", out, workers=1)  # not refused as "another build"
            assert [m.participants[0].name_en for m in result.meetings] == ["Kerry"]
        finally:
            for pid in workers:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def test_build_killed_while_writing_leaves_readable_tables(tmp_path: Path) -> None:
    folder, out = tmp_path / "posts", tmp_path / "out"
    lines = "\n".join(f"<p>MEET 2024-01-{d:02d} Blinken Wang{n}</p>" for d in range(1, 29) for n in range(3))
    for number in range(40):
        write_post(folder, f"{number:03d}.html", f"<p>{number}</p>\n{lines}")
    assert _run_child(folder, tmp_path / "old") == 0
    old = (tmp_path / "old" / "meetings.json").read_bytes()
    write_post(folder, "40.html", "<p>MEET 2024-01-30 Kerry Xie</p>")
    started = time.perf_counter()
    assert _run_child(folder, tmp_path / "new") == 0
    duration = time.perf_counter() - started
    new = (tmp_path / "new" / "meetings.json").read_bytes()
    for kill_at in range(1, 6):  # before each of the five renames: four outputs and the cache
        _restore(tmp_path / "old", out)
        assert _run_child(folder, out, kill_at=kill_at) == -signal.SIGKILL
        _check_outputs(out, [old, new])
    chance = random.Random(2401)
    for _ in range(6):  # and at arbitrary moments, most of them inside the writing
        _restore(tmp_path / "old", out)
        _run_child(folder, out, kill_after=chance.uniform(0.5, 1.0) * duration)
        _check_outputs(out, [old, new])
    assert _run_child(folder, out) == 0
    assert (out / "meetings.json").read_bytes() == new
    assert not [p.name for p in out.rglob("*.tmp")]


def _restore(snapshot: Path, out: Path) -> None:
    """Put back the previous build's output folder, cache included."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(snapshot, out)


def test_a_build_without_corrections_loads_neither_the_correct_stage_nor_its_yaml_library() -> None:
    """What only --corrections needs is imported only then: a build's start runs on one core."""
    script = (
        "import sys, data_prep.build, data_prep.output.report\n"
        "print(sorted(n for n in sys.modules if n.startswith(('data_prep.correct', 'ruamel'))))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
