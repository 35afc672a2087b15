"""Compiled cue tables: one regular expression per table and language. A lookup only.

The words live in sanction_words (what a measure is called) and trap_words (what tells
other money or other news from a sanction).
"""

from __future__ import annotations

import re
from functools import cache

from scrapers.extract import aside_words, genre_words, sanction_words, trap_words
from scrapers.extract.sanction_words import Cues


def _table(name: str) -> Cues:
    for module in (sanction_words, trap_words, genre_words, aside_words):
        table = getattr(module, name, None)
        if isinstance(table, dict):
            return table
    raise KeyError(name)


@cache
def cue(table_name: str, language: str) -> re.Pattern[str]:
    """The compiled cues of one table for `language` (plus the English ones)."""
    table = _table(table_name)
    stems = (*table.get(language, ()), *(table["en"] if language != "en" else ()))
    parts = sorted({stem.replace("\\b", "\x00") for stem in stems}, key=len, reverse=True)
    alternation = "|".join(re.escape(part).replace("\x00", r"\b") for part in parts)
    return re.compile(rf"(?<!\w)(?:{alternation})", re.I)
