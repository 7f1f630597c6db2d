"""Text: boilerplate removal per outlet, sentence splitting and traditional → simplified."""

from __future__ import annotations

import pytest

from data_prep.model import Article
from data_prep.text.clean import build_paragraphs, clean_inline, split_sentences
from data_prep.vocab.script import to_simplified


def article(body: str, body_format: str = "html", title: str | None = "標題") -> Article:
    return Article(
        path="x.html",
        title=title,
        url=None,
        outlet=None,
        published=None,
        published_on=None,
        body=body,
        body_format=body_format,  # type: ignore[arg-type]
    )


CNA_BODY = (
    '<figure class="floatImg center"><img src="a.jpg" alt="圖說"><figcaption class="picinfo">'
    "布林肯（右）11日會見劉建超。（路透社）</figcaption></figure>"
    "<p>（中央社華盛頓12日專電）美國國務卿布林肯今天會見中共中聯部長劉建超。</p>"
    '<div class="media"><div class="insertGroup"><a class="insert" href="x">'
    "<span>圖輯／舊聞</span></a></div></div>"
    "<p>雙方討論台灣問題。（編輯：張三）1130113</p>"
    '<div class="articlekeywordGroup"><div class="keywordTag"><a href="t">#布林肯</a></div></div>'
    '<div class="paragraph moreArticle"><div class="moreArticle-title">延伸閱讀</div>'
    '<a class="moreArticle-link" href="y"><span>彭博：布林肯計劃訪問北京 可能與習近平會談</span></a></div>'
)
RFI_BODY = (
    '<div>18/06/2023 - 23:50</div><img src="x.jpg"><p><strong>  美中外長周日在北京會談。  </strong></p>'
    "<div><p>秦剛強調台灣問題。</p><div data-selfpromo-newsletter></div></div>"
    '<div><div>分享 :</div><div><a href="https://www.facebook.com/dialog/share?x">f</a></div></div>'
    '<br><hr><div>获取更多RSS：<br><a href="https://feedx.net">https://feedx.net</a></div>'
)
DW_BODY = (
    "<div><i>  邓聿文<br>2024-01-27T11:46:28.425Z</i></div>"
    '<img src="x.jpg"><div><small style="color: #999;">王毅与沙利文在曼谷会晤</small></div>'
    "<p>（德国之声中文网）王毅与沙利文在曼谷举行会谈。</p>"
    '<p><strong>更多阅读：<a href="z">中国2024年起简化签证</a></strong></p>'
    "<h3>相关图集：图说旧金山拜习会</h3>"
    "<div><img src='1.jpg'><b>抵达旧金山</b>：11月14日，习近平抵达旧金山。</div>"
    "<div><img src='2.jpg'><b>拜习会</b>：11月15日，拜登和习近平举行会晤。</div>"
    "<p><strong>白宫关切</strong></p><p>柯比表示关切。</p>"
    "<p>© 2024年德国之声版权声明：本文所有内容受到著作权法保护。</p>"
)
ZAOBAO_BODY = (
    '<div><div class="figure-media">'
    '<img title="王毅与布林肯会谈。（法新社）" alt="王毅与布林肯会谈。（法新社）">'
    "</div><figcaption>王毅与布林肯星期六（7月9日）在峇厘岛会谈。（法新社）</figcaption>"
    "<p>王毅与布林肯星期六（7月9日）举行会谈。</p>"
    '<section id="imu"><div id="dfp-ad-imu1">   </div></section>'
    "<script>var ad = 1;</script><style>p {}</style><iframe src='v'></iframe>"
    "<p>双方同意&ldquo;重启&rdquo;交流&amp;磋商。</p>"
    "<p>王毅与布林肯星期六（7月9日）在峇厘岛会谈。（法新社）</p>"
    '<p>&nbsp;</p><div class="cx_paywall_placeholder"></div></div>'
)
WSJ_BODY = (
    '<main><div><p><span itemprop="name"><a href="a" rel="author">Jiahui Huang</a></span> / </p></div>'
    "<time>2024年1月2日11:15 CST 更新</time>"
    '<div subscriptions-actions=""><social-share type="system"></social-share></div>'
    "<section><p>中国股市表现最差。</p><p><strong>相关阅读：</strong></p>"
    '<p><a href="x">中国资产看似低廉</a></p></section>'
    "<figcaption><p>图片来源：Liau Chung-Ren/Zuma Press</p></figcaption></main>"
)
BBC_BODY = (
    '<main><div><ul role="list"><li role="listitem"><a href="r1">台湾大选：中国想要的台湾正在消失</a></li>'
    '<li role="listitem"><a href="r2">特朗普若再当选</a></li></ul></div>'
    '<p role="text"><span>图像来源，</span><span>Reuters</span></p>'
    "<div><p>伊朗导弹袭击了三国。</p></div>"
    '<section role="region" aria-labelledby="podcast-promo"><a href="#e">Skip podcast promotion</a>'
    "<p>BBC國際台粵語節目</p></section>"
    '<div data-e2e="media-player"><strong>你的器材不支持播放多媒体材料</strong><p>其他视频</p></div></main>'
)
SEED_001 = (
    "# 布林肯与刘建超举行会晤\n\n# 布林肯与刘建超举行会晤\n\n"
    "根据美国务院公布的消息，布林肯将于当地时间12日上午与刘建超举行会晤。\n\n"
    "**关键时刻 中美高官将举行会晤**\n\n"
    "![](https://inews.gtimg.com/news_bt/OyMVDMFMQ-\nzUcF1opbcAA/1000)\n\n"
    "据[路透社](https://reuters.com)报道，会谈将持续1小时。\n\n"
    "作者丨朱恩地，深圳卫视直新闻记者\n"
)


@pytest.mark.parametrize(
    ("body", "body_format", "title", "expected"),
    [
        pytest.param(
            CNA_BODY,
            "html",
            "標題",
            (
                "布林肯（右）11日會見劉建超。（路透社）",
                "（中央社華盛頓12日專電）美國國務卿布林肯今天會見中共中聯部長劉建超。",
                "雙方討論台灣問題。",
            ),
            id="cna-keywords-further-reading-editor-and-roc-code-dropped",
        ),
        pytest.param(
            RFI_BODY,
            "html",
            "標題",
            ("美中外長周日在北京會談。", "秦剛強調台灣問題。"),
            id="rfi-timestamp-share-and-feed-footer-dropped",
        ),
        pytest.param(
            DW_BODY,
            "html",
            "標題",
            (
                "王毅与沙利文在曼谷会晤",
                "（德国之声中文网）王毅与沙利文在曼谷举行会谈。",
                "白宫关切",
                "柯比表示关切。",
            ),
            id="dw-timestamp-gallery-more-reading-copyright-dropped",
        ),
        pytest.param(
            ZAOBAO_BODY,
            "html",
            "標題",
            (
                "王毅与布林肯星期六（7月9日）在峇厘岛会谈。（法新社）",
                "王毅与布林肯星期六（7月9日）举行会谈。",
                "双方同意“重启”交流&磋商。",
            ),
            id="zaobao-caption-kept-once-ads-scripts-dropped-entities-unescaped",
        ),
        pytest.param(
            WSJ_BODY, "html", "標題", ("中国股市表现最差。",), id="wsj-byline-share-related-credit-dropped"
        ),
        pytest.param(
            BBC_BODY, "html", "標題", ("伊朗导弹袭击了三国。",), id="bbc-links-credit-podcast-video-dropped"
        ),
        pytest.param(
            SEED_001,
            "markdown",
            "布林肯与刘建超举行会晤",
            (
                "根据美国务院公布的消息，布林肯将于当地时间12日上午与刘建超举行会晤。",
                "关键时刻 中美高官将举行会晤",
                "据路透社报道，会谈将持续1小时。",
            ),
            id="bare-markdown-title-headings-images-links-credits",
        ),
        pytest.param(
            "港股收市升100點。\n\n成交額800億元。\n",
            "markdown",
            "港股",
            ("港股收市升100點。", "成交額800億元。"),
            id="rthk-markdown",
        ),
        pytest.param(
            "<!DOCTYPE html><html><head><title>站点</title></head><body><nav><a href='/'>首页</a></nav>"
            "<article><h1>標題</h1><p>布林肯会见刘建超。</p></article><footer>版权所有</footer></body></html>",
            "html",
            "標題",
            ("布林肯会见刘建超。",),
            id="saved-page-head-nav-footer-and-title-dropped",
        ),
        pytest.param("", "html", "標題", (), id="empty-body"),
    ],
)
def test_build_paragraphs(body: str, body_format: str, title: str, expected: tuple[str, ...]) -> None:
    assert build_paragraphs(article(body, body_format, title)) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        pytest.param("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"], id="terminators"),
        pytest.param(
            "他说：「会谈具建设性。」美方表示同意。",
            ["他说：「会谈具建设性。」", "美方表示同意。"],
            id="closing-quote-stays-with-sentence",
        ),
        pytest.param(
            "他说：「我们会继续对话。双方同意再谈。」美方同意。",
            ["他说：「我们会继续对话。双方同意再谈。」", "美方同意。"],
            id="short-quote-not-split",
        ),
        pytest.param(
            "王毅说：“许多人由此认为美国正患上越来越严重的‘中国恐惧症’。"
            "如果任由这种‘威胁膨胀’发展下去，美国对华政策将是一条走不出去的死胡同。”",
            [
                "王毅说：“许多人由此认为美国正患上越来越严重的‘中国恐惧症’。",
                "如果任由这种‘威胁膨胀’发展下去，美国对华政策将是一条走不出去的死胡同。”",
            ],
            id="long-quote-split",
        ),
        pytest.param(
            "真的吗？！是的……。好", ["真的吗？！", "是的……。", "好"], id="repeated-terminators-and-tail"
        ),
        pytest.param(
            "双方同意：一、重启对话；二、增加航班。",
            ["双方同意：一、重启对话；二、增加航班。"],
            id="semicolons-do-not-split",
        ),
        pytest.param(
            "（中央社台北11日電）外交部今天表示。", ["（中央社台北11日電）外交部今天表示。"], id="dateline"
        ),
        pytest.param(
            "Blinken met Wang Yi. 他们握手。", ["Blinken met Wang Yi. 他们握手。"], id="latin-period"
        ),
        pytest.param("  ", [], id="blank"),
    ],
)
def test_split_sentences(paragraph: str, expected: list[str]) -> None:
    assert split_sentences(paragraph) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("美國國務卿布林肯與中國外長會談", "美国国务卿布林肯与中国外长会谈", id="traditional"),
        pytest.param("蘇利文與王毅在維也納會晤", "苏利文与王毅在维也纳会晤", id="taiwan-transliteration"),
        pytest.param("美国国务卿布林肯", "美国国务卿布林肯", id="simplified-unchanged"),
        pytest.param("", "", id="empty"),
    ],
)
def test_to_simplified(text: str, expected: str) -> None:
    assert to_simplified(text) == expected
    assert len(to_simplified(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("  a \n\t b\u00a0c  ", "a b c", id="whitespace"),
        pytest.param("布\u200b林肯", "布林肯", id="zero-width"),
        pytest.param("菲律宾 10 月 22 日前往", "菲律宾 10月22日前往", id="spaces-inside-dates"),
        pytest.param("政策， 国务卿", "政策，国务卿", id="space-after-full-width-comma"),
        pytest.param("关键时刻 中美高官", "关键时刻 中美高官", id="headline-phrase-space-kept"),
        pytest.param("美国 Apple 公司", "美国 Apple 公司", id="latin-words-keep-spaces"),
    ],
)
def test_clean_inline(text: str, expected: str) -> None:
    assert clean_inline(text) == expected
