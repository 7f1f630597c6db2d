"""Decoding: article bytes to text, whatever the encoding (UTF-8, UTF-16, GB18030, Big5)."""

from __future__ import annotations

import codecs

from data_prep.errors import ArticleFormatError

MAX_BYTES = 20 * 1024 * 1024
# A UTF-8 file cut mid-character, or with a stray byte, is still read: up to this share of bad bytes.
_MAX_BAD_UTF8_SHARE = 0.001
# Characters common in Chinese news, in both scripts; used to tell GB18030 from Big5.
_COMMON_HANZI = frozenset(
    "一万三上下不与专世业东两並个中为主举之乌也了事于亚些亞交产京人今仍他代以们件任众会但位低体何作使來供俄"
    "保信個們停元克党入內全兩公兰共关其内再军出击分列利到制前力办加务动助動務包化北区區升午半华协協南印原去"
    "县及友反发取受口可台司各合同名后向告员周和品員商問回因团园国國園團在地场基報場增士处外多大天央失女好如委"
    "媒子学學安官定实家實对导将將專對導小少就尼局展工已巴市布席常平年并应府度建开引強强当影很後得德心性总息情"
    "意應成我或战戰所手打投报拉持指接控推提擊支收改放政教数數文斯新方於施无日早时明易是時普更曾最會月有望期未"
    "本机权李来東林果查核格案检業機檢權次欧歐止正此死比民气氣水求治法洲活流济海消涉清港湾演濟灣点為烏無然爲片"
    "物特率王现現球理生產用由电界當發的盟目相看眾研示社票科称程稱空立第等管系約結統經縣總續约经结统续罗羅美者"
    "而联聯股能自至致臺與舉色英药華萬藥蘭處行表被裏西要解言計記訪該認說調警議计认议记访该说调資賽资赛起超路車"
    "軍车辦达过运近这进连选透這通造連進運過道達遭選部都里重量金長长開間關问间队防际陈降院陳隊際雨電非面預題预"
    "题首香騷骚體高點黨"
)


def decode_article_bytes(raw: bytes, path: str) -> str:
    """Decode an article file (UTF-8, UTF-16 with BOM, GB18030 or Big5) to text with LF line ends."""
    return decode_with_notes(raw, path)[0]


def decode_with_notes(raw: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """Decode an article file to text with LF line ends, with a note when bad bytes were replaced."""
    notes: tuple[str, ...] = ()
    if len(raw) > MAX_BYTES:
        raise ArticleFormatError(path, too_big(len(raw)))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_utf16(raw, path)
    elif b"\x00" in raw:
        raise ArticleFormatError(path, "binary file")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            text, notes = _decode_chinese_legacy(raw, path, err)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, notes


def _decode_utf16(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-16")
    except UnicodeDecodeError as err:
        raise ArticleFormatError(path, f"invalid UTF-16 at byte {err.start}") from None


def _decode_chinese_legacy(
    raw: bytes, path: str, utf8_error: UnicodeDecodeError
) -> tuple[str, tuple[str, ...]]:
    """Pick GB18030 or Big5, whichever decodes cleanly into more common Chinese characters.

    Failing both, UTF-8 with a few bad bytes (a file cut mid-character) is read with them replaced.
    """
    best, best_score = None, 0.0
    for encoding in ("gb18030", "big5hkscs"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        # GB18030 decodes almost any bytes, so a clean decode proves nothing: score it.
        non_ascii = [char for char in text if ord(char) > 0x7F]
        score = sum(char in _COMMON_HANZI for char in non_ascii) / max(len(non_ascii), 1)
        if score > best_score:
            best, best_score = text, score
    if best is not None and best_score >= 0.1:
        return best, ()
    lenient = raw.decode("utf-8-sig", errors="replace")
    bad = lenient.count("\ufffd") - raw.count("\ufffd".encode())
    if bad <= max(1, len(lenient) * _MAX_BAD_UTF8_SHARE):
        return lenient, (f"undecodable bytes replaced: {bad} (not UTF-8 at byte {utf8_error.start})",)
    raise ArticleFormatError(
        path, f"not UTF-8 (bad byte at {utf8_error.start}) and not GB18030 or Big5 Chinese text"
    )


def too_big(size: int) -> str:
    """The reason given for a file over MAX_BYTES."""
    return f"file is {size / (1024 * 1024):.0f} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit"
