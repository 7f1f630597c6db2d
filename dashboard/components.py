"""Build the dashboard's pieces of page from data; article text is untrusted, so only as plain children."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.data import SIDES, TOPICS, TableError, build_participant_label
from dashboard.filtering import ViewState, build_query
from dashboard.highlight import Run, find_topic_words, split_runs
from dashboard.i18n import label, t

UNDATED_SHOWN = 30
SIDE_CHOICES = ("all", *SIDES)
TOPIC_ORDER_INDEX = {topic: i for i, topic in enumerate(TOPICS)}  # core topics first, as on the chips


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


def link_to(state: ViewState, children: Any, class_name: str = "") -> dcc.Link:
    """Link to another view of the same page, keeping the rest of the state."""
    return dcc.Link(children, href="/" + build_query(state), className=class_name)


def build_topic_options(counts: Mapping[str, int], lang: str) -> list[dict[str, Any]]:
    """Topic chips, core topics first, each with its count of meetings."""
    return [
        {
            "label": html.Span(
                [label("topic", topic, lang), html.Span(str(counts.get(topic, 0)), className="count")]
            ),
            "value": topic,
        }
        for topic in TOPICS
    ]


def build_choice_options(group: str, values: Sequence[str], lang: str) -> list[dict[str, str]]:
    """Options of a fixed choice (side, meeting type, status), labelled in the page's language."""
    return [{"label": label(group, value, lang), "value": value} for value in values]


def build_official_options(officials: pd.DataFrame, side: str | None) -> list[dict[str, Any]]:
    """Officials for the searchable select, bilingual labels, most frequent first."""
    rows = officials if side not in SIDES else officials[officials["side"] == side]
    return [
        {"label": f"{name} · {label('side', s, 'zh')} {n}", "value": key}
        for key, name, s, n in zip(rows["key"], rows["label"], rows["side"], rows["meetings"], strict=True)
    ]


def build_undated_links(meetings: pd.DataFrame, state: ViewState, lang: str) -> list[Any]:
    """List the meetings without a date, which the timeline cannot place, as links to their details."""
    undated = meetings.loc[meetings["start"].isna().to_numpy(), ["id", f"label_{lang}"]]
    if undated.empty:
        return []
    links = [
        link_to(replace(state, meeting=mid, article=None), name, "undated-link")
        for mid, name in zip(
            undated["id"][:UNDATED_SHOWN], undated[f"label_{lang}"][:UNDATED_SHOWN], strict=True
        )
    ]
    more = [html.Span(f"+{len(undated) - UNDATED_SHOWN}")] if len(undated) > UNDATED_SHOWN else []
    return [html.Span(t("view.undated", lang), className="undated-label"), *links, *more]


def build_detail_panel(row: Mapping[str, Any] | None, state: ViewState, lang: str) -> Any:
    """Show one meeting: dates, type, place, participants, topics with excerpts, and every source."""
    if row is None:
        key = "empty.unknown_meeting" if state.meeting else "empty.detail"
        return html.P(t(key, lang), className="empty-note")
    facts = [
        (
            t("detail.dates", lang),
            f"{row['date_label'] or t('detail.no_date', lang)} "
            f"({label('precision', row['date_precision'], lang)})",
        ),
        (t("detail.type", lang), label("type", row["meeting_type"], lang)),
        (t("detail.place", lang), _text(row["location"]) or t("detail.no_place", lang)),
        (t("detail.status", lang), label("status", row["status"], lang)),
    ]
    return html.Div(
        [
            html.H3(row[f"label_{lang}"], className="detail-title"),
            html.Dl(
                [part for term, value in facts for part in (html.Dt(term), html.Dd(value))], className="facts"
            ),
            html.H4(t("detail.participants", lang)),
            _participants(row["participants"], lang),
            *_excerpt_sections(row, state, lang),
            html.H4(t("detail.sources", lang)),
            html.Ul([_source_item(s, state, lang) for s in row["sources"]], className="sources"),
        ]
    )


def _participants(participants: Sequence[Mapping[str, Any]], lang: str) -> html.Div:
    columns = []
    for side in SIDES:
        people = [
            html.Li(
                [html.Strong(build_participant_label(p)), html.Span(p.get("title") or "", className="role")]
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


def _excerpt_sections(row: Mapping[str, Any], state: ViewState, lang: str) -> list[Any]:
    excerpts = row["excerpts"]
    general = [e for e in excerpts if not e.get("topics")]
    sections: list[Any] = []
    if general:
        sections += [
            html.H4(t("detail.meeting_excerpts", lang)),
            *[_excerpt(e, (), state, lang) for e in general],
        ]
    if row["topics"]:
        sections.append(html.H4(t("detail.topics", lang)))
    for topic in sorted(row["topics"], key=TOPIC_ORDER_INDEX.__getitem__):
        support = [e for e in excerpts if topic in (e.get("topics") or [])]
        sections.append(
            html.Div(
                [
                    html.Span(label("topic", topic, lang), className=f"topic-tag topic-{topic}"),
                    *[_excerpt(e, (topic,), state, lang) for e in support],
                ],
                className="topic-block",
            )
        )
    return sections


def _excerpt(
    excerpt: Mapping[str, Any], topics: Sequence[str], state: ViewState, lang: str
) -> html.Blockquote:
    runs = split_runs(str(excerpt.get("text", "")), find_topic_words(topics))
    article = replace(state, article=str(excerpt.get("path", "")))
    return html.Blockquote(
        [
            html.Span(build_marked(runs)),
            link_to(article, t("detail.read_article", lang) + " →", "read-link"),
        ],
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


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""  # a missing place reads back from pandas as NaN


def _published(source: Mapping[str, Any], lang: str) -> str:
    published = source.get("published")
    return str(published)[:10] if published else t("detail.unpublished", lang)


def build_article_panel(
    path: str, article: Mapping[str, Any] | None, excerpts: Sequence[str], state: ViewState, lang: str
) -> Any:
    """Show a whole cleaned article with the given excerpts highlighted."""
    close = link_to(replace(state, article=None), t("article.close", lang) + " ✕", "close-link")
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
        [close, *header, html.Div(paragraphs, className="article-text")], className="article-body"
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
