"""Renamed companies, as releases state them: "Meta Platforms Ireland Limited (formerly
Facebook Ireland Limited)". Pure functions; the archive keeps what they find.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "NEW (formerly OLD)", in the languages of the authorities we follow.
_FORMERLY = (
    r"formerly(?: known as)?|previously(?: known as)?|then known as|anciennement|"
    r"précédemment|auparavant|ex|già|ex|antes|anteriormente|antiga(?:mente)?|voorheen|"
    r"vroeger|ehemals|vormals|früher|tidigare|tidligere|dawniej|wcześniej|fost(?:ă)?|"
    r"fostul|bivš[ia]|dříve|aiemmin|πρώην"
)
# "OLD, now NEW" / "OLD (now NEW)"
_NOW = r"now(?: known as| called)?|désormais|aujourd'hui|ora|ahora|actualmente|nu|jetzt|" \
       r"heute|numera|nå|obecnie|acum|sada|nyní|nykyään|νυν|agora"

# A company name: capitalised words (or digits, "1&1"), joined by the few small words
# that names contain. Case matters here: it is what tells a name from the sentence.
_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ŽΑ-Ω0-9][\w&.'’\-]*"
_JOIN = r"(?:of|and|de|du|des|la|le|di|del|van|der|den|und|y|e|&)"
_LOWER_LEGAL = r"(?:z o\.o\.|mbH|gGmbH|s\.r\.o\.|d\.o\.o\.|a\.s\.|s\.a\.|b\.v\.|n\.v\.)"
_NAME = rf"{_WORD}(?:,? (?:(?:{_JOIN} )?{_WORD}|{_LOWER_LEGAL}))*"
_PATTERNS = (
    re.compile(rf"(?P<new>{_NAME})\s*\((?i:{_FORMERLY})[:\s]+(?P<old>{_NAME})\)"),
    re.compile(rf"(?P<old>{_NAME})\s*\((?i:{_NOW})[:\s]+(?P<new>{_NAME})\)"),
    re.compile(rf"(?P<old>{_NAME}),\s+(?i:{_NOW})\s+(?P<new>{_NAME})(?=[,.;)]|\s+\()"),
)


@dataclass(frozen=True)
class Rename:
    old: str
    new: str
    evidence: str


def _clean(name: str) -> str:
    return " ".join(name.strip(" ,.;:'’\"").split())


def find_renames(text: str) -> list[Rename]:
    """Every "NEW (formerly OLD)" or "OLD (now NEW)" statement in a release's text."""
    found: list[Rename] = []
    for line in text.splitlines():
        for pattern in _PATTERNS:
            for match in pattern.finditer(line):
                old, new = _clean(match.group("old")), _clean(match.group("new"))
                if len(old) < 3 or len(new) < 3 or old.casefold() == new.casefold():
                    continue
                rename = Rename(old, new, " ".join(line.split())[:500])
                if rename not in found:
                    found.append(rename)
    return found
