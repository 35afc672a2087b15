"""What a capitalised word does in its sentence: receive a measure ("TikTok een boete"),
qualify a noun ("Nederlandse gebruikers"), name a place or a law. Pure, no I/O."""

from __future__ import annotations

import re

from scrapers.extract.cues import cue
from scrapers.extract.dates import fold
from scrapers.extract.lexicon import NATIONALITIES

_NEXT_WORD = re.compile(r"\s*([^\s,.;:]+)")
# The indefinite articles before a measure's noun: "heeft TikTok een boete opgelegd",
# "idømt Lejre Kommune en bøde", "gave Acme a reprimand". The name before them receives it.
_RECIPIENT_ARTICLE = re.compile(
    r"\s+(?:een|en|et|ett|ei|a|an|ein|eine|einen|un|une|una|uno|um|uma|o)\s+(?:\w+\s+){0,2}",
    re.I,
)


# The title of a law goes on after its head word: "Ley de Servicios Digitales".
LAW_BEFORE = re.compile(
    r"(?<!\w)(?:ley|loi|legge|gesetz(?:es)?|wet|lag|lov|ustaw\w*|zakon\w*|zákon\w*|laki|lei|act)"
    r"\s+(?:(?:de|del|des|du|di|della|sulla|on|of|über|van|om|o|about|la|le|los|the)\s+)*$",
    re.I,
)
# A place, not a recipient: "mit Sitz in Hamburg einen Bescheid", "à Paris une amende".
_PLACE_BEFORE = re.compile(
    r"(?<!\w)(?:in|im|at|à|en|i|w|we|v|ve|u|na|mit|von|aus|bei|from|de|di|van|z|ze|nach|"
    r"aan|bij|för|på|på|til|au|dans)\s+$",
    re.I,
)


def names_recipient(sentence: str, start: int, end: int, language: str) -> bool:
    """True when the name ending at `end` is followed by "a fine", "een boete": a recipient."""
    article = _RECIPIENT_ARTICLE.match(sentence, end)
    if article is None or _PLACE_BEFORE.search(sentence, max(0, start - 12), start):
        return False
    span = sentence[article.start() : article.end() + 30]
    measure = article.end() - article.start()
    return any(
        (found := cue(table, language).search(span)) is not None and found.start() <= measure
        for table in ("FINE", "PERIODIC", "REPRIMAND", "WARNING", "ORDER")
    )


def is_adjective(sentence: str, named: tuple[str, int], language: str) -> bool:
    """A nationality adjective before its noun ("Nederlandse gebruikers", "Irish users")."""
    name, end = named
    if " " in name.strip():
        return False
    following = _NEXT_WORD.match(sentence, end)
    if following is None or not following.group(1).islower():
        return False
    folded = fold(name)
    return folded in NATIONALITIES or (
        language in ("nl", "de") and folded.endswith(("se", "sche", "ische"))
    )
