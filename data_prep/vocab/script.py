"""Script conversion: one OpenCC converter per configuration, shared by every stage.

News comes in simplified and traditional script (Taiwan and Hong Kong usage). Matching runs on
simplified text, and the vocabularies list simplified words; the cheap screen needs each word in
every script instead, because it looks at the raw text before conversion.
"""

from __future__ import annotations

import functools
from typing import Any

import opencc

# The traditional spellings a simplified word may take: generic, Taiwan, Hong Kong, Taiwan phrases.
TRADITIONAL_CONFIGS = ("s2t", "s2tw", "s2hk", "s2twp")
# The CJK Unified Ideographs block: the Han characters of both scripts.
_HAN_FIRST, _HAN_LAST = 0x4E00, 0x9FFF


@functools.cache
def converter(config: str) -> Any:
    """The OpenCC converter for a configuration (t2s, s2t, ...), built once per process."""
    return opencc.OpenCC(config)


@functools.lru_cache(maxsize=4096)  # a sentence is converted for the cheap look, then again to be read
def to_simplified(text: str) -> str:
    """Convert traditional Chinese to simplified with OpenCC t2s (simplified text is unchanged)."""
    return converter("t2s").convert(text) if text else text


def to_traditional(text: str) -> str:
    """Convert simplified Chinese to generic traditional script."""
    return converter("s2t").convert(text) if text else text


def spellings(word: str) -> set[str]:
    """A simplified word and its traditional spellings (generic, Taiwan and Hong Kong usage)."""
    forms = {word, *(converter(config).convert(word) for config in TRADITIONAL_CONFIGS)}
    return {form for form in forms if form}


def is_han(char: str) -> bool:
    """Whether a character is a Han character of the CJK Unified Ideographs block."""
    return _HAN_FIRST <= ord(char) <= _HAN_LAST
