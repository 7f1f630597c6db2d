"""The screen of the decoded file before parsing: wider than the parsed look, and blind to the encoding.

Its contract: every file the parsed look (`could_report_meeting`) keeps, it keeps too; and a file in
GB18030, Big5 or UTF-16, or with its characters written as HTML entities, screens like its UTF-8 twin.
"""

from __future__ import annotations

import pytest

from data_prep.engines.per_file import read_input_file
from data_prep.extract.mentions import extract_mentions
from data_prep.read.inputs import InputFile
from data_prep.screen.prefilter import _gate_in_markup
from data_prep.screen.raw import could_report_raw


def post(body: str, title: str = "新聞") -> str:
    return f"---\nlayout: post\ntitle: {title}\ndate: 2023-06-19 10:00:00 +08:00\n---\n{body}\n"


_FILLER = "这是一段与会议无关的文字，谈的是天气和交通。" * 40
MEETING = "<p>美国国务卿布林肯19日在北京会见了中国国家主席习近平，双方进行了坦诚的会谈。</p>"

KEEPS = [
    pytest.param(post(MEETING), id="simplified-html"),
    pytest.param(post("<p>美國國務卿布林肯19日在北京會見了中國國家主席習近平。</p>"), id="traditional"),
    pytest.param(post("<p>正文无关。</p>", title="布林肯会见习近平"), id="title-only"),
    pytest.param(
        post("<p>正文无关。</p>", title="布林肯会见习近平？双方谈了什么"), id="title-with-a-question"
    ),
    pytest.param(post("<p>拜登<a href='https://e.com/a?x=1'>会见</a>了<b>习近平</b>。</p>"), id="markup"),
    pytest.param(post("<p>拜登会<b>见</b>了习近平。</p>"), id="markup-inside-the-meeting-word"),
    pytest.param(post("<p>拜登会<b></b><i>见</i>了习近平。</p>"), id="tags-inside-the-meeting-word"),
    pytest.param(post("<p>中美外长18日在北京举行会谈。</p>"), id="paired-office"),
    pytest.param(post("<p>落实中美元首旧金山会晤共识。</p>"), id="known-meeting-phrase"),
    pytest.param(
        post("<p>布林肯说「我们谈得\n" + " " * 400 + "很好。」并会见了秦刚。</p>"), id="indented-quote"
    ),
    pytest.param("[布林肯会见习近平](https://e.com/a)\n------\n\n正文无关。\n", id="feed-link-title"),
    pytest.param(
        "<html><head><title>布林肯会见习近平</title></head><body><p>无关。</p></body></html>", id="html-head"
    ),
    pytest.param(
        post("<p>&#24067;&#26519;&#32943;&#20250;&#35265;&#20064;&#36817;&#24179;&#12290;</p>"), id="entities"
    ),
    pytest.param(
        post("<p>布林肯\u3000\u3000会见了" + "\u3000" * 300 + "习近平。</p>"), id="ideographic-spaces"
    ),
]
STOPS = [
    pytest.param(post("<p>今天天气很好，股市上涨。</p>"), id="unrelated"),
    pytest.param(post("<p>布林肯会见了英国外交大臣。</p>"), id="one-side-only"),
    pytest.param(post(f"<p>布林肯会见了{_FILLER}秦刚</p>"), id="sides-too-far-apart"),
    pytest.param(post('<p>报道<img alt="布林肯会见习近平" src="x.jpg"></p>'), id="words-only-in-markup"),
    # The look with markup in sees 会<z>见; dropping markup takes "<y会<z>" as one tag and leaves 见 alone.
    pytest.param(post("<p>拜登x<y会<z>见了习近平。</p>"), id="a-stray-bracket-swallows-the-meeting-word"),
]


@pytest.mark.parametrize("text", KEEPS)
def test_keeps(text: str) -> None:
    assert could_report_raw(text, "a.html")


@pytest.mark.parametrize("text", STOPS)
def test_stops(text: str) -> None:
    assert not could_report_raw(text, "a.html")


def _read(name: str, raw: bytes) -> tuple[bool, tuple[object, ...]]:
    _, _, result = read_input_file(InputFile(name, (0, name), raw=raw), extract_mentions, could_report_raw)
    assert result.skip_reason is None, result.skip_reason
    mentions = tuple((m.span, m.participants, m.meeting_type, m.status) for m in result.mentions)
    return result.screened_out, mentions


TRADITIONAL = [KEEPS[1], pytest.param(post("<p>布林肯會見了英國外交大臣。</p>"), id="traditional-one-side")]
ENCODINGS = {
    "gb18030": lambda text: text.encode("gb18030"),
    "big5": lambda text: text.encode("big5"),
    "utf-16-crlf": lambda text: text.replace("\n", "\r\n").encode("utf-16"),
    "utf-8-bom": lambda text: b"\xef\xbb\xbf" + text.encode(),
}
TWINS = [
    pytest.param(encoding, text, id=f"{encoding}-{param.id}")
    for encoding in ENCODINGS
    for param in (TRADITIONAL if encoding == "big5" else [*KEEPS[:2], *STOPS[:2]])
    for text in param.values
]


@pytest.mark.parametrize(("encoding", "text"), TWINS)
def test_another_encoding_screens_and_reads_like_its_utf8_twin(encoding: str, text: str) -> None:
    assert _read("a.html", ENCODINGS[encoding](text)) == _read("a.html", text.encode())


def test_entities_read_like_the_characters_they_stand_for() -> None:
    plain = post(MEETING)
    encoded = post("".join(c if c.isascii() else f"&#{ord(c)};" for c in MEETING))
    assert _read("a.html", encoded.encode()) == _read("a.html", plain.encode())
    assert _read("a.html", plain.encode())[1]  # and the meeting is found


def test_the_look_with_markup_in_finds_gate_words_across_tags() -> None:
    pattern = _gate_in_markup([w.encode().decode("latin-1") for w in ("会见", "会见了", "通话")])
    assert pattern.search("拜登会<b>见</b>了") and pattern.search("通<i></i>话")
    assert not pattern.search("会议<b>见</b>") and not pattern.search("会 见")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("会<b>晤</b>", True, id="second-of-two-words-after-one-first-character"),
        pytest.param("视<i>讯</i>", True, id="short-word-beside-a-longer-one"),
        pytest.param("视频<b>通</b>话", True, id="long-word-across-tags"),
        pytest.param("视频会议", False, id="shared-beginning-only"),
        pytest.param("会谈", False, id="first-character-only"),
    ],
)
def test_the_look_with_markup_in_tells_apart_words_with_the_same_first_characters(
    text: str, found: bool
) -> None:
    words = ("会见", "会晤", "视讯", "视频通话")
    pattern = _gate_in_markup([w.encode().decode("latin-1") for w in words])
    assert (pattern.search(text) is not None) == found


def test_a_gate_word_cut_inside_a_character_lets_every_text_through_the_look_with_markup() -> None:
    cut = "会".encode().decode("latin-1")[1:]  # a piece of a character, as a split at 0x85 or 0xA0 leaves
    assert _gate_in_markup([cut]).search("今天天气很好")
