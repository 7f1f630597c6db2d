"""Build the dashboard's pieces of page from data; article text is untrusted, so only as plain children."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.contract import DATED_BY, SIDES, TOPICS
from dashboard.data import TableError
from dashboard.figures.colour import find_rule_key
from dashboard.highlight import Run, find_topic_words, split_runs
from dashboard.i18n import label, t
from dashboard.labels import (
    build_date_label,
    build_location,
    build_meeting_label,
    build_official_label,
    build_participant_label,
    build_role,
    build_who,
)
from dashboard.spellings import find_spellings
from dashboard.url_state import ViewState, build_query, toggle_sort

UNDATED_SHOWN = 30
LIST_ROWS = 100  # the list shows at most this many rows; the rest are counted
SOURCES_SHOWN = 5  # sources beyond these are folded under "show all N"
EXCERPTS_SHOWN = 3  # per topic, and of the sentences that report the meeting; the rest are folded
SIDE_CHOICES = ("all", *SIDES)
TOPIC_ORDER_INDEX = {topic: i for i, topic in enumerate(TOPICS)}  # core topics first, as on the chips
SORT_COLUMNS = (("date", "list.date"), ("who", "list.who"), ("type", "list.type"), (None, "list.topics"),
                ("sources", "list.sources"))  # fmt: skip


def _aria(**values: str) -> dict[str, Any]:
    return {f"aria-{name}": value for name, value in values.items()}


def text(key: str, lang: str = "en", tag: type = html.Span, **props: Any) -> Any:
    """Return a translatable piece of static text; one callback swaps its language."""
    return tag(t(key, lang), id={"type": ids.TEXT, "key": key}, **props)


def safe_url(url: object) -> str | None:
    """Return the URL when it is http or https, else None (no javascript:, data: or relative links)."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def build_marked(runs: Sequence[Run]) -> list[Any]:
    """Turn runs into children: plain strings and html.Mark spans (never raw HTML)."""
    return [html.Mark(run) if marked else run for run, marked in runs]


def link_to(state: ViewState, children: Any, class_name: str = "", **props: Any) -> dcc.Link:
    """Link to another view of the same page, keeping the rest of the state."""
    return dcc.Link(children, href="/" + build_query(state), className=class_name, **props)


def build_topic_options(counts: Mapping[str, int] | None, lang: str) -> list[dict[str, Any]]:
    """Topic chips, core topics first, each with its colour dot (CSS) and count ('…' while the counts load).

    Two components a chip: every component on the page costs dash-renderer time on every click."""
    return [
        {
            "label": html.Span(
                [
                    label("topic", topic, lang),
                    html.Span("…" if counts is None else str(counts.get(topic, 0)), className="count"),
                ],
                className=f"chip-label dot-{topic}",
            ),
            "value": topic,
        }
        for topic in TOPICS
    ]


def build_topic_legend(selected: Sequence[str], present: Sequence[str], lang: str) -> list[Any]:
    """Say which colour rule is in force and list the topics drawn, each a button that toggles its filter."""
    buttons = [
        html.Button(
            label("topic", topic, lang),
            id={"type": ids.LEGEND_TOPIC, "topic": topic},
            className=f"legend-topic dot-{topic}" + (" on" if topic in selected else ""),
            n_clicks=0,
            **_aria(pressed="true" if topic in selected else "false"),
        )
        for topic in TOPICS
        if topic in present or topic in selected
    ]
    return [html.Span(t(find_rule_key(selected), lang), className="legend-rule"), *buttons]


def build_choice_options(group: str, values: Sequence[str], lang: str) -> list[dict[str, str]]:
    """Options of a fixed choice (side, meeting type, status), labelled in the page's language."""
    return [{"label": label(group, value, lang), "value": value} for value in values]


def build_official_options(
    officials: pd.DataFrame, side: str | None, lang: str = "en", keep: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Officials for the searchable select: one side's (plus those selected), found by every spelling."""
    rows = (
        officials
        if side not in SIDES
        else officials[(officials["side"] == side) | officials["key"].isin(keep)]
    )
    return [
        {
            "label": build_official_label(official, lang),
            "value": official["key"],
            "search": " ".join(find_spellings(official["key"], official.get("name_zh"))),
        }
        for official in rows.to_dict("records")
    ]


def build_side_note(conflicts: Sequence[str], side: str, names: Mapping[str, str], lang: str) -> str | None:
    """Say which selected officials the side filter keeps but cannot match, instead of dropping them."""
    if not conflicts:
        return None
    listed = ", ".join(names.get(key, key) for key in conflicts)
    return t("filters.side_note", lang, side=label("side", side, lang), names=listed)


def build_meeting_list(shown: pd.DataFrame, state: ViewState, lang: str) -> dict[str, Any]:
    """List the meetings in play, sorted, as the data of the page's table (assets/page.js drawList): the
    header's sort buttons and one row per meeting, whose link opens it (Enter or click). Every value is
    text the page draws as text; a row is one element there, not ~10 components for dash-renderer."""
    rows = sort_meetings(shown, state.sort, lang, LIST_ROWS)
    more = t("list.more", lang, shown=LIST_ROWS, total=len(shown)) if len(shown) > LIST_ROWS else None
    return {
        "columns": [_list_column(key, name, state, lang) for key, name in SORT_COLUMNS],
        "rows": [_list_row(row, state, lang) for row in rows.to_dict("records")],
        "new": {"text": t("list.new", lang), "title": t("detail.new", lang)},
        "more": more,
    }


def build_meeting_list_parts(meeting_list: dict[str, Any]) -> list[Any]:
    """Return the list's part of the page: its data (the URL callback replaces it) and where it is drawn."""
    return [dcc.Store(id=ids.LIST_DATA, data=meeting_list), html.Div(id=ids.LIST_BODY)]


def sort_meetings(shown: pd.DataFrame, sort: str, lang: str, limit: int | None = None) -> pd.DataFrame:
    """Order the list (the first `limit` rows): by date (undated last), who, type or sources; '-' reverses."""
    key = sort.lstrip("-")
    descending = sort.startswith("-")
    if key == "who":
        values = shown["participants"].map(lambda ps: build_who(ps, lang))
    elif key == "type":
        values = shown["meeting_type"].map(lambda kind: label("type", kind, lang))
    elif key == "sources":
        values = shown["n_sources"]
    else:
        values = shown["start"]
    order = values.sort_values(ascending=not descending, na_position="last", kind="stable").index
    return shown.loc[order[:limit]]


def _list_column(key: str | None, name: str, state: ViewState, lang: str) -> dict[str, Any]:
    """A column's heading; a sortable one says its order and links to the list sorted by it (or reversed)."""
    if key is None:
        return {"key": None, "label": t(name, lang), "sort": None, "href": None}
    direction = "descending" if state.sort == f"-{key}" else "ascending" if state.sort == key else "none"
    arrow = {"descending": " ↓", "ascending": " ↑", "none": ""}[direction]
    # The list does not depend on the open article (its key leaves it out): a sort closes the article.
    sorted_view = replace(state, sort=toggle_sort(state.sort, key), article=None)
    href = "/" + build_query(sorted_view)
    return {"key": key, "label": t(name, lang) + arrow, "sort": direction, "href": href}


def _list_row(row: Mapping[str, Any], state: ViewState, lang: str) -> dict[str, Any]:
    planned = " · " + label("status", "planned", lang) if row["status"] == "planned" else ""
    return {
        "id": row["id"],
        "href": "/" + build_query(replace(state, meeting=row["id"], article=None)),
        "date": build_date_label(row) or t("list.undated", lang),
        "new": bool(row.get("new")),
        "who": build_who(row["participants"], lang),
        "type": label("type", row["meeting_type"], lang) + planned,
        "topics": [[topic, label("topic", topic, lang)] for topic in row["topics"]],
        "sources": str(len(row["sources"])),
        "selected": row["id"] == state.meeting,
    }


def _new_mark(row: Mapping[str, Any], lang: str) -> list[Any]:
    """A "new" badge on a row the last build added, which a reader following the news looks for first."""
    if not row.get("new"):
        return []
    return [html.Span(t("list.new", lang), className="new-mark", title=t("detail.new", lang))]


def build_undated_links(meetings: pd.DataFrame, state: ViewState, lang: str) -> list[Any]:
    """List the meetings without a known date, which the timeline cannot place, as links to their details."""
    undated = meetings.loc[meetings["start"].isna().to_numpy()]
    if undated.empty:
        return []
    links = [
        link_to(
            replace(state, meeting=row["id"], article=None), build_meeting_label(row, lang), "undated-link"
        )
        for row in undated.head(UNDATED_SHOWN).to_dict("records")
    ]
    more = [html.Span(f"+{len(undated) - UNDATED_SHOWN}")] if len(undated) > UNDATED_SHOWN else []
    return [html.Span(t("view.undated", lang), className="undated-label"), *links, *more]


def build_detail_panel(row: Mapping[str, Any] | None, state: ViewState, lang: str) -> Any:
    """Show one meeting: dates and how they were found, type, place, people, topics with their sentences,
    and the sources (the first five, the rest folded)."""
    if row is None:
        key = "empty.unknown_meeting" if state.meeting else "empty.detail"
        return html.P(t(key, lang), className="empty-note")
    date = build_date_label(row) or t("detail.no_date", lang)
    facts = [
        (t("detail.dates", lang), f"{date} ({label('precision', row['date_precision'], lang)})"),
        (t("detail.type", lang), label("type", row["meeting_type"], lang)),
        (t("detail.place", lang), build_location(row, lang) or t("detail.no_place", lang)),
        (t("detail.status", lang), label("status", row["status"], lang)),
    ]
    if row.get("dated_by") in DATED_BY:
        facts.insert(1, (t("detail.dated_by", lang), label("dated_by", str(row["dated_by"]), lang)))
    facts += _links_between(row, state, lang)
    sources = list(row["sources"])
    return html.Div(
        [
            html.H3([build_meeting_label(row, lang), *_new_mark(row, lang)], className="detail-title"),
            html.Dl(
                [part for term, value in facts for part in (html.Dt(term), html.Dd(value))], className="facts"
            ),
            html.H4(t("detail.participants", lang)),
            _participants(row["participants"], lang),
            *_excerpt_sections(row, state, lang),
            html.H4(t("detail.sources", lang)),
            html.Ul([_source_item(s, state, lang) for s in sources[:SOURCES_SHOWN]], className="sources"),
            *_more_sources(sources[SOURCES_SHOWN:], state, lang),
        ]
    )


def _links_between(row: Mapping[str, Any], state: ViewState, lang: str) -> list[tuple[str, Any]]:
    links = []
    for key, field_name in (("detail.fulfilled_by", "fulfilled_by"), ("detail.planned_in", "planned_in")):
        value = row.get(field_name)
        targets = [value] if isinstance(value, str) else [v for v in value or [] if isinstance(v, str)]
        if targets:
            anchors = [link_to(replace(state, meeting=m, article=None), m, "meeting-link") for m in targets]
            links.append((t(key, lang), anchors))
    return links


def _more_sources(rest: Sequence[Mapping[str, Any]], state: ViewState, lang: str) -> list[Any]:
    if not rest:
        return []
    summary = html.Summary(t("detail.show_all_sources", lang, n=SOURCES_SHOWN + len(rest)))
    items = html.Ul([_source_item(s, state, lang) for s in rest], className="sources")
    return [html.Details([summary, items], className="more-sources")]


def _participants(participants: Sequence[Mapping[str, Any]], lang: str) -> html.Div:
    columns = []
    for side in SIDES:
        people = [
            html.Li(
                [
                    html.Strong(build_participant_label(p, lang)),
                    html.Span(build_role(p, lang), className="role"),
                ]
            )
            for p in participants
            if p["side"] == side
        ]
        columns.append(
            html.Div(
                [html.Div(label("side", side, lang), className="side-name"), html.Ul(people)],
                className=f"side side-{side}",
            )
        )
    return html.Div(columns, className="participants")


def find_unique_excerpts(excerpts: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Drop repeated excerpts (one sentence quoted by several articles), keeping the first; merge topics."""
    seen: dict[str, dict[str, Any]] = {}
    for excerpt in excerpts:
        key = "".join(str(excerpt.get("text", "")).split())
        if key in seen:
            topics = seen[key].get("topics") or []
            seen[key]["topics"] = list(dict.fromkeys([*topics, *(excerpt.get("topics") or [])]))
        else:
            seen[key] = dict(excerpt)
    return list(seen.values())


def find_unsupported_topics(meeting: Mapping[str, Any]) -> list[str]:
    """Return the topics of a meeting that no excerpt ties to it (a defect of the table, shown as such)."""
    supported = {topic for e in meeting.get("excerpts") or [] for topic in e.get("topics") or []}
    return [topic for topic in meeting.get("topics") or [] if topic not in supported]


def _excerpt_sections(row: Mapping[str, Any], state: ViewState, lang: str) -> list[Any]:
    excerpts = find_unique_excerpts(row["excerpts"])
    general = [e for e in excerpts if not e.get("topics")]
    sections: list[Any] = []
    if general:
        sections += [
            html.H4(t("detail.meeting_excerpts", lang)),
            *_fold([_excerpt(e, (), state, lang) for e in general], lang),
        ]
    if len(row["topics"]):
        sections.append(html.H4(t("detail.topics", lang)))
    for topic in sorted(row["topics"], key=TOPIC_ORDER_INDEX.__getitem__):
        support = [e for e in excerpts if topic in (e.get("topics") or [])]
        evidence: list[Any] = _fold([_excerpt(e, (topic,), state, lang) for e in support], lang) or [
            html.P(t("detail.no_support", lang), className="no-support")
        ]
        sections.append(
            html.Div(
                [html.Span(label("topic", topic, lang), className=f"topic-tag topic-{topic}"), *evidence],
                className="topic-block",
            )
        )
    return sections


def _fold(excerpts: list[Any], lang: str) -> list[Any]:
    """Show the first few sentences; fold the rest under "N more sentences" (a row may have 60)."""
    rest = excerpts[EXCERPTS_SHOWN:]
    if not rest:
        return excerpts
    more = (
        t("detail.more_excerpts_one", lang)
        if len(rest) == 1
        else t("detail.more_excerpts", lang, n=len(rest))
    )
    summary = html.Summary(more)
    return [*excerpts[:EXCERPTS_SHOWN], html.Details([summary, *rest], className="more-excerpts")]


def _excerpt(
    excerpt: Mapping[str, Any], topics: Sequence[str], state: ViewState, lang: str
) -> html.Blockquote:
    runs = split_runs(str(excerpt.get("text", "")), find_topic_words(topics))
    article = replace(state, article=str(excerpt.get("path", "")))
    return html.Blockquote(
        [html.Span(build_marked(runs)), link_to(article, t("detail.read_article", lang) + " →", "read-link")],
        className="excerpt",
    )


def _source_item(source: Mapping[str, Any], state: ViewState, lang: str) -> html.Li:
    url = safe_url(source.get("url"))
    meta = " · ".join(str(v) for v in (source.get("outlet"), _published(source, lang)) if v)
    parts: list[Any] = [
        html.Div(source.get("title") or source.get("path"), className="source-title"),
        html.Span(meta, className="source-meta"),
    ]
    parts.append(link_to(replace(state, article=str(source.get("path", ""))), t("detail.read_article", lang)))
    if url:
        parts.append(
            html.A(t("detail.original", lang) + " ↗", href=url, target="_blank", rel="noopener noreferrer")
        )
    return html.Li(parts)


def _published(source: Mapping[str, Any], lang: str) -> str:
    published = source.get("published")
    return str(published)[:10] if published else t("detail.unpublished", lang)


def build_article_panel(
    path: str, article: Mapping[str, Any] | None, excerpts: Sequence[str], state: ViewState, lang: str
) -> Any:
    """Show a whole cleaned article with the given excerpts highlighted (Esc or Close closes it)."""
    close = link_to(
        replace(state, article=None), t("article.close", lang) + " ✕", "close-link", id=ids.ARTICLE_CLOSE
    )
    if article is None:
        return html.Div(
            [close, html.P(t("article.missing", lang)), html.Code(path)], className="article-body"
        )
    url = safe_url(article.get("url"))
    meta = [str(v) for v in (article.get("outlet"), str(article.get("published") or "")[:10]) if v]
    header = [html.H3(article.get("title") or path), html.Div(" · ".join(meta), className="source-meta")]
    if url:
        header.append(
            html.A(t("detail.original", lang) + " ↗", href=url, target="_blank", rel="noopener noreferrer")
        )
    paragraphs = [html.P(build_marked(split_runs(p, excerpts))) for p in article.get("paragraphs", [])]
    return html.Div(
        [close, *header, html.Div(paragraphs, className="article-text")],
        className="article-body",
        role="dialog",
        **_aria(modal="true"),
    )


def build_error_panel(problem: TableError, command: str) -> html.Div:
    """Explain on the page why there is no table, naming the file, the problem, and what to run."""
    missing = problem.problem == "file not found"
    return html.Div(
        [
            html.H2(t("error.heading", "en") + " · " + t("error.heading", "zh")),
            html.P([html.Code(str(problem.path)), ": ", problem.problem], className="error-problem"),
            html.P([t("error.no_table", "en") + " · " + t("error.no_table", "zh")]) if missing else None,
            html.Pre(command, className="command"),
        ],
        id=ids.ERROR,
        className="error-panel",
    )
