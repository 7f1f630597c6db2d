"""Readers: find article files in a folder and read each, whatever its format, into an `Article`."""

from __future__ import annotations

import codecs
import html
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from data_prep.datelines import resolve_published_on
from data_prep.errors import ArticleFormatError
from data_prep.front_matter import FieldValue, parse_front_matter, parse_html_head, split_front_matter
from data_prep.model import Article, BodyFormat
from data_prep.timestamps import parse_timestamp

MAX_BYTES = 20 * 1024 * 1024

# Files that are plainly not articles, by extension, with the kind named in the skip reason.
_NOT_ARTICLE_KINDS = {
    "image": "jpg jpeg png gif webp svg bmp tif tiff ico heic avif",
    "PDF": "pdf",
    "archive": "zip gz tgz tar bz2 xz 7z rar zst",
    "office document": "doc docx xls xlsx ppt pptx odt ods epub",
    "audio or video": "mp3 mp4 m4a mov avi mkv wav ogg webm flac",
    "site or data file": "css js mjs json yml yaml xml csv tsv py rb lock map toml ini sqlite db parquet",
    "font": "woff woff2 ttf otf eot",
}
_EXTENSION_KIND = {ext: kind for kind, exts in _NOT_ARTICLE_KINDS.items() for ext in exts.split()}
_NOT_ARTICLE_NAMES = re.compile(
    r"(readme|license|licence|copying|changelog|contributing|authors|notice|gemfile|makefile"
    r"|cname|robots)(\..*)?",
    re.IGNORECASE,
)
_HTML_MARKER = re.compile(r"<(?:p|div|span|br|img|h[1-6]|section|main|figure|article|ul|ol|table|a)\b", re.I)
_EPOCH_COMMENT = re.compile(r"<!--\s*(\d{10,13}|NaN|null|undefined)?\s*-->")
# Markup in a title is not part of it: a script's text is dropped with its tags.
_TITLE_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TITLE_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
# Feeds write the Unix epoch when an item has no date; it is a placeholder, not a publication date.
_EPOCH_ZERO = datetime(1970, 1, 1, tzinfo=UTC)
# A UTF-8 file cut mid-character, or with a stray byte, is still read: up to this share of bad bytes.
_MAX_BAD_UTF8_SHARE = 0.001
_LINK_LINE = re.compile(r"\[(.+)\]\((\S+)\)")
_MAX_LINK_LINE = 4000  # a title and a link; longer lines are text (and cost the pattern quadratic time)
_RULE_LINE = re.compile(r"(?:-{3,}|={3,})")
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


@dataclass(frozen=True, slots=True)
class Skip:
    """A file under the articles folder that is not read, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    zone: ZoneInfo | None


def find_article_files(root: Path) -> tuple[list[Path], list[Skip]]:
    """List candidate article files under root in sorted order, and the files passed over."""
    files: list[Path] = []
    skips: list[Skip] = []
    _walk(root, root, {root.resolve()}, files, skips)
    return files, skips


def _walk(folder: Path, root: Path, seen: set[Path], files: list[Path], skips: list[Skip]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as err:
        skips.append(Skip(_relative(folder, root), f"unreadable folder: {err.strerror}"))
        return
    for entry in entries:
        path = Path(entry.path)
        rel = _relative(path, root)
        if not _is_utf8(entry.name):  # its path could not be written to the UTF-8 outputs
            skips.append(Skip(_printable(rel), "name is not UTF-8 (rename it to read it)"))
            continue
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
            target = path.resolve(strict=True) if entry.is_symlink() else None
        except (OSError, RuntimeError):
            skips.append(Skip(rel, "broken or looping symlink"))
            continue
        if entry.name.startswith("."):
            if not is_dir:
                skips.append(Skip(rel, "hidden file"))
        elif is_dir:
            resolved = target or path.resolve()
            if resolved in seen:
                skips.append(Skip(rel, "symlink to a folder already read (loop)"))
            else:
                seen.add(resolved)
                _walk(path, root, seen, files, skips)
        elif not is_file:  # reading a pipe waits forever; reading /dev/zero never ends
            skips.append(Skip(rel, "not a regular file (a pipe, socket or device)"))
        else:
            reason = _skip_reason(path)
            if reason is None:
                files.append(path)
            else:
                skips.append(Skip(rel, reason))


def _is_utf8(name: str) -> bool:
    """Whether a file name decoded from bytes was UTF-8 (undecodable bytes come as lone surrogates)."""
    return name.isascii() or not any("\udc80" <= char <= "\udcff" for char in name)


def _printable(rel: str) -> str:
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _skip_reason(path: Path) -> str | None:
    kind = _EXTENSION_KIND.get(path.suffix.lower().lstrip("."))
    if kind is not None:
        return f"not an article ({kind})"
    if _NOT_ARTICLE_NAMES.fullmatch(path.name):
        return f"not an article ({path.name.split('.')[0].upper()} file)"
    if not os.access(path, os.R_OK):
        return "unreadable: permission denied"
    return None


def _relative(path: Path, root: Path) -> str:
    text, prefix = str(path), str(root) + os.sep
    if text.startswith(prefix):
        return text[len(prefix) :].replace(os.sep, "/")
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def decode_article_bytes(raw: bytes, path: str) -> str:
    """Decode an article file (UTF-8, UTF-16 with BOM, GB18030 or Big5) to text with LF line ends."""
    return _decode(raw, path)[0]


def _decode(raw: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """Decode an article file to text with LF line ends, with a note when bad bytes were replaced."""
    notes: tuple[str, ...] = ()
    if len(raw) > MAX_BYTES:
        raise ArticleFormatError(path, _too_big(len(raw)))
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


def read_article(path: Path, root: Path, raw: bytes | None = None) -> Article:
    """Read one file of any supported format into an Article; raise ArticleFormatError if unreadable."""
    rel = _relative(path, root)
    if raw is None:
        raw = _read_bytes(path, rel)
    text, decode_notes = _decode(raw, rel)
    if not text.strip():
        raise ArticleFormatError(rel, "empty file")
    block, body = split_front_matter(text, rel)
    fields, notes = parse_front_matter(block, rel) if block is not None else ({}, ())
    body, epoch, link_title, link_url = _strip_preamble(body)
    body_format = _body_format(path, body)
    if block is None and body_format == "html" and "<head" in body[:2000].lower():
        fields = parse_html_head(body)
    title = _text_field(fields.get("title")) or link_title
    if title is None and body_format == "markdown":
        title = _first_heading(body)
    if title is None and not body.strip():
        raise ArticleFormatError(rel, "no text")
    url, url_notes = _http_url(_text_field(fields.get("link")) or _text_field(fields.get("from")) or link_url)
    outlet = find_outlet(fields, url)
    stamp, stamp_notes = _real_timestamp(parse_timestamp(_text_field(fields.get("date")) or epoch or ""))
    if stamp is not None and stamp.tzinfo is None and outlet is not None and outlet.zone is not None:
        stamp = stamp.replace(tzinfo=outlet.zone)
    published_on, date_notes = resolve_published_on(body, stamp, outlet.zone if outlet else None, url)
    empty_note = () if body.strip() else ("empty body",)
    return Article(
        path=rel,
        title=title,
        url=url,
        outlet=outlet.name if outlet else _raw_outlet(fields),
        published=stamp.isoformat() if stamp else None,
        published_on=published_on,
        body=body,
        body_format=body_format,
        notes=(*decode_notes, *notes, *stamp_notes, *url_notes, *date_notes, *empty_note),
    )


def _read_bytes(path: Path, rel: str) -> bytes:
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise ArticleFormatError(rel, _too_big(size))
            return handle.read()
    except OSError as err:
        raise ArticleFormatError(rel, f"cannot read file: {err.strerror}") from None


def _real_timestamp(stamp: datetime | None) -> tuple[datetime | None, tuple[str, ...]]:
    """Drop a timestamp on the day of the Unix epoch, which feeds write for a missing date."""
    if stamp is None:
        return None, ()
    if abs((stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)) - _EPOCH_ZERO) > timedelta(days=1):
        return stamp, ()
    return None, (f"date is the Unix epoch, a placeholder: {stamp.isoformat()}",)


def _too_big(size: int) -> str:
    return f"file is {size / (1024 * 1024):.0f} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit"


def _strip_preamble(body: str) -> tuple[str, str | None, str | None, str | None]:
    """Remove the feed preamble (<!--epoch-->, [title](url), ------) and return what it said."""
    text = body.lstrip()
    epoch = None
    comment = _EPOCH_COMMENT.match(text)
    if comment:
        epoch = comment.group(1) if comment.group(1) and comment.group(1).isdigit() else None
        text = text[comment.end() :].lstrip()
    lines = text.split("\n", 2)
    if len(lines) >= 2 and _RULE_LINE.fullmatch(lines[1].strip()):
        first = lines[0].strip()
        link = _LINK_LINE.fullmatch(first) if len(first) <= _MAX_LINK_LINE else None
        if link:
            text = lines[2] if len(lines) > 2 else ""
            return text, epoch, _clean_title(link.group(1)), link.group(2)
    return (text if comment else body), epoch, None, None


def _text_field(value: FieldValue) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return _clean_title(value) if value else None


def _clean_title(value: str) -> str | None:
    value = html.unescape(value).strip() if "&" in value else value.strip()
    if "<" in value:
        value = _TITLE_TAG.sub("", _TITLE_SCRIPT.sub("", value)).strip()
    return value or None


def _first_heading(body: str) -> str | None:
    match = re.search(r"^#{1,2}\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
    return _clean_title(match.group(1)) if match else None


def _body_format(path: Path, body: str) -> BodyFormat:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "html" if _HTML_MARKER.search(body, 0, 4000) else "markdown"


def _http_url(url: str | None) -> tuple[str | None, tuple[str, ...]]:
    if not url:
        return None, ()
    scheme, _, rest = url.partition("://")
    if scheme.lower() in ("http", "https") and rest.split("/", 1)[0]:
        return url, ()
    return None, (f"link is not an http(s) URL: {url[:80]}",)


def find_outlet(fields: dict[str, FieldValue], url: str | None) -> Outlet | None:
    """Name the outlet from the categories, tags or author, else from the link's host."""
    by_key, by_host = _outlet_index()
    for field in ("categories", "tags", "author", "source", "outlet"):
        values = fields.get(field)
        for value in values if isinstance(values, list) else [values]:
            if value and (outlet := by_key.get(value.strip().lower())):
                return outlet
    host = url.partition("://")[2].split("/", 1)[0].rpartition("@")[2].split(":")[0].lower() if url else None
    while host:
        if outlet := by_host.get(host):
            return outlet
        host = host.partition(".")[2]
    return None


def _raw_outlet(fields: dict[str, FieldValue]) -> str | None:
    for field in ("author", "categories", "tags"):
        if value := _text_field(fields.get(field)):
            return value
    return None


@cache
def _outlet_index() -> tuple[dict[str, Outlet], dict[str, Outlet]]:
    """Load data_prep/vocab/outlets.yaml into key and host lookups, checking its shape."""
    text = resources.files("data_prep").joinpath("vocab/outlets.yaml").read_text(encoding="utf-8")
    by_key: dict[str, Outlet] = {}
    by_host: dict[str, Outlet] = {}
    for entry in yaml.safe_load(text)["outlets"]:
        if not isinstance(entry.get("name"), str) or not entry.get("keys"):
            raise ValueError(f"outlets.yaml: entry needs a name and keys: {entry!r}")
        outlet = Outlet(entry["name"], ZoneInfo(entry["zone"]) if entry.get("zone") else None)
        for key in [entry["name"], *entry["keys"]]:
            if by_key.setdefault(str(key).lower(), outlet) is not outlet:
                raise ValueError(f"outlets.yaml: key {key!r} names two outlets")
        for host in entry.get("hosts", []):
            by_host[host.lower()] = outlet
    return by_key, by_host
