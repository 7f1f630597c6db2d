"""The records that flow through the build: articles in, meeting mentions, meetings out."""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal, TypeVar

Side = Literal["US", "CN"]
MeetingType = Literal["in_person", "phone", "video", "unknown"]
DatePrecision = Literal["day", "month", "year", "unknown"]
Status = Literal["held", "planned"]
# How a meeting's date was obtained: a date written in the text (1月10日), a date the text gives
# relative to the dateline (昨天, 周三, 12日), the article's dateline alone, a known event the text
# names (中美元首旧金山会晤), or not at all.
DatedBy = Literal["text", "relative", "dateline", "reference_event", "unknown"]
DATED_BY: tuple[DatedBy, ...] = ("text", "relative", "dateline", "reference_event", "unknown")
BodyFormat = Literal["html", "markdown"]
R = TypeVar("R")


def pickled_by_fields(cls: type[R]) -> type[R]:
    """Pickle a record as a call of its class with its fields, read by one C call (operator.attrgetter).

    A slotted dataclass is otherwise pickled by Python-level __getstate__/__setstate__, field by
    field: for the files a pool's workers are sent and the results they send back, three times the
    time (a month's 12,606 results: 36 ms to pickle and 47 ms to unpickle, against 16 and 29).
    """
    names = [item.name for item in dataclasses.fields(cls)]  # type: ignore[arg-type]
    assert len(names) > 1 and all(item.init for item in dataclasses.fields(cls))  # type: ignore[arg-type]
    values: Callable[[R], tuple[object, ...]] = operator.attrgetter(*names)

    def reduce(record: R) -> tuple[type[R], tuple[object, ...]]:
        return cls, values(record)

    cls.__reduce__ = reduce  # type: ignore[assignment,method-assign]
    return cls


TOPICS: tuple[str, ...] = (
    "taiwan",
    "chips",
    "fentanyl",
    "military",
    "trade",
    "climate",
    "ukraine",
    "north_korea",
    "south_china_sea",
    "human_rights",
    "people_exchange",
    "detained_citizens",
    "middle_east",
)
CORE_TOPICS: tuple[str, ...] = ("taiwan", "chips", "fentanyl", "military")


@dataclass(frozen=True, slots=True)
class Article:
    """One input file, read and normalised; the body is still raw HTML or Markdown."""

    path: str  # relative to the articles folder, with forward slashes
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None  # ISO 8601 timestamp from the metadata, as normalised by timestamps.py
    published_on: date | None  # local calendar date of the dateline the text's 今天/12日 refer to
    body: str
    body_format: BodyFormat
    notes: tuple[str, ...] = ()  # what the reader noticed (re-dated repost, no date, ...)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A resolved date or range, with how precise it is."""

    start: date | None
    end: date | None
    precision: DatePrecision

    def overlaps(self, other: DateSpan, *, tolerance_days: int = 0) -> bool:
        """Whether two dated spans share a day, allowing a margin for time zones."""
        if self.start is None or other.start is None:
            return False
        margin = timedelta(days=tolerance_days)
        mine_end, other_end = self.end or self.start, other.end or other.start
        return self.start <= other_end + margin and other.start <= mine_end + margin


@dataclass(frozen=True, slots=True)
class OfficialMention:
    """A person or institution of one side found in a sentence, resolved on a date."""

    key: str  # stable id from officials.yaml, e.g. "antony-blinken", or "inst:us-dod"
    name_en: str
    name_zh: str | None
    side: Side
    title: str | None  # role held on the date, in English
    title_zh: str | None
    begin: int  # character offsets in the (simplified) sentence
    end: int
    is_institution: bool = False
    rank: int = 0  # higher is more senior; used to pick principals


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A verbatim sentence of an article that supports a meeting or one of its topics."""

    path: str
    text: str
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """An article that reports a meeting."""

    path: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class Participant:
    name_en: str
    name_zh: str | None
    side: Side
    title: str | None
    key: str = ""
    rank: int = 0  # seniority of the role held on the day; picks each side's principal
    title_zh: str | None = (
        None  # the title as the article writes it (kept for officials not in the dictionary)
    )

    @property
    def is_office(self) -> bool:
        """An institution or an unnamed delegation standing for a side, not a named person."""
        return self.key.startswith(("inst:", "cp:"))

    @property
    def is_known(self) -> bool:
        """In the dictionary (or a counterpart word), not an official read off a title and a name."""
        return not self.key.startswith("new:")


@dataclass(frozen=True, slots=True)
class MeetingMention:
    """One article's report of one meeting: what the merge step combines across articles."""

    path: str
    span: DateSpan
    status: Status
    meeting_type: MeetingType
    location: str | None
    participants: tuple[Participant, ...]
    topics: tuple[str, ...]
    excerpts: tuple[Excerpt, ...]
    source: Source
    confidence: float = 1.0  # its weight in the date vote: how directly the article reports it
    dated_by: DatedBy = "unknown"

    @property
    def pinned_to_a_day(self) -> bool:
        """Dated to the day by what the article says (its own date or a known event), not its dateline."""
        if self.span.precision != "day":
            return False
        return self.dated_by in ("text", "relative", "reference_event")

    reference: str | None = None  # key of a reference event when the mention names one
    # Spoken about, a time reference or an earlier contact: it joins the latest row of its people as
    # a source and makes no row of its own.
    recalled: bool = False
    # Reports the meeting as having taken place; a headline without tense does not.
    evidence: bool = True


@dataclass(frozen=True, slots=True)
class Meeting:
    """One real-world meeting, merged from every article that reports it."""

    id: str
    span: DateSpan
    status: Status
    meeting_type: MeetingType
    location: str | None
    participants: tuple[Participant, ...]
    topics: tuple[str, ...]
    sources: tuple[Source, ...]
    excerpts: tuple[Excerpt, ...]
    mentions: int = field(default=1)
    dated_by: DatedBy = "unknown"
    planned_in: str | None = None  # the id of the planned row that announced this held meeting
    fulfilled_by: str | None = None  # the id of the held row that fulfils this planned meeting


@dataclass(frozen=True, slots=True)
class ArticleView:
    """The cleaned article as the dashboard shows it, kept only for articles that report meetings."""

    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    paragraphs: tuple[str, ...]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FileResult:
    """What one input file gave: a skip reason, or reader notes and meeting mentions."""

    path: str  # the article's name: its path in its folder, or `INPUT:path` (see read/inputs.py)
    skip_reason: str | None = None
    notes: tuple[str, ...] = ()
    mentions: tuple[MeetingMention, ...] = ()
    article: ArticleView | None = None
    screened_out: bool = False  # turned away by the look at the raw text, before any parsing
    digest: str | None = None  # hash of the decoded text: two files with the same text are one article
    duplicate_of: str | None = None  # the earlier file (input order, then name) with the same text


@dataclass(frozen=True, slots=True)
class TableChanges:
    """How the table differs from the one the previous build wrote, by meeting id."""

    added: tuple[str, ...] = ()
    changed: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (id, the fields that differ)
    removed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BuildResult:
    """Every input file's result (in input order, then by path) and the meetings, in table order."""

    articles_dir: str
    out_dir: Path
    files: tuple[FileResult, ...]
    meetings: tuple[Meeting, ...]
    reused: int  # files whose result came from the cache
    changes: TableChanges | None = None  # None when there was no previous table to compare with
    rows: tuple[dict[str, Any], ...] = ()  # the table as written: the meetings' records, corrected when asked
    # A data_prep.correct.stage.CorrectionsOutcome when a corrections file was applied (typed loosely:
    # the shared records import no stage).
    corrections: Any = None

    @property
    def skipped(self) -> tuple[FileResult, ...]:
        return tuple(result for result in self.files if result.skip_reason is not None)
