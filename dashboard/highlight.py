"""Split text into plain and highlighted runs: a topic's words in an excerpt, excerpts in an article."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml

from dashboard.data import TOPICS
from dashboard.i18n import VocabularyError

Run = tuple[str, bool]  # (text, highlighted)


@cache
def read_topic_words() -> dict[str, tuple[str, ...]]:
    """Read and check topic_words.yaml: topic -> words to highlight."""
    name = "topic_words.yaml"
    data = yaml.safe_load(resources.files("dashboard").joinpath(name).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not set(data) <= set(TOPICS):
        raise VocabularyError(name, f"keys must be topics of the contract: {', '.join(TOPICS)}")
    if any(
        not isinstance(words, list) or not all(isinstance(w, str) and w for w in words)
        for words in data.values()
    ):
        raise VocabularyError(name, "each topic needs a list of non-empty words")
    return {topic: tuple(words) for topic, words in data.items()}


def find_topic_words(topics: Iterable[str]) -> tuple[str, ...]:
    """Return the words of these topics, once each."""
    words = read_topic_words()
    return tuple(dict.fromkeys(w for topic in topics for w in words.get(topic, ())))


def split_runs(text: str, needles: Iterable[str]) -> list[Run]:
    """Split text at every occurrence of any needle (longest first, no overlaps) into runs."""
    wanted = sorted({n for n in needles if n}, key=len, reverse=True)
    if not wanted or not text:
        return [(text, False)] if text else []
    pattern = re.compile("|".join(re.escape(n) for n in wanted))
    runs: list[Run] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            runs.append((text[position : match.start()], False))
        runs.append((match.group(), True))
        position = match.end()
    if position < len(text):
        runs.append((text[position:], False))
    return runs


def build_excerpt_index(meetings: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Map each article's path to the excerpts any meeting quotes from it."""
    index: dict[str, list[str]] = defaultdict(list)
    for meeting in meetings:
        for excerpt in meeting["excerpts"]:
            index[str(excerpt.get("path"))].append(str(excerpt.get("text", "")))
    return dict(index)


def find_article_excerpts(
    meeting: Mapping[str, Any] | None, path: str, index: Mapping[str, list[str]]
) -> list[str]:
    """Return the excerpts to mark in an article: the open meeting's from it, else every meeting's."""
    own = [str(e.get("text", "")) for e in meeting["excerpts"] if e.get("path") == path] if meeting else []
    return own or index.get(path, [])
