"""Readers: every file format and date trap seen in the corpora, as small invented articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from data_prep.errors import ArticleFormatError
from data_prep.read.readers import read_article

BODY_ZH = "<p>（中央社台北11日電）美國國務卿布林肯今天表示，美中雙方會談具建設性。</p>"


def post(*front: str, body: str = BODY_ZH) -> str:
    return "---\nlayout: post\n" + "\n".join(front) + "\n---\n\n" + body + "\n"


def read(tmp_path: Path, name: str, text: str | bytes) -> object:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return read_article(path, tmp_path)


CASES = [
    pytest.param(
        "2024-01-12-CNA-x.html",
        post(
            "title: 美中會談",
            "date: 2024-01-12 18:40:00.000000000 +00:00",
            "link: https://www.cna.com.tw/news/aipl/202401130003.aspx",
            "categories: cna",
            body="<p>（中央社記者張三台北13日電）外交部今天表示。（編輯：李四）1130113</p>",
        ),
        {"outlet": "CNA", "published": "2024-01-12T18:40:00+00:00", "published_on": date(2024, 1, 13)},
        id="cna-utc-evening-is-next-taipei-day",
    ),
    pytest.param(
        "2024-01-05-CNA-x.html",
        post(
            "title: 美中會談",
            "date: 2024-01-05 23:30:00.000000000 +00:00",
            "categories: cna",
            body="<p>（中央社華盛頓5日專電）美國國務院今天表示。</p>",
        ),
        {"published_on": date(2024, 1, 5)},
        id="cna-washington-dateline-keeps-us-day",
    ),
    pytest.param(
        "2024-01-01-CNA-x.html",
        post(
            "title: 強震",
            "date: 2024-01-01 17:13:00.000000000 +00:00",
            "categories: cna",
            body="<p>（更新）共同社今天凌晨報導。（編輯：陳彥鈞）1130102</p>",
        ),
        {"published_on": date(2024, 1, 2)},
        id="cna-roc-date-code-without-dateline",
    ),
    pytest.param(
        "x.html",
        post(
            "title: 布林肯訪華",
            "date: 2023-06-19 06:45:03.000000000 +08:00",
            "categories: rfi",
            body="<div>18/06/2023 - 23:50</div><p>美國國務卿周日抵達北京。</p>",
        ),
        {"outlet": "RFI", "published_on": date(2023, 6, 18)},
        id="rfi-paris-dateline",
    ),
    pytest.param(
        "x.html",
        post(
            "title: 德语媒体",
            "date: 2024-01-04 00:17:02.000000000 +08:00",
            "categories: dw",
            body="<div><i>  邓聿文<br>2024-01-03T16:10:45.671Z</i></div><p>正文。</p>",
        ),
        {"outlet": "DW", "published_on": date(2024, 1, 3)},
        id="dw-body-utc-timestamp-in-berlin",
    ),
    pytest.param(
        "x.html",
        post(
            "title: 德法友谊",
            "date: 2024-01-22 20:17:03.000000000 +08:00",
            "categories: dw",
            body="<div><i>Julia Hitz<br>2023-01-29T07:58:16.029Z</i></div><p>正文。</p>",
        ),
        {"published_on": date(2023, 1, 29), "notes": ("re-dated repost: text dated 2023-01-29",)},
        id="dw-old-text-timestamp-is-a-repost",
    ),
    pytest.param(
        "x.html",
        post(
            "title: 债务上限法案过关",
            "date: 2023-06-02 12:17:05.000000000 +08:00",
            "categories: dw",
            body="<div><i><br>2023-05-29T01:54:48.987Z</i></div><p>参议院周四通过。</p>",
        ),
        {
            "published_on": date(2023, 6, 2),
            "notes": ("text timestamp 2023-05-29 is older than the metadata date",),
        },
        id="dw-updated-article-keeps-metadata-date",
    ),
    pytest.param(
        "x.html",
        post(
            "title: 快讯",
            "date: 2024-01-02 00:12:13.000000000 +08:00",
            "categories: kyodo",
            body="<div><p>【共同社1月1日电】东日本铁路公司停运了新干线。（完）</p></div>",
        ),
        {"outlet": "Kyodo", "published_on": date(2024, 1, 1)},
        id="kyodo-dateline",
    ),
    pytest.param(
        "x.html",
        post(
            "title: 香格里拉对话",
            "date: 2023-06-04 10:00:00.000000000 +08:00",
            "categories: aj",
            "link: https://chinese.aljazeera.net/news/2022/6/10/abc",
        ),
        {
            "outlet": "Al Jazeera",
            "published_on": date(2022, 6, 10),
            "notes": ("re-dated repost: link dated 2022-06-10",),
        },
        id="aj-re-dated-repost",
    ),
    pytest.param(
        "x.html",
        post(
            "title: 人权观察：2023---人权的恐怖之年 - 要闻分析",
            "date: 2024-01-12 01:00:00 +08:00",
            "categories: rfi",
        ),
        {"title": "人权观察：2023---人权的恐怖之年 - 要闻分析", "published_on": date(2024, 1, 11)},
        id="triple-dash-inside-title-rfi-day-in-paris",
    ),
    pytest.param(
        "x.md",
        post(
            "title: 港股收市",
            "date: 2024-01-11 16:30:00 +08:00",
            "categories: rthk",
            body="恒指收市升100點。\n\n成交額800億元。",
        ).replace("\n", "\r\n"),
        {"title": "港股收市", "outlet": "RTHK", "body_format": "markdown", "published_on": date(2024, 1, 11)},
        id="crlf-rthk-markdown",
    ),
    pytest.param(
        "000.txt",
        post(
            'title: "中美外交官就台湾等议题进行“深入、建设性”沟通"',
            "date: 2022-12-13T17:58:00.000Z",
            "author: 联合早报",
            "from: https://www.zaobao.com/realtime/china/story20221214-1343062",
            "tags: [ 联合早报 ]",
            "categories: [ 联合早报 ]",
            body="<!--1670954280000-->\n[中美外交官](https://www.zaobao.com/x)\n------\n\n<div><p>正文。</p></div>",
        ),
        {
            "title": "中美外交官就台湾等议题进行“深入、建设性”沟通",
            "outlet": "Lianhe Zaobao",
            "url": "https://www.zaobao.com/realtime/china/story20221214-1343062",
            "published_on": date(2022, 12, 14),
            "body_format": "html",
        },
        id="zaobao-utc-z-in-singapore",
    ),
    pytest.param(
        "002.txt",
        "<!--1687126501000-->\n[美中会谈同意再谈](https://www.rfi.fr/cn/中国/20230618-美中会谈)\n------\n\n"
        "<div>18/06/2023 - 23:50</div><p>正文。</p>",
        {
            "title": "美中会谈同意再谈",
            "outlet": "RFI",
            "published": "2023-06-18T22:15:01+00:00",
            "published_on": date(2023, 6, 18),
            "url": "https://www.rfi.fr/cn/中国/20230618-美中会谈",
        },
        id="epoch-comment-and-link-line",
    ),
    pytest.param(
        "004.txt",
        post(
            "title: 发言人谈会面",
            "author: 自由亚洲电台",
            body="<!--NaN-->\n[发言人谈会面](https://example.org/x)\n------\n\n<p>正文。</p>",
        ),
        {"outlet": "RFA", "published": None, "published_on": None, "notes": ("no publication date",)},
        id="nan-epoch-comment-no-date",
    ),
    pytest.param(
        "001.txt",
        "# 布林肯与刘建超举行会晤\n\n# 布林肯与刘建超举行会晤\n\n美国务卿布林肯将于当地时间12日上午会晤。\n",
        {
            "title": "布林肯与刘建超举行会晤",
            "body_format": "markdown",
            "url": None,
            "outlet": None,
            "published_on": None,
            "notes": ("no publication date",),
        },
        id="bare-markdown-title-from-heading",
    ),
    pytest.param(
        "x.html",
        post('title: "美中"会谈"', "date: 2024-01-11", "categories: [cna"),
        {
            "title": '美中"会谈',
            "outlet": "CNA",
            "notes": ("front matter is not valid YAML; read line by line",),
        },
        id="broken-yaml-read-line-by-line",
    ),
    pytest.param(
        "x.html",
        post("title: >-", "  多行标题", "date: 2024-01-11T08:00:00+08:00", "link: ftp://example.org/a"),
        {
            "title": "多行标题",
            "url": None,
            "published_on": date(2024, 1, 11),
            "notes": ("link is not an http(s) URL: ftp://example.org/a",),
        },
        id="yaml-fallback-and-non-http-link",
    ),
    pytest.param(
        "saved.html",
        "<!DOCTYPE html><html><head><title>站点 - 美中会谈</title>"
        '<meta property="og:title" content="美中会谈 &amp; 对话">'
        '<meta content="2024-01-12T22:30:00-05:00" property="article:published_time">'
        '<link href="https://www.voachinese.com/a/123.html" rel="canonical"></head>'
        "<body><nav>首页</nav><article><p>美国国务卿布林肯会见刘建超。</p></article></body></html>",
        {
            "title": "美中会谈 & 对话",
            "url": "https://www.voachinese.com/a/123.html",
            "outlet": "VOA",
            "published": "2024-01-12T22:30:00-05:00",
            "published_on": date(2024, 1, 12),
            "body_format": "html",
        },
        id="saved-web-page-head-metadata",
    ),
    pytest.param(
        "x.html",
        post(
            "title: 普里戈津：我们没有用&#039;正义游行&#039;推翻",
            "date: 2023-06-25 10:00:00 +08:00",
            "link: https://www.bbc.com/zhongwen/simp/world-1",
        ),
        {"title": "普里戈津：我们没有用'正义游行'推翻", "outlet": "BBC"},
        id="title-entities-and-outlet-from-host",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES)
def test_read_article(tmp_path: Path, name: str, text: str, expected: dict[str, object]) -> None:
    article = read(tmp_path, name, text)
    assert {key: getattr(article, key) for key in expected} == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("", "empty file", id="empty"),
        pytest.param(" \n\r\n ", "empty file", id="whitespace-only"),
        pytest.param(
            "---\ntitle: 沒有結尾\n\n<p>正文</p>\n", "front matter has no closing ---", id="no-closing"
        ),
        pytest.param(
            "---\njust words\nmore words\n---\n<p>x</p>", "neither YAML nor key: value", id="not-yaml"
        ),
        pytest.param("---\nlayout: post\n---\n\n", "no text", id="no-title-no-body"),
    ],
)
def test_read_article_refuses(tmp_path: Path, text: str, reason: str) -> None:
    (tmp_path / "sub").mkdir()
    with pytest.raises(ArticleFormatError, match=reason) as caught:
        read(tmp_path, "sub/2024-01-01-CNA-x.html", text)
    assert caught.value.path == "sub/2024-01-01-CNA-x.html"


def test_read_article_uses_given_bytes(tmp_path: Path) -> None:
    path = tmp_path / "missing.html"
    article = read_article(path, tmp_path, raw=post("title: 標題", "categories: cna").encode("big5"))
    assert (article.path, article.title, article.outlet) == ("missing.html", "標題", "CNA")
