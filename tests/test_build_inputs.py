"""Builds over many inputs: archives read in place, duplicates across inputs, months added and removed."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

from data_prep.build import build
from data_prep.output.report import build_report, format_summary

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
SEED_FILES = sorted(path.name for path in SEEDS.iterdir())


def write_tar(path: Path, names: list[str], folder: str = "seeds") -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name in names:
            archive.add(SEEDS / name, arcname=f"{folder}/{name}")
    return path


def write_zip(path: Path, names: list[str], folder: str = "seeds") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(SEEDS / name, arcname=f"{folder}/{name}")
    return path


def read_json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


def rows(out: Path, prefix: str = "") -> str:
    """The table's rows as text, with the archive's prefix taken off every article name."""
    return json.dumps(read_json(out / "meetings.json")["meetings"], ensure_ascii=False).replace(prefix, "")


@pytest.fixture(scope="module")
def seeds_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds-table")
    build(SEEDS, out, workers=1, use_cache=False)
    return out


@pytest.mark.parametrize(("name", "write"), [("seeds.tar.gz", write_tar), ("seeds.zip", write_zip)])
def test_an_archive_gives_the_rows_of_its_folder(
    seeds_table: Path, tmp_path: Path, name: str, write: Any
) -> None:
    archive = write(tmp_path / name, SEED_FILES)
    build(archive, tmp_path / "out", workers=1, use_cache=False)
    assert rows(tmp_path / "out", f"{name}:seeds/") == rows(seeds_table)
    articles = read_json(tmp_path / "out" / "articles.json")
    assert articles and all(key.startswith(f"{name}:seeds/") for key in articles)  # what the dashboard opens


def test_the_same_articles_from_a_second_input_are_duplicates(seeds_table: Path, tmp_path: Path) -> None:
    archive = write_tar(tmp_path / "seeds.tar.gz", SEED_FILES)
    reencoded = tmp_path / "gb" / "seeds"
    reencoded.mkdir(parents=True)
    for name in SEED_FILES:  # the same text in another encoding is the same article
        (reencoded / name).write_bytes((SEEDS / name).read_text("utf-8").encode("gb18030"))
    result = build([SEEDS, archive, reencoded], tmp_path / "out", workers=1, use_cache=False)
    assert rows(tmp_path / "out", "seeds:") == rows(seeds_table)
    files = read_json(tmp_path / "out" / "report.json")["files"]
    for name in SEED_FILES:
        assert files[f"seeds.tar.gz:seeds/{name}"] == {"status": "duplicate", "of": f"seeds:{name}"}
        assert files[f"seeds~2:{name}"] == {"status": "duplicate", "of": f"seeds:{name}"}
    assert [item.path for item in result.files][:2] == [f"seeds:{SEED_FILES[0]}", f"seeds:{SEED_FILES[1]}"]


# An invented report of one meeting, and the same report reposted with one sentence more.
MEETING = (
    "---\ntitle: 王毅会见布林肯\ndate: 2024-01-10 09:00:00 +0800\n---\n"
    "新华社北京1月10日电 中共中央政治局委员、外交部长王毅10日在北京会见美国国务卿布林肯。"
    "双方就台湾问题交换了意见。\n"
)
REPOST = MEETING + "双方同意保持沟通。\n"


def test_two_files_of_one_folder_with_the_same_text_are_one_article(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "b.md").write_text(MEETING, "utf-8")
    (folder / "a.md").write_bytes(MEETING.encode("gb18030"))  # first by name: its copy wins
    (folder / "c.md").write_text(REPOST, "utf-8")  # a changed repost is another article
    result = build(folder, tmp_path / "out", workers=1, use_cache=False)
    report = read_json(tmp_path / "out" / "report.json")
    assert report["files"]["b.md"] == {"status": "duplicate", "of": "a.md"}
    assert report["files"]["a.md"]["status"] == report["files"]["c.md"]["status"] == "meetings"
    assert report["counts"]["duplicates"] == 1
    (row,) = read_json(tmp_path / "out" / "meetings.json")["meetings"]
    assert [source["path"] for source in row["sources"]] == ["a.md", "c.md"]
    assert "duplicates of an earlier file: 1" in format_summary(build_report(result))


def test_two_members_of_one_archive_with_the_same_text_are_one_article(tmp_path: Path) -> None:
    archive = tmp_path / "month.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:  # the archive's order is not the order of names
        for name, data in [
            ("_posts/2.md", MEETING.encode("utf-8")),
            ("_posts/1.md", MEETING.encode("utf-16")),
        ]:
            member = tarfile.TarInfo(name)
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
    build(archive, tmp_path / "out", workers=1, use_cache=False)
    files = read_json(tmp_path / "out" / "report.json")["files"]
    assert files["month.tar.gz:_posts/2.md"] == {"status": "duplicate", "of": "month.tar.gz:_posts/1.md"}
    (row,) = read_json(tmp_path / "out" / "meetings.json")["meetings"]
    assert [source["path"] for source in row["sources"]] == ["month.tar.gz:_posts/1.md"]


def test_members_of_one_archive_under_the_same_path_are_each_reported(tmp_path: Path) -> None:
    archive = tmp_path / "month.tar"
    with tarfile.open(archive, "w") as tar:  # `tar -r` appends a member under a path already there
        for data in (MEETING, REPOST, MEETING):
            member = tarfile.TarInfo("_posts/a.md")
            member.size = len(data.encode())
            tar.addfile(member, io.BytesIO(data.encode()))
    build(archive, tmp_path / "out", workers=1)
    files = read_json(tmp_path / "out" / "report.json")["files"]
    name = "month.tar:_posts/a.md"
    assert files[name]["status"] == files[f"{name}~2"]["status"] == "meetings"
    assert files[f"{name}~3"] == {"status": "duplicate", "of": name}
    assert build(archive, tmp_path / "out", workers=1).reused == 3  # not opened again, the same report
    assert read_json(tmp_path / "out" / "report.json")["files"] == files


def test_adding_a_month_reads_only_that_month_and_keeps_the_other_ids(tmp_path: Path) -> None:
    first = write_tar(tmp_path / "first.tar.gz", SEED_FILES[:3])
    second = write_tar(tmp_path / "second.tar.gz", SEED_FILES[3:])
    out = tmp_path / "out"
    build(first, out, workers=1)
    before = {row["id"]: row for row in read_json(out / "meetings.json")["meetings"]}
    result = build([first, second], out, workers=1)
    assert result.reused == 3  # the first archive was not opened again
    after = {row["id"]: row for row in read_json(out / "meetings.json")["meetings"]}
    report = read_json(out / "report.json")
    assert set(before) <= set(after) or report["changes"]["removed"]
    added = sorted(set(after) - set(before))
    assert sorted(report["changes"]["added"]) == added == sorted(report["new_since_last_build"]) != []
    changed = {key for key in set(before) & set(after) if before[key] != after[key]}
    assert set(report["changes"]["changed"]) == changed
    assert report["changes"]["removed"] == sorted(set(before) - set(after))


def test_removing_a_month_removes_its_rows_and_says_so(tmp_path: Path) -> None:
    first = write_tar(tmp_path / "first.tar.gz", SEED_FILES[:3])
    second = write_tar(tmp_path / "second.tar.gz", SEED_FILES[3:])
    out = tmp_path / "out"
    build([first, second], out, workers=1)
    both = {row["id"] for row in read_json(out / "meetings.json")["meetings"]}
    result = build([first], out, workers=1)
    assert result.reused == 3
    alone = {row["id"] for row in read_json(out / "meetings.json")["meetings"]}
    changes = read_json(out / "report.json")["changes"]
    assert sorted(changes["removed"]) == sorted(both - alone) != []
    assert changes["added"] == []


def test_a_changed_archive_is_read_again_but_its_unchanged_members_are_reused(tmp_path: Path) -> None:
    archive = write_tar(tmp_path / "month.tar.gz", SEED_FILES[:3])
    out = tmp_path / "out"
    build(archive, out, workers=1)
    write_tar(archive, SEED_FILES)  # two articles more in the same archive
    result = build(archive, out, workers=1)
    assert result.reused == 3


def test_the_progress_counts_a_later_folders_files_from_the_start(tmp_path: Path) -> None:
    archive = write_tar(tmp_path / "first.tar.gz", SEED_FILES[:2])
    build(archive, tmp_path / "out", workers=1)  # cached: its files are counted done one by one at once
    seen: list[tuple[int, int]] = []
    build([archive, SEEDS], tmp_path / "out", workers=1, progress=lambda *p: seen.append(p))
    total = len(SEED_FILES) + 2
    assert seen[0] == (1, total) and seen[-1] == (total, total)


def test_a_screened_out_file_is_in_the_report_unparsed(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    shutil.copytree(SEEDS, folder)
    (folder / "weather.md").write_text("---\ntitle: 天气\n---\n今天天气很好，股市上涨。\n", "utf-8")
    build(folder, tmp_path / "out", workers=1, use_cache=False)
    report = read_json(tmp_path / "out" / "report.json")
    assert report["files"]["weather.md"] == {"status": "screened_out"}
    assert report["counts"]["screened_out"] == 1


def test_the_dashboard_opens_an_article_read_from_an_archive(tmp_path: Path) -> None:
    from dashboard.components import build_article_panel
    from dashboard.data import read_table
    from dashboard.filtering import Vocabulary
    from dashboard.url_state import ViewState, build_query, parse_query

    archive = write_tar(tmp_path / "corpus-2401.tar.gz", SEED_FILES, folder="_posts")
    build(archive, tmp_path / "out", workers=1, use_cache=False)
    table = read_table(tmp_path / "out")
    key = next(iter(table.articles))
    assert key.startswith("corpus-2401.tar.gz:_posts/")
    vocabulary = Vocabulary(
        frozenset(table.officials["key"]), frozenset(table.outlets), tuple(table.meetings["id"])
    )
    state = parse_query(build_query(ViewState(article=key)), vocabulary)  # the link the view opens
    assert state.article == key
    panel = build_article_panel(key, table.articles.get(state.article), [], state, "en")
    assert table.articles[key]["paragraphs"][0] in str(panel)


def test_the_dashboard_marks_the_rows_a_month_added_as_new(tmp_path: Path) -> None:
    from dashboard.components import build_detail_panel, build_meeting_list
    from dashboard.data import read_table
    from dashboard.url_state import ViewState

    out = tmp_path / "out"
    build(write_tar(tmp_path / "first.tar.gz", SEED_FILES[:3]), out, workers=1)
    build([tmp_path / "first.tar.gz", write_tar(tmp_path / "second.tar.gz", SEED_FILES[3:])], out, workers=1)
    added = set(read_json(out / "report.json")["new_since_last_build"])
    meetings = read_table(out).meetings
    assert set(meetings.loc[meetings["new"], "id"]) == added != set()
    rows = build_meeting_list(meetings, ViewState(), "en")["rows"]
    marked = {row["href"].removeprefix("/?m=") for row in rows if row["new"]}
    assert marked == added
    new_row, old_row = (meetings.loc[meetings["new"] == flag].iloc[0].to_dict() for flag in (True, False))
    assert "new since last build" in str(build_detail_panel(new_row, ViewState(), "en"))
    assert "new since last build" not in str(build_detail_panel(old_row, ViewState(), "en"))


def test_the_same_archive_given_twice_is_read_once_and_rebuilt_the_same(tmp_path: Path) -> None:
    archive = write_tar(tmp_path / "seeds.tar.gz", SEED_FILES)
    out = tmp_path / "out"
    build([archive, archive], out, workers=1)
    first = read_json(out / "report.json")["files"]
    result = build([archive, archive], out, workers=1)
    assert result.reused == 2 * len(SEED_FILES)
    assert read_json(out / "report.json")["files"] == first
    name = f"seeds.tar.gz~2:seeds/{SEED_FILES[0]}"
    assert first[name] == {"status": "duplicate", "of": f"seeds.tar.gz:seeds/{SEED_FILES[0]}"}


def _window(out: Path, month: str) -> list[tuple[Any, ...]]:
    """The meetings of a month's window: dates, status and participants."""
    return sorted(
        (row["start_date"], row["end_date"], row["status"], sorted(p["name_en"] for p in row["participants"]))
        for row in read_json(out / "meetings.json")["meetings"]
        if (row["start_date"] or "").startswith(month)
    )


@pytest.mark.skipif(not CORPORA.is_dir(), reason="the shared corpora are not beside the checkout")
def test_two_month_archives_give_each_window_the_meetings_of_that_month_alone(tmp_path: Path) -> None:
    months = {"2022-03": CORPORA / "corpus-2203.tar.gz", "2024-08": CORPORA / "corpus-2408.tar.gz"}
    build(list(months.values()), tmp_path / "both", use_cache=False)
    for month, archive in months.items():
        build(archive, tmp_path / month, use_cache=False)
        assert _window(tmp_path / "both", month) == _window(tmp_path / month, month) != []
