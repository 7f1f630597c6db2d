"""The prefilter: articles that could report a US–PRC meeting go on, the others stop here.

The contract: it never stops an article from which extraction (run without it) reads a meeting.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from data_prep.extract import mentions as meetings
from data_prep.model import Article
from data_prep.screen import prefilter


def _article(body: str, title: str | None = None, body_format: str = "html") -> Article:
    return Article(
        path="a.html",
        title=title,
        url=None,
        outlet="Test",
        published="2023-06-19T10:00:00+08:00",
        published_on=date(2023, 6, 19),
        body=body,
        body_format=body_format,  # type: ignore[arg-type]
    )


_FILLER = "这是一段与会议无关的文字，谈的是天气和交通。" * 40

PASSES = [
    pytest.param(
        _article("<p>美国国务卿布林肯19日在北京会见了中国国家主席习近平。</p>"), id="simplified-html"
    ),
    pytest.param(
        _article("<p>美國國務卿布林肯19日在北京會見了中國國家主席習近平。</p>"), id="traditional-html"
    ),
    pytest.param(
        _article("國務卿布林肯與外長秦剛舉行會談。", body_format="markdown"), id="traditional-markdown"
    ),
    pytest.param(_article("<p>正文无关。</p>", title="布林肯会见习近平"), id="title-only"),
    pytest.param(_article("<p>中美外长18日在北京举行会谈。</p>"), id="paired-office"),
    pytest.param(_article("<p>中美两国外长通电话。</p>"), id="paired-office-both-countries"),
    pytest.param(
        _article("<p>拜登<a href='https://example.com/a?x=1'>会见</a>了<b>习近平</b>。</p>"),
        id="inline-markup",
    ),
    pytest.param(
        _article("<p>布林肯说「我们谈得很好。」并会见了秦刚。</p>"), id="short-quote-keeps-sentence-whole"
    ),
    pytest.param(
        _article("<p>布林肯说「我们谈得\n" + " " * 400 + "很好。」并会见了秦刚。</p>"),
        id="source-indentation-inside-a-quote",
    ),
    pytest.param(
        _article("<p>今次會議由中國人民銀行副行長宣昌能，及美國財政部助理財長奈曼共同主持。</p>"),
        id="weak-cue-and-counterpart",
    ),
    pytest.param(_article("<p>落实中美元首旧金山会晤共识。</p>"), id="known-meeting-phrase"),
]

STOPS = [
    pytest.param(_article("<p>今天天气很好，股市上涨。</p>"), id="unrelated"),
    pytest.param(_article("<p>布林肯会见了英国外交大臣。</p>"), id="one-side-only"),
    pytest.param(
        _article("<p>布林肯抵达北京。秦刚表示欢迎。双方会谈在即。</p>"), id="sides-in-other-sentences"
    ),
    pytest.param(_article(f"<p>布林肯会见了{_FILLER}秦刚</p>"), id="sides-too-far-apart"),
    pytest.param(_article("<p>习近平主持会议。</p><p>拜登发表讲话。</p>"), id="meeting-word-one-side"),
    pytest.param(_article('<p>报道<img alt="布林肯会见习近平" src="x.jpg"></p>'), id="words-only-in-markup"),
]


@pytest.mark.parametrize("article", PASSES)
def test_passes(article: Article) -> None:
    assert prefilter.could_report_meeting(article)


@pytest.mark.parametrize("article", STOPS)
def test_stops(article: Article) -> None:
    assert not prefilter.could_report_meeting(article)


@pytest.mark.parametrize("article", STOPS)
def test_stops_only_what_extraction_does_not_read(article: Article, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(meetings, "could_report_meeting", lambda _: True)
    assert meetings.extract_mentions(article) == []


def test_window_spans_a_long_sentence() -> None:
    clause = "双方就经贸、气候变化、芬太尼、两军沟通等广泛议题交换意见，"
    sentence = "布林肯会见秦刚，" + clause * 6 + "美方表示愿意保持沟通。"
    assert len(sentence.encode()) < prefilter.WINDOW
    assert prefilter.could_report_meeting(_article(f"<p>{sentence}</p>"))


@pytest.mark.parametrize(
    ("body", "passes"),
    [
        pytest.param(
            "海关总署某司司长周启明会见美军某司令部副司令马克·道森。", True, id="titled-unknowns-both-sides"
        ),
        pytest.param("海關總署某司司長周啟明會見美軍某司令部副司令馬克·道森。", True, id="traditional"),
        pytest.param("海关总署周启明会见美军马克·道森。", False, id="institutions-without-titles"),
        pytest.param("海关总署某司司长周启明会见来访的学者马克·道森。", False, id="one-side-only"),
    ],
)
def test_titled_officials_outside_the_dictionary(body: str, passes: bool) -> None:
    assert prefilter.could_report_meeting(_article(body, body_format="markdown")) is passes


def test_a_build_of_edited_vocabularies_builds_the_matcher_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In one process (a notebook), a build after the vocabularies were edited screens with the new words."""
    monkeypatch.setattr(prefilter, "_MATCHERS", {})
    monkeypatch.setattr(prefilter, "_MATCHER_FOR", [])
    built = iter(["the matcher of the words as first read", "the matcher of the edited words"])
    monkeypatch.setattr(prefilter, "_build_matcher", lambda: next(built))
    path = tmp_path / "screen-matcher.pickle"
    prefilter.read_or_build_matcher(path, "before the edit")
    prefilter.read_or_build_matcher(path, "before the edit")
    assert prefilter._matcher() == "the matcher of the words as first read"
    prefilter.read_or_build_matcher(path, "after the edit")
    assert prefilter._matcher() == "the matcher of the edited words"
