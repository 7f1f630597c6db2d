"""The view as the URL holds it: read and write the query string, and decide the next view from an event.

Every view is a link: filters, the timeline's zoom, the list's order, the selected meeting, the open
article and the language live in the query string. `next_state` is the one place that decides how an
event (a control, a click on a chart, the clear button) changes the view.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any
from urllib.parse import parse_qs, urlencode

from dashboard import ids
from dashboard.contract import TOPICS
from dashboard.filtering import MAX_ITEMS, MAX_TEXT, Filters, Vocabulary, parse_date
from dashboard.i18n import Lang, resolve_lang

MAX_QUERY_FIELDS = 200
SORT_KEYS = ("date", "who", "type", "sources")
DEFAULT_SORT = "-date"
# The controls whose values make the filters, in the order Filters.from_inputs takes them, then the language.
CONTROLS: tuple[tuple[str, str], ...] = (
    (ids.TOPICS, "value"),
    (ids.OFFICIALS, "value"),
    (ids.SIDE, "value"),
    (ids.TYPES, "value"),
    (ids.STATUS, "value"),
    (ids.OUTLETS, "value"),
    (ids.DATES, "start_date"),
    (ids.DATES, "end_date"),
    (ids.LANG, "value"),
)
CONTROL_IDS = frozenset(component for component, _ in CONTROLS)
DateRange = tuple[date, date]
EPOCH = date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class ViewState:
    """Everything the URL holds: filters, zoom, list order, selected meeting, open article, language."""

    filters: Filters = field(default_factory=Filters)
    meeting: str | None = None
    article: str | None = None
    lang: Lang = "en"
    zoom: DateRange | None = None  # what the timeline shows; the filters decide what is in play
    sort: str = DEFAULT_SORT


@dataclass(frozen=True, slots=True)
class Event:
    """What just happened on the page: the component that fired, the control values, its payload."""

    trigger: object = None
    controls: Sequence[Any] = ()
    payload: object = None


def parse_query(search: object, vocabulary: Vocabulary) -> ViewState:
    """Read the URL's query string into a ViewState; junk gives the default view, never an error."""
    if not isinstance(search, str):
        return ViewState()
    try:
        query = parse_qs(search.lstrip("?")[: MAX_TEXT * MAX_ITEMS], max_num_fields=MAX_QUERY_FIELDS)
    except ValueError:
        return ViewState()

    def listed(key: str) -> list[str]:
        return [part for value in query.get(key, []) for part in value.split(",") if part]

    def single(key: str) -> str | None:
        values = query.get(key, [])
        return values[0][:MAX_TEXT] if values and values[0] else None

    filters = Filters.from_inputs(
        listed("topic"),
        query.get("official", []),
        single("side"),
        listed("type"),
        listed("status"),
        query.get("outlet", []),
        single("from"),
        single("to"),
        corrected=single("corrected") == "1",
        vocabulary=vocabulary,
    )
    sort = single("sort") or DEFAULT_SORT
    return ViewState(
        filters,
        single("m"),
        single("article"),
        resolve_lang(single("lang")),
        parse_range(listed("range")),
        sort if sort.lstrip("-") in SORT_KEYS else DEFAULT_SORT,
    )


def parse_range(values: Sequence[object]) -> DateRange | None:
    """Read a zoom range of two ISO dates (a chart may append times); anything else is no zoom."""
    if len(values) != 2:
        return None
    first, last = parse_date(values[0]), parse_date(values[1])
    if not first or not last or first == last:
        return None
    return (first, last) if first < last else (last, first)


def build_query(state: ViewState) -> str:
    """Write a ViewState as a query string ('' for the default view) that parse_query reads back."""
    f = state.filters
    pairs: list[tuple[str, str]] = []
    pairs += _joined("topic", f.topics) + [("official", o) for o in f.officials]
    pairs += [("side", f.side)] if f.side else []
    pairs += _joined("type", f.types) + _joined("status", f.statuses)
    pairs += [("outlet", o) for o in f.outlets]
    pairs += [("from", f.start.isoformat())] if f.start else []
    pairs += [("to", f.end.isoformat())] if f.end else []
    pairs += [("corrected", "1")] if f.corrected else []
    pairs += [("range", f"{state.zoom[0].isoformat()},{state.zoom[1].isoformat()}")] if state.zoom else []
    pairs += [("sort", state.sort)] if state.sort != DEFAULT_SORT else []
    pairs += [("m", state.meeting)] if state.meeting else []
    pairs += [("article", state.article)] if state.article else []
    pairs += [("lang", state.lang)] if state.lang != "en" else []
    return "?" + urlencode(pairs) if pairs else ""


def build_filter_key(state: ViewState) -> str:
    """Return the part of the view that decides the charts (filters, zoom, language): redraw on change."""
    return build_query(ViewState(state.filters, lang=state.lang, zoom=state.zoom))


def _joined(key: str, values: Iterable[str]) -> list[tuple[str, str]]:
    text = ",".join(values)
    return [(key, text)] if text else []


def next_state(event: Event, search: object, vocabulary: Vocabulary) -> ViewState:
    """Decide the new view from what changed: the URL, a control, a chart click, the clear button."""
    current = parse_query(search, vocabulary)
    trigger = event.trigger
    if trigger == ids.CLEAR:
        return ViewState(lang=current.lang)
    if trigger == ids.TIMELINE:
        cluster = find_cluster_zoom(event.payload)
        if cluster:
            return replace(current, zoom=cluster)
        meeting = find_clicked_meeting(event.payload, vocabulary)
        return replace(current, meeting=meeting or current.meeting, article=None)
    if trigger == ids.TIMELINE_ZOOM:
        return replace(current, zoom=find_zoom(event.payload, current.zoom))
    if trigger == ids.MONTHLY:
        return find_bar_filter(event.payload, current)
    if trigger == ids.MATRIX:
        return find_cell_filter(event.payload, current, vocabulary)
    if isinstance(trigger, dict) and trigger.get("type") == ids.LEGEND_TOPIC:
        return replace(current, filters=toggle_topic(current.filters, trigger.get("topic")))
    if isinstance(trigger, dict) and trigger.get("type") == ids.RANGE_BUTTON:
        return replace(current, zoom=find_span_zoom(trigger.get("span"), event.payload))
    if trigger in CONTROL_IDS:
        *values, lang = event.controls
        # "Corrected rows only" has no control of the filter panel: the URL keeps it across control changes.
        filters = Filters.from_inputs(*values, corrected=current.filters.corrected, vocabulary=vocabulary)
        return replace(current, filters=filters, article=None, lang=resolve_lang(lang))
    return current


def find_clicked_meeting(click: object, vocabulary: Vocabulary) -> str | None:
    """Return the meeting id of a click on the timeline (points carry their table row; legends none)."""
    point = _first_point(click)
    row = point.get("customdata") if point else None
    if isinstance(row, bool) or not isinstance(row, int) or not 0 <= row < len(vocabulary.meetings):
        return None
    return vocabulary.meetings[row]


def find_zoom(relayout: object, current: DateRange | None) -> DateRange | None:
    """Read the timeline's zoom from a plotly relayout event; autorange (double click) clears it."""
    if not isinstance(relayout, dict):
        return current
    if relayout.get("xaxis.autorange"):
        return None
    bounds = relayout.get("xaxis.range") or [relayout.get("xaxis.range[0]"), relayout.get("xaxis.range[1]")]
    if isinstance(bounds, list) and len(bounds) == 2 and all(isinstance(b, str) for b in bounds):
        return parse_range(bounds) or current
    return current


def find_cluster_zoom(click: object) -> DateRange | None:
    """A click on a '+N' of the timeline zooms into its meetings (the point carries first and last ms)."""
    point = _first_point(click)
    data = point.get("customdata") if point else None
    if not isinstance(data, list) or len(data) != 2 or not all(isinstance(v, int | float) for v in data):
        return None
    first, last = (EPOCH + timedelta(milliseconds=float(v)) for v in data)
    pad = timedelta(days=max(3, (last - first).days // 2))
    return (first - pad, last + pad)


def find_span_zoom(span: object, extent: object) -> DateRange | None:
    """Zoom to the last 6 months or year of the meetings in play, or to all of them."""
    if not isinstance(extent, list | tuple) or len(extent) != 2:
        return None
    first, last = (parse_date(v) for v in extent)
    if not first or not last:
        return None
    days = {"6m": 183, "1y": 365}.get(str(span))
    start = max(first, last - timedelta(days=days)) if days else first
    return (start, last + timedelta(days=1)) if start < last + timedelta(days=1) else None


def find_bar_filter(click: object, current: ViewState) -> ViewState:
    """A click on a bar of the monthly chart filters to its topic and its month."""
    point = _first_point(click)
    data = point.get("customdata") if point else None
    if not isinstance(data, list) or len(data) != 2:
        return current
    topic, month = data
    first = parse_date(f"{month}-01") if isinstance(month, str) else None
    if not first:
        return current
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    topics = (topic,) if topic in TOPICS else current.filters.topics
    filters = replace(current.filters, topics=topics, start=first, end=last)
    return replace(current, filters=filters, zoom=None)


def find_cell_filter(click: object, current: ViewState, vocabulary: Vocabulary) -> ViewState:
    """A click on a cell of who-met-whom filters to that pair of officials."""
    point = _first_point(click)
    data = point.get("customdata") if point else None
    if not isinstance(data, list) or len(data) != 2:
        return current
    pair = tuple(name for name in data if isinstance(name, str) and name in vocabulary.officials)
    if len(pair) != 2:
        return current
    return replace(current, filters=replace(current.filters, officials=pair, side=""))


def toggle_topic(filters: Filters, topic: object) -> Filters:
    """Add a topic to the topic filter, or take it out when it is in."""
    if topic not in TOPICS:
        return filters
    topics = tuple(t for t in filters.topics if t != topic)
    return replace(filters, topics=topics if len(topics) < len(filters.topics) else (*topics, str(topic)))


def toggle_sort(sort: str, key: object) -> str:
    """Sort the list by a column; the same column again reverses the order."""
    if key not in SORT_KEYS:
        return sort
    if sort.lstrip("-") == key:
        return sort[1:] if sort.startswith("-") else f"-{key}"
    return f"-{key}" if key in ("date", "sources") else str(key)


def build_control_values(state: ViewState) -> list[Any]:
    """Return the control values that show a view, in the order of CONTROLS."""
    f = state.filters
    dates = [d.isoformat() if d else None for d in (f.start, f.end)]
    return [
        list(f.topics),
        list(f.officials),
        f.side or "all",
        list(f.types),
        list(f.statuses),
        list(f.outlets),
        *dates,
        state.lang,
    ]


def _first_point(click: object) -> dict[str, Any] | None:
    points = click.get("points") if isinstance(click, dict) else None
    if not isinstance(points, list) or not points or not isinstance(points[0], dict):
        return None
    return points[0]


def build_zoom_ms(zoom: DateRange | None) -> tuple[float, float] | None:
    """Return a zoom range as ms since the epoch, as the timeline takes it."""
    if zoom is None:
        return None
    first, last = ((day - EPOCH).days * 86_400_000.0 for day in zoom)
    return first, last
