"""Hostile input end to end: broken files beside good ones get a clear skip, and nothing good is lost.

The corpus is written in tmp_path: good meeting reports in UTF-8, GB18030, Big5 and UTF-16, each
reporting its own meeting, beside every kind of broken file a user's folder collects. The real command
line runs in a subprocess, as a user or a script would run it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from data_prep import __main__ as cli
from data_prep.build import build
from data_prep.errors import ArticleFormatError
from data_prep.read.readers import decode_article_bytes

BIG_BYTES = 50 * 1024 * 1024
SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "meetings.schema.json").read_text("utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
PATHOLOGICAL_SECONDS = 120  # a hang guard, not a speed test: each such file builds in about a second
SUMMARY_LIMIT = 10  # the end-of-build summary names this many skipped files, then counts the rest

# ---- good articles: one meeting each, so each file's meeting is checkable -------------------------

RTHK_UTF8 = """---
layout: post
title: 王文濤與雷蒙多通話
date: 2024-01-11T10:00:00.000Z
author: 香港電台
from: https://news.rthk.hk/rthk/ch/component/k2/1730001-20240111.htm
categories: [ 香港電台 ]
---
<p>中國商務部長王文濤與美國商務部長雷蒙多11日通話，就出口管制交換意見。</p>
<p>雙方同意保持溝通。</p>
"""
ZAOBAO_GB18030 = """---
layout: post
title: 何立峰与耶伦视频通话
date: 2024-01-09T09:00:00.000Z
author: 联合早报
from: https://www.zaobao.com/realtime/china/story20240109-1
categories: [ 联合早报 ]
---
<p>国务院副总理何立峰9日与美国财政部长耶伦举行视频通话，双方就宏观经济和金融稳定交换意见。</p>
"""
CNA_BIG5 = """---
layout: post
title: 布林肯與王毅通電話
date: 2024-01-08T14:00:00.000Z
author: 中央社
from: https://www.cna.com.tw/news/aopl/202401080001.aspx
categories: [ 中央社 ]
---
<p>（中央社華盛頓8日綜合外電報導）美國國務卿布林肯8日與中國外交部長王毅通電話，雙方討論台灣問題。</p>
"""
DW_UTF16 = """---
layout: post
title: 沙利文与王毅在曼谷会晤
date: 2024-01-27T12:00:00.000Z
author: 德国之声
from: https://www.dw.com/zh/沙利文与王毅在曼谷会晤/a-1
categories: [ 德国之声 ]
---
<p>美国总统国家安全事务助理沙利文26日至27日在泰国曼谷与中共中央外事工作委员会办公室主任王毅举行会晤。</p>
"""
FEED_NAN = """<!--NaN-->
[美中气候特使会谈](https://www.zaobao.com/realtime/world/story20240509-1)
------

<p>美国总统国际气候政策高级顾问波德斯塔8日在华盛顿与中国气候变化事务特使刘振民举行会谈。</p>
"""
BROKEN_YAML = """---
title: "沙利文与王毅会晤: [未闭合
date: 2023-05-11T08:00:00.000Z
tags: [ 联合早报
  bad indent: : :
author: 联合早报
---
<p>美国总统国家安全事务助理沙利文10日至11日在维也纳与中共中央外事工作委员会办公室主任王毅举行会晤。</p>
"""
UNREADABLE = """---
layout: post
title: 克里与解振华会谈
date: 2023-07-17T10:00:00.000Z
author: 联合早报
from: https://www.zaobao.com/realtime/china/story20230717-1
categories: [ 联合早报 ]
---
<p>美国总统气候问题特使克里17日在北京与中国气候变化事务特使解振华举行会谈。</p>
"""
# Markup that must never reach the table: scripts (one hiding a fake meeting), frames, on* handlers,
# javascript: and data: links.
SCRIPTED_HTML = """---
title: "奥斯汀与董军视频通话<script>alert(0)</script>"
date: 2024-04-16T20:00:00.000Z
link: "javascript:alert(document.cookie)"
---
<script>document.write('<p>美国国务卿布林肯与中国外交部长王毅16日举行会谈。</p>')</script>
<iframe src="javascript:alert(2)"></iframe>
<p onclick="alert(3)">美国国防部长奥斯汀16日与中国国防部长董军举行视频通话，双方讨论了南海问题。
<img src="x" onerror="alert(4)"></p>
<p><a href="javascript:alert(5)">点击阅读</a></p>
"""
DATA_URL_HTML = """---
title: 布林肯会见刘建超
date: 2024-01-12T20:00:00.000Z
from: "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
---
<div onmouseover="alert(1)"><p>美国国务卿布林肯12日在华盛顿与中共中央对外联络部部长刘建超举行会晤。</p></div>
<p><a href="data:text/html,<script>alert(1)</script>">原文</a></p>
"""
FUTURE = """---
title: 未来的通话
date: 2099-03-05T08:00:00.000Z
author: 联合早报
---
<p>美国国务卿布林肯5日与中国外交部长王毅通电话。</p>
"""
EPOCH = """---
title: 一九七〇年的通话
date: 1970-01-01T00:00:00.000Z
author: 联合早报
---
<!--0-->
<p>美国国务卿布林肯3日与中国外交部长王毅通电话。</p>
"""
# Wrong metadata dates (a CMS's epoch zero, a far-future typo) beside a date written out in the text.
EPOCH_EXPLICIT = """---
title: 布林肯在慕尼黑会见王毅
date: 1970-01-01T00:00:00.000Z
author: 联合早报
---
<p>美国国务卿布林肯2024年2月16日在慕尼黑会见中国外交部长王毅。</p>
"""
FUTURE_EXPLICIT = """---
title: 习近平会见布林肯
date: 2099-12-31T23:59:59.000Z
author: 联合早报
---
<p>2023年6月19日，中国国家主席习近平在北京会见美国国务卿布林肯。</p>
"""
NO_CLOSING = """---
title: 没有结尾的前言
date: 2024-01-11T10:00:00.000Z
<p>中国商务部长王文涛与美国商务部长雷蒙多11日通话。</p>
"""
# UTF-8 files a byte short of valid: a download cut mid-character, one stray byte.
TRUNCATED = """---
title: 耶伦与何立峰在广州会谈
date: 2024-04-06T08:00:00.000Z
author: 联合早报
---
<p>美国财政部长耶伦5日在广州与国务院副总理何立峰举行会谈。</p>
<p>双方同意继续沟通。</p>
""".encode()[:-12]
STRAY_BYTE = """---
title: 拜登与习近平在旧金山会晤
date: 2023-11-16T08:00:00.000Z
author: 联合早报
---
<p>美国总统拜登与中国国家主席习近平15日在旧金山举行会晤。</p>
<p>这是两国元首一年来首次面对面会晤。</p>
""".encode().replace("一年来".encode(), b"\xff")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
INVALID_UTF8 = b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xe2\x82\x28\xf0\x28\x8c\xbc\xf8\xa1\xa1\xa1\xa1\n" * 40

SCRIPTED_PATH = "2024-04-17-scripted.html"
DATA_URL_PATH = "2024-01-13-data-url.html"
FUTURE_PATH = "2099-03-05-future.md"
EPOCH_PATH = "1970-01-01-epoch.md"
EPOCH_EXPLICIT_PATH = "1970-01-01-epoch-explicit.md"
FUTURE_EXPLICIT_PATH = "2099-12-31-future-explicit.md"
UNREADABLE_PATH = "2023-07-18-unreadable.md"
RTHK_PATH = "2024-01-11-RTHK-王文濤與雷蒙多通話.md"
RTHK_COPY_PATH = "2024-01-11-RTHK-王文濤與雷蒙多通話 (1).md"


@dataclass(frozen=True, slots=True)
class Expected:
    """A meeting a file must give: its first day, its two sides' people and how it was held."""

    start_date: str
    people: frozenset[str]
    meeting_type: str


def people(*names: str) -> frozenset[str]:
    return frozenset(names)


# Every file whose meeting must be in meetings.json, with that meeting.
GOOD: dict[str, Expected] = {
    RTHK_COPY_PATH: Expected("2024-01-11", people("Wang Wentao", "Gina Raimondo"), "phone"),  # first by name
    "2024-01-09-ZB-gb18030.md": Expected("2024-01-09", people("He Lifeng", "Janet Yellen"), "video"),
    "2024-01-08-CNA-big5.md": Expected("2024-01-08", people("Antony Blinken", "Wang Yi"), "phone"),
    "2024-01-27-DW-utf16.md": Expected("2024-01-26", people("Jake Sullivan", "Wang Yi"), "in_person"),
    "2024-05-09-feed-nan.md": Expected("2024-05-08", people("John Podesta", "Liu Zhenmin"), "in_person"),
    "2023-05-11-broken-yaml.md": Expected("2023-05-10", people("Jake Sullivan", "Wang Yi"), "in_person"),
    SCRIPTED_PATH: Expected("2024-04-16", people("Lloyd Austin", "Dong Jun"), "video"),
    DATA_URL_PATH: Expected("2024-01-12", people("Antony Blinken", "Liu Jianchao"), "in_person"),
    EPOCH_EXPLICIT_PATH: Expected("2024-02-16", people("Antony Blinken", "Wang Yi"), "in_person"),
    "2024-04-06-truncated.md": Expected("2024-04-05", people("Janet Yellen", "He Lifeng"), "in_person"),
    "2023-11-16-stray-byte.md": Expected("2023-11-15", people("Joe Biden", "Xi Jinping"), "in_person"),
}
# The same text under other names: duplicates of the copy first by name.
RTHK_DUPLICATES = (RTHK_PATH, "sub/2024-01-11-RTHK-copy-in-subfolder.md")
# Every file that must be skipped, with a word its reason must contain.
SKIPPED: dict[str, str] = {
    "invalid-utf8.md": "UTF-8",
    "empty.md": "empty",
    "2024-01-20-binary.html": "binary",
    "2024-01-21-huge.md": "MB",
    "2024-01-22-no-closing.md": "no closing ---",
    "README.md": "README",
    "photo.jpg": "image",
    "sub/loop": "loop",
    "self-loop.md": "symlink",
}
ROOT = os.geteuid() == 0  # root reads a chmod 000 file; anyone else gets "permission denied"


def write_corpus(folder: Path) -> Path:
    """Write the good and the broken files into folder, exactly the paths GOOD and SKIPPED name."""
    sub = folder / "sub"
    sub.mkdir(parents=True)
    texts = {
        RTHK_PATH: RTHK_UTF8.encode("utf-8"),
        RTHK_COPY_PATH: RTHK_UTF8.encode("utf-8"),
        "2024-01-09-ZB-gb18030.md": ZAOBAO_GB18030.encode("gb18030"),
        "2024-01-08-CNA-big5.md": CNA_BIG5.encode("big5"),
        "2024-01-27-DW-utf16.md": DW_UTF16.replace("\n", "\r\n").encode("utf-16"),
        "2024-05-09-feed-nan.md": FEED_NAN.encode("utf-8"),
        "2023-05-11-broken-yaml.md": BROKEN_YAML.encode("utf-8"),
        SCRIPTED_PATH: SCRIPTED_HTML.encode("utf-8"),
        DATA_URL_PATH: DATA_URL_HTML.encode("utf-8"),
        FUTURE_PATH: FUTURE.encode("utf-8"),
        EPOCH_PATH: EPOCH.encode("utf-8"),
        UNREADABLE_PATH: UNREADABLE.encode("utf-8"),
        "sub/2024-01-11-RTHK-copy-in-subfolder.md": RTHK_UTF8.encode("utf-8"),
        "invalid-utf8.md": INVALID_UTF8,
        EPOCH_EXPLICIT_PATH: EPOCH_EXPLICIT.encode("utf-8"),
        FUTURE_EXPLICIT_PATH: FUTURE_EXPLICIT.encode("utf-8"),
        "2024-04-06-truncated.md": TRUNCATED,
        "2023-11-16-stray-byte.md": STRAY_BYTE,
        "empty.md": b"",
        "2024-01-20-binary.html": PNG,
        "2024-01-22-no-closing.md": NO_CLOSING.encode("utf-8"),
        "README.md": "# 我的新闻\n\n美国国务卿布林肯与中国外交部长王毅通电话的报道都在这里。\n".encode(),
        "photo.jpg": PNG,
    }
    for path, data in texts.items():
        (folder / path).write_bytes(data)
    write_huge_article(folder / "2024-01-21-huge.md")
    (sub / "loop").symlink_to("..", target_is_directory=True)
    (folder / "self-loop.md").symlink_to("self-loop.md")
    (folder / UNREADABLE_PATH).chmod(0)
    return folder


def write_huge_article(path: Path) -> None:
    """A valid article padded past any sensible size with one write of repeated bytes."""
    head = RTHK_UTF8.encode("utf-8")
    filler = "<p>雙方同意保持溝通。</p>\n".encode()
    with path.open("wb") as handle:
        handle.write(head + filler * ((BIG_BYTES - len(head)) // len(filler) + 1))


# Every name a user sees in the folder: files and symlinks, nothing reached through the looping link.
EVERY_INPUT = frozenset(
    {*GOOD, *SKIPPED, *RTHK_DUPLICATES, FUTURE_PATH, FUTURE_EXPLICIT_PATH, EPOCH_PATH, UNREADABLE_PATH}
)


@dataclass(frozen=True, slots=True)
class Run:
    status: int
    stderr: str
    out: Path

    def read(self, name: str) -> Any:
        return json.loads((self.out / name).read_text("utf-8"), object_pairs_hook=unique_keys)


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Build a JSON object, failing on a key given twice (json.loads would keep the last silently)."""
    keys = [key for key, _ in pairs]
    assert len(keys) == len(set(keys)), f"a key appears twice: {keys}"
    return dict(pairs)


def run_build(folder: Path, out: Path, *options: str, timeout: float = 300) -> Run:
    command = [sys.executable, "-m", "data_prep", "build", str(folder), "--out", str(out), *options]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    return Run(done.returncode, done.stderr, out)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = write_corpus(tmp_path_factory.mktemp("hostile") / "posts")
    yield folder
    (folder / UNREADABLE_PATH).chmod(0o644)  # so pytest can clean up


@pytest.fixture(scope="module")
def built(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return run_build(corpus, tmp_path_factory.mktemp("out") / "out")


def meetings_of(run: Run) -> list[dict[str, Any]]:
    meetings: list[dict[str, Any]] = run.read("meetings.json")["meetings"]
    return meetings


def find_meeting(meetings: list[dict[str, Any]], expected: Expected) -> list[dict[str, Any]]:
    return [
        m
        for m in meetings
        if m["start_date"] == expected.start_date
        and expected.people <= {p["name_en"] for p in m["participants"]}
    ]


# ---- the tests -------------------------------------------------------------------------------------


def test_skipped_files_make_exit_status_3(built: Run) -> None:
    assert built.status == cli.EXIT_SKIPPED == 3, built.stderr
    assert "Traceback" not in built.stderr


def test_table_follows_the_contract(built: Run) -> None:
    assert list(VALIDATOR.iter_errors(built.read("meetings.json"))) == []


def test_report_lists_every_input_file_once(built: Run) -> None:
    files = built.read("report.json")["files"]
    assert set(files) == EVERY_INPUT
    assert built.read("report.json")["counts"]["files"] == len(EVERY_INPUT)


@pytest.mark.parametrize(("path", "word"), [pytest.param(p, w, id=p) for p, w in SKIPPED.items()])
def test_skipped_file_has_a_reason_naming_the_problem(built: Run, path: str, word: str) -> None:
    entry = built.read("report.json")["files"][path]
    assert entry["status"] == "skipped"
    assert word.lower() in entry["reason"].lower()


def test_unreadable_file_is_read_by_root_and_skipped_for_others(built: Run) -> None:
    entry = built.read("report.json")["files"][UNREADABLE_PATH]
    if ROOT:
        assert entry["status"] == "meetings"
        expected = Expected("2023-07-17", people("John Kerry", "Xie Zhenhua"), "in_person")
        assert len(find_meeting(meetings_of(built), expected)) == 1
    else:
        assert entry == {"status": "skipped", "reason": "unreadable: permission denied"}


def test_summary_names_the_skipped_files(built: Run) -> None:
    files = built.read("report.json")["files"]
    skipped = [(path, entry["reason"]) for path, entry in files.items() if entry["status"] == "skipped"]
    assert f"skipped: {len(skipped)}" in built.stderr
    assert f"skipped files ({len(skipped)}):" in built.stderr
    for path, reason in skipped[:SUMMARY_LIMIT]:
        assert f"  {path}: {reason}\n" in built.stderr
    if len(skipped) > SUMMARY_LIMIT:
        assert f"... and {len(skipped) - SUMMARY_LIMIT} more (see report.json)" in built.stderr


@pytest.mark.parametrize(("path", "expected"), [pytest.param(p, e, id=p) for p, e in GOOD.items()])
def test_good_file_gives_its_meeting(built: Run, path: str, expected: Expected) -> None:
    entry = built.read("report.json")["files"][path]
    assert entry["status"] == "meetings", entry
    (meeting,) = find_meeting(meetings_of(built), expected)
    assert meeting["meeting_type"] == expected.meeting_type
    assert path in {source["path"] for source in meeting["sources"]}
    assert meeting["id"] in entry["meetings"]


def test_same_article_under_three_names_is_one_article(built: Run) -> None:
    (meeting,) = find_meeting(meetings_of(built), GOOD[RTHK_COPY_PATH])
    assert [source["path"] for source in meeting["sources"]] == [RTHK_COPY_PATH]
    files = built.read("report.json")["files"]
    for path in RTHK_DUPLICATES:
        assert files[path] == {"status": "duplicate", "of": RTHK_COPY_PATH}


@pytest.mark.parametrize("name", ["meetings.json", "articles.json"])
def test_no_markup_or_script_reaches_the_outputs(built: Run, name: str) -> None:
    text = (built.out / name).read_text("utf-8")
    for word in ("javascript:", "data:text", "<script", "<iframe", "onerror", "onclick", "alert("):
        assert word not in text


def test_only_http_urls_and_plain_text_reach_the_table(built: Run) -> None:
    for meeting in meetings_of(built):
        for source in meeting["sources"]:
            assert source["url"] is None or source["url"].startswith(("http://", "https://")), source
            assert "<" not in (source["title"] or ""), source
        for excerpt in meeting["excerpts"]:
            assert "<" not in excerpt["text"] and ">" not in excerpt["text"], excerpt


def test_scripted_article_gives_only_its_visible_meeting(built: Run) -> None:
    entry = built.read("report.json")["files"][SCRIPTED_PATH]
    assert len(entry["meetings"]) == 1
    (meeting,) = [m for m in meetings_of(built) if m["id"] in entry["meetings"]]
    assert {p["name_en"] for p in meeting["participants"]} == GOOD[SCRIPTED_PATH].people
    source = next(s for s in meeting["sources"] if s["path"] == SCRIPTED_PATH)
    assert source["url"] is None
    assert any("not an http(s) URL" in note for note in entry["notes"])


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        # Blinken held no office in 2099: no meeting, or one on the day its dateline names.
        pytest.param(FUTURE_PATH, {"2099-03-05"}, id="2099-relative-day"),
        # A meeting 76 years before the dateline is background: no meeting, or the day the text names.
        pytest.param(FUTURE_EXPLICIT_PATH, {"2023-06-19"}, id="2099-explicit-date"),
        # 1970-01-01T00:00:00Z is a placeholder: 3日 of no known month is undated.
        pytest.param(EPOCH_PATH, {None}, id="1970-relative-day"),
        pytest.param(EPOCH_EXPLICIT_PATH, {"2024-02-16"}, id="1970-explicit-date"),
    ],
)
def test_far_dated_article_is_read_and_never_dated_by_a_clock(
    built: Run, path: str, allowed: set[str | None]
) -> None:
    entry = built.read("report.json")["files"][path]
    assert entry["status"] != "skipped"
    for meeting in meetings_of(built):
        if path in {source["path"] for source in meeting["sources"]}:
            assert meeting["start_date"] in allowed, meeting


@pytest.mark.parametrize(
    "path", [pytest.param(EPOCH_PATH, id="relative"), pytest.param(EPOCH_EXPLICIT_PATH, id="explicit")]
)
def test_unix_epoch_date_is_a_placeholder(built: Run, path: str) -> None:
    entry = built.read("report.json")["files"][path]
    assert "date is the Unix epoch, a placeholder: 1970-01-01T00:00:00+00:00" in entry["notes"]
    for meeting in meetings_of(built):
        for source in meeting["sources"]:
            if source["path"] == path:
                assert source["published"] is None


def test_every_meeting_is_dated_from_its_articles(built: Run) -> None:
    """No date comes from the clock: each one is an expected date, or none."""
    expected = {e.start_date for e in GOOD.values()} | {"2023-07-17", "2023-06-19", "2099-03-05", None}
    assert {meeting["start_date"] for meeting in meetings_of(built)} <= expected


def test_rerun_gives_identical_tables_and_ids(built: Run, corpus: Path, tmp_path: Path) -> None:
    cached = run_build(corpus, built.out)
    fresh = run_build(corpus, tmp_path / "fresh", "--no-cache")
    table = (built.out / "meetings.json").read_bytes()
    assert cached.status == fresh.status == cli.EXIT_SKIPPED
    assert (cached.out / "meetings.json").read_bytes() == table
    assert (fresh.out / "meetings.json").read_bytes() == table
    assert fresh.read("report.json")["files"] == built.read("report.json")["files"]
    assert [m["id"] for m in meetings_of(fresh)] == [m["id"] for m in meetings_of(built)] != []


def test_folder_of_only_broken_files_exits_3_with_an_empty_table(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "empty.md").write_bytes(b"")
    (folder / "binary.html").write_bytes(PNG)
    (folder / "invalid.md").write_bytes(INVALID_UTF8)
    (folder / "no-closing.md").write_text(NO_CLOSING, "utf-8")
    (folder / "loop").symlink_to(".", target_is_directory=True)
    done = run_build(folder, tmp_path / "out")
    assert done.status == cli.EXIT_SKIPPED, done.stderr
    document = done.read("meetings.json")
    assert document["meetings"] == []
    assert list(VALIDATOR.iter_errors(document)) == []
    report = done.read("report.json")
    assert report["counts"]["skipped"] == report["counts"]["files"] == 5
    assert {entry["status"] for entry in report["files"].values()} == {"skipped"}


def test_huge_file_is_skipped_without_two_copies_in_memory(tmp_path: Path) -> None:
    """A 50 MB file costs at most one read of it: the build's peak allocation stays under two copies."""
    small, huge = tmp_path / "small", tmp_path / "huge"
    for folder in (small, huge):
        folder.mkdir()
        (folder / RTHK_PATH).write_text(RTHK_UTF8, "utf-8")
    write_huge_article(huge / "2024-01-21-huge.md")
    build(small, tmp_path / "out-small", workers=1)  # imports and vocabularies loaded before measuring
    tracemalloc.start()
    try:
        result = build(huge, tmp_path / "out-huge", workers=1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(item.path, item.skip_reason) for item in result.skipped] == [
        ("2024-01-21-huge.md", "file is 50 MB, over the 20 MB limit")
    ]
    assert peak < 1.5 * BIG_BYTES, f"peak {peak / 2**20:.0f} MB"


CUT = "美国国务卿布林肯与中国外长秦刚在北京举行会谈。".encode()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(CUT[:-1], "美国国务卿布林肯与中国外长秦刚在北京举行会谈\ufffd", id="cut-mid-character"),
        pytest.param(
            CUT[:9] + b"\xff" + CUT[9:], "美国国\ufffd务卿布林肯与中国外长秦刚在北京举行会谈。", id="stray"
        ),
        pytest.param(
            b"\xef\xbb\xbf" + CUT[:-2], "美国国务卿布林肯与中国外长秦刚在北京举行会谈\ufffd", id="bom-and-cut"
        ),
    ],
)
def test_utf8_with_one_bad_byte_decodes_with_a_replacement(raw: bytes, expected: str) -> None:
    assert decode_article_bytes(raw, "a.md") == expected


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(INVALID_UTF8, id="garbage"),
        pytest.param(CUT[:9] + b"\xff\xfe" + CUT[9:], id="two-bad-bytes-in-a-short-text"),
        pytest.param(b"abc \x80\xff\x80 def", id="mostly-bad"),
    ],
)
def test_text_with_many_bad_bytes_is_refused(raw: bytes) -> None:
    with pytest.raises(ArticleFormatError, match=r"not UTF-8 \(bad byte at \d+\)"):
        decode_article_bytes(raw, "a.md")


# ---- beyond the listed kinds: files that hang, crash or stall a build -------------------------------

BILLION_LAUGHS = (
    "---\ntitle: 王文涛与雷蒙多通话\ndate: 2024-01-11T10:00:00.000Z\n"
    'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
    + "---\n<p>中国商务部长王文涛与美国商务部长雷蒙多11日通话，就出口管制交换意见。</p>\n"
)


def test_yaml_alias_bomb_in_front_matter_is_read_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "2024-01-11-bomb.md").write_text(BILLION_LAUGHS, "utf-8")
    done = run_build(folder, tmp_path / "out", timeout=60)
    assert done.status == cli.EXIT_OK, done.stderr
    (meeting,) = meetings_of(done)
    assert meeting["sources"][0]["title"] == "王文涛与雷蒙多通话"


def test_pipe_and_device_are_skipped_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / RTHK_PATH).write_text(RTHK_UTF8, "utf-8")
    os.mkfifo(folder / "pipe.md")  # opening it would wait for a writer forever
    (folder / "zero.md").symlink_to("/dev/zero")  # reading it would never end
    done = run_build(folder, tmp_path / "out", timeout=60)
    assert done.status == cli.EXIT_SKIPPED, done.stderr
    files = done.read("report.json")["files"]
    for name in ("pipe.md", "zero.md"):
        assert files[name] == {"status": "skipped", "reason": "not a regular file (a pipe, socket or device)"}
    assert files[RTHK_PATH]["status"] == "meetings"


def test_file_name_that_is_not_utf8_is_skipped_by_a_printable_name(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / RTHK_PATH).write_text(RTHK_UTF8, "utf-8")
    # A name in GBK bytes (中美), as archives made on Chinese Windows unpack.
    (folder / os.fsdecode(b"2024-01-12-\xd6\xd0\xc3\xc0.md")).write_text(RTHK_UTF8, "utf-8")
    done = run_build(folder, tmp_path / "out")
    assert done.status == cli.EXIT_SKIPPED, done.stderr
    files = done.read("report.json")["files"]
    assert files["2024-01-12-\\xd6\\xd0\\xc3\\xc0.md"]["reason"] == "name is not UTF-8 (rename it to read it)"
    assert "  2024-01-12-\\xd6\\xd0\\xc3\\xc0.md: name is not UTF-8" in done.stderr
    assert files[RTHK_PATH]["status"] == "meetings"


def test_articles_folder_whose_name_is_not_utf8_gets_a_clear_answer(tmp_path: Path) -> None:
    """Either the folder is read (its name written printably), or refused as a usage error naming it."""
    folder = tmp_path / os.fsdecode(b"posts-\xd6\xd0")
    folder.mkdir()
    (folder / RTHK_PATH).write_text(RTHK_UTF8, "utf-8")
    done = run_build(folder, tmp_path / "out")
    assert "Traceback" not in done.stderr
    if done.status == cli.EXIT_USAGE:
        assert "posts-" in done.stderr
    else:
        assert done.status == cli.EXIT_OK, done.stderr
        assert len(meetings_of(done)) == 1


MEETING_SENTENCE = "美国国务卿布林肯与中国外交部长王毅会谈，"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        # One "sentence" of 300 KB naming officials and meetings 15,000 times.
        pytest.param("long.html", f"<p>{MEETING_SENTENCE * 15000}</p>", id="comma-chained-sentence"),
        # Markdown with 150,000 unclosed brackets before a link's "](".
        pytest.param("brackets.md", "[" * 150000 + MEETING_SENTENCE + "](" * 150000, id="markdown-brackets"),
        # A feed's "[title](link)" first line, 600 KB of "](" long.
        pytest.param(
            "linkline.md", "[" + "](x" * 200000 + " \n------\n" + MEETING_SENTENCE, id="feed-link-line"
        ),
    ],
)
def test_pathological_text_costs_seconds_not_minutes(tmp_path: Path, name: str, text: str) -> None:
    """A bad file costs only itself: text built to make a pattern quadratic must not stall the build."""
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / name).write_text("---\ntitle: t\ndate: 2024-01-11T00:00:00Z\n---\n" + text, "utf-8")
    try:
        done = run_build(folder, tmp_path / "out", "--quiet", timeout=PATHOLOGICAL_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(
            f"the build of one {len(text.encode()) // 1024} KB file took over {PATHOLOGICAL_SECONDS} s"
        )
    assert done.status == cli.EXIT_OK
