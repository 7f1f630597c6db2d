"""Decoding: article bytes in every encoding seen in the corpora."""

from __future__ import annotations

import pytest

from data_prep.errors import ArticleFormatError
from data_prep.read.decoding import MAX_BYTES, decode_article_bytes

TEXT_ZH = "美国国务卿布林肯与中国外长秦刚周日在北京举行会谈，双方同意继续对话。"
TEXT_TW = "美國國務卿布林肯與中國外長秦剛週日在北京舉行會談，雙方同意繼續對話。"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(TEXT_ZH.encode("utf-8"), TEXT_ZH, id="utf8"),
        pytest.param(b"\xef\xbb\xbf" + TEXT_ZH.encode("utf-8"), TEXT_ZH, id="utf8-bom-stripped"),
        pytest.param(TEXT_ZH.encode("utf-16"), TEXT_ZH, id="utf16-le-bom"),
        pytest.param(b"\xfe\xff" + TEXT_ZH.encode("utf-16-be"), TEXT_ZH, id="utf16-be-bom"),
        pytest.param(TEXT_ZH.encode("gb18030"), TEXT_ZH, id="gb18030-simplified"),
        pytest.param(TEXT_TW.encode("big5"), TEXT_TW, id="big5-traditional"),
        pytest.param("一\r\n二\r三\n".encode(), "一\n二\n三\n", id="crlf-and-cr-to-lf"),
    ],
)
def test_decode_article_bytes(raw: bytes, expected: str) -> None:
    assert decode_article_bytes(raw, "a.html") == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file", id="binary-nul-bytes"),
        pytest.param(b"abc \x80\xff\x80 def", r"not UTF-8 \(bad byte at 4\)", id="undecodable"),
        pytest.param(b"a" * (MAX_BYTES + 1), "over the 20 MB limit", id="too-big"),
    ],
)
def test_decode_article_bytes_refuses(raw: bytes, reason: str) -> None:
    with pytest.raises(ArticleFormatError, match=reason) as caught:
        decode_article_bytes(raw, "dir/bad.html")
    assert str(caught.value).startswith("dir/bad.html: ")


def test_error_names_file_and_reason() -> None:
    error = ArticleFormatError("a/b.html", "binary file")
    assert (error.path, error.reason, str(error)) == ("a/b.html", "binary file", "a/b.html: binary file")
