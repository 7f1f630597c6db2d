"""Which colour a meeting is drawn in: the rule is stated on the page and in every export.

With topic filters on, each shown meeting takes the colour of a selected topic it has (the first in the
documented order). Without, the first of its topics in the documented order: Taiwan, chips, fentanyl,
military, then the other topics in the contract's order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dashboard.contract import TOPICS
from dashboard.data import TOPIC_BITS
from dashboard.figures.theme import TOPIC_ORDER

NO_TOPIC_INDEX = len(TOPIC_ORDER) - 1


def find_colour_topics(masks: np.ndarray, selected: Sequence[str] = ()) -> np.ndarray:
    """Return each meeting's colour as an index of TOPIC_ORDER, from its topic bit mask and the filter."""
    order = [t for t in TOPICS if t in selected] or list(TOPICS)
    colours = np.full(len(masks), NO_TOPIC_INDEX, dtype=np.uint8)
    for topic in reversed(order):  # the first topic of the order that a meeting has is written last
        has = (masks & TOPIC_BITS[topic]) != 0
        colours[has] = TOPIC_ORDER.index(topic)
    return colours


def find_rule_key(selected: Sequence[str]) -> str:
    """Name the colour rule in force (an i18n key): the selected topics, or the documented order."""
    if len(selected) == 1:
        return "legend.rule_one"
    return "legend.rule_selected" if selected else "legend.rule_order"
