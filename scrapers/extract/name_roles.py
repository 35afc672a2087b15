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
    r"(?<!\w)(?:ley|loi|legge|gesetz(?:es)?|wet|lag|lov|ustaw\w*|zakon\w*|zákon\w*|laki|lei|act|"
    r"(?:regulamento|regulation|reglamento|regolamento|règlement|verordnung)"
    r"(?:\s+(?:geral|general|generale|général|allgemeine))?)"
    r"\s+(?:(?:de|del|des|du|di|della|sulla|on|of|über|van|om|o|about|la|le|los|the|sobre|a|"
    r"sur|relativo|alla)\s+)*$",
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
    place = _PLACE_BEFORE.search(sentence, max(0, start - 12), start)
    # Dutch "de" is the article ("heeft de Belastingdienst een boete"), not "of" or "from".
    if place is not None and language == "nl" and fold(place.group(0).strip()) == "de":
        place = None
    if article is None or place is not None:
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


# Words a page capitalises as a heading or a label, or that name a court or an authority's
# own office: never the party sanctioned (folded, the name's first word).
_NOT_PARTY_HEADS: frozenset[str] = frozenset(
    (
        "mesure mesures sanction sanctions decision decisions pay summary resume background "
        "κυρωση κυρωσεις αποφαση regulamento geral urad uradu urade uradem agencija agencije "
        "agenciji agencijom autorita behorde "
        "gerichtshof court cour tribunal tribunale corte conseil raad hof domstol domstolen "
        "sad soud sud curtea δικαστηριο oikeus korkein hallinto-oikeus bundesgerichtshof "
        "bundesverwaltungsgericht verwaltungsgericht landgericht oberlandesgericht"
    ).split()
)
# "artículo 22.2 de la LSSI", "Art. 6 DSGVO", "article 82 of the Act": the name of a law
# after a provision, not a party.
PROVISION_BEFORE = re.compile(
    r"(?<!\w)(?:art(?:\.|ículo|icle|icolo|igo|ikel|ikla)?|§)\s*\d[\w.()]*"
    r"(?:\s*(?:,|y|and|et|e|und|i)\s*\d[\w.()]*)*"
    r"\s+(?:(?:de|del|la|of|the|der|des|du|della|do|da|dell['’]|van|het)\s+){0,2}$",
    re.I,
)


def is_not_party(name: str) -> bool:
    """True for a heading word, a court, the authority's own office: no party."""
    words = fold(name).split()
    if not words:
        return True
    if len(words) == 1 and words[0] in _NOT_PARTY_HEADS:
        return True
    # Courts keep their head word first ("Gerichtshof der Europäischen Union"), or
    # end in one ("Bundesgerichtshof", "hallinto-oikeus").
    return (
        words[0] in _NOT_PARTY_HEADS
        and words[0] not in ("decision", "summary")
        and (words[0].endswith(("gericht", "gerichtshof", "oikeus")) or words[0] in _COURT_FIRST)
    )


_COURT_FIRST: frozenset[str] = frozenset(
    "gerichtshof court cour tribunal tribunale corte conseil raad hof domstol sad soud sud "
    "curtea δικαστηριο".split()
)


# A public body written with a lower-case head: "ministère de l'Intérieur", "ministry of
# Health", "υπουργείο Εσωτερικών" (no capital, yet a defendant by name).
INSTITUTION = re.compile(
    r"(?<!\w)(?:ministère|ministry|ministero|ministerio|ministério|ministerie|ministerium|"
    r"ministerstvo|ministarstvo|ministerstwo|ministerul|υπουργείο|υπουργείου)"
    r"\s+(?:de\s+l['’]|de\s+la\s+|du\s+|des\s+|de\s+|of\s+the\s+|of\s+|del\s+|della\s+|"
    r"dell['’]|do\s+|da\s+|van\s+|für\s+|der\s+)?"
    r"[A-ZÀ-ÞΑ-ΩĀ-Ž][\w’'-]+(?:\s+(?:[A-ZÀ-ÞΑ-ΩĀ-Ž][\w’'-]+|et|and|e|y|und|de|du|des))*"
    r"(?<![\s,])(?<!\bet)(?<!\band)(?<!\bde)(?<!\bdu)(?<!\bdes)(?<!\be)(?<!\by)(?<!\bund)"
)
# A Slavic ministry names its field in a lower-case genitive: "Ministerstvo vnitra",
# "Ministarstvu financija" (not the sanction that may follow: "Ministerstvu pokutu").
SLAVIC_MINISTRY = re.compile(
    r"Minist(?:erstv|arstv|erstw)\w*\s+(?!pokut|kazn|kar[aęy]\b|novčan)[a-zčćđšžěřůýáíéúó]{3,}"
)


def with_field(sentence: str, start: int, named: tuple[str, int] | None) -> tuple[str, int] | None:
    """A ministry's name with its lower-case field: "Ministerstvu" -> "Ministerstvu vnitra"."""
    ministry = SLAVIC_MINISTRY.match(sentence, start)
    if ministry and named and len(named[0].split()) == 1:
        return ministry.group(0), ministry.end()
    return named


def lower_word_before(sentence: str, bracket_end: int) -> bool:
    """True when the word before "(" at `bracket_end` is lower case: "system (FSV)"."""
    before = sentence[: max(0, bracket_end - 1)].rstrip(" (").split()
    return bool(before) and before[-1][:1].islower()
