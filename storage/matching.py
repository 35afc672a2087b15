"""How a query finds a defendant: by prefix, by words, by compact form, or fuzzily.

Keys are names already folded for matching (lower case, no accents, no legal form), by
`scrapers.extract.normalise_defendant` on both sides; these rules only compare keys.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

# Below this many characters a fuzzy match finds too much ("ab" is close to everything).
_FUZZY_MIN_LENGTH = 5
_FUZZY_CUTOFF = 85


def key_matches(query_key: str, key: str) -> bool:
    """True when a folded query names the folded defendant `key`.

    "clearview", "clearview ai", "clear view" and "clearveiw" all name "clearview ai".
    One rule set, kept in KeyIndex; this is its one-name form.
    """
    return bool(KeyIndex([key]).matching(query_key))


class KeyIndex:
    """Many folded names prepared once, and the rules that match a folded query to them:
    by prefix of the compact form, by word prefixes, or fuzzily on the first letters (a
    typo in "clearveiw", or a name the release wrote in one word)."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self._compact = [key.replace(" ", "") for key in keys]
        self._words = [key.split() for key in keys]

    def matching(self, query_key: str) -> list[str]:
        """The keys `key_matches(query_key, key)` accepts, in index order."""
        query_words = query_key.split()
        if not query_words:
            return []
        compact_query = "".join(query_words)
        found = {
            index for index, compact in enumerate(self._compact)
            if compact.startswith(compact_query)
            or all(any(word.startswith(q) for word in self._words[index]) for q in query_words)
        }
        if len(compact_query) >= _FUZZY_MIN_LENGTH:
            heads = [compact[: len(compact_query)] for compact in self._compact]
            found.update(index for _head, _score, index in process.extract(
                compact_query, heads, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF,
                limit=None))
        return [self.keys[index] for index in sorted(found) if self.keys[index]]


def fts_phrase(text: str) -> str | None:
    """A safe FTS5 query for free text: each word quoted, so that FTS syntax in user input
    (quotes, OR, NEAR(, *, column filters) is read as words, never as operators.
    """
    words = ["".join(ch for ch in word if ch.isalnum()) for word in text.split()]
    quoted = [f'"{word}"' for word in words if word][:16]
    return " ".join(quoted) if quoted else None
