"""Parties named by what they are, not by a name: "an energy supplier from the retail
sector", "two hospitals", "53 kommuner", "deux hôpitaux". Pure, no I/O.

The phrase opens with an indefinite article or a count, runs over lower-case words, and
may keep one prepositional complement ("from the retail sector", "aus dem Bereich der
Gebäudereinigung"); it is the party as the release writes it.
"""

from __future__ import annotations

import re

from scrapers.extract.cues import cue
from scrapers.extract.dates import fold
from scrapers.extract.lexicon import ANONYMOUS_HEADS, INDEFINITE_ARTICLES, NOT_NAMES

# Counts that open a group of parties ("two hospitals", "alle Landkreise"), per language:
# Swedish "alla" is Italian "alla" (to the), so a count is one only in its own language.
_COUNTS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "two three four five six seven eight nine ten several",
        "fr": "deux trois quatre cinq six plusieurs",
        "de": "zwei drei vier funf sechs mehrere alle samtliche",
        "it": "due tre quattro cinque diversi",
        "es": "dos tres cuatro cinco varios",
        "nl": "twee drie vier vijf",
        "sv": "tva tre fyra fem alla",
        "da": "to tre fire fem alle",
        "no": "to tre fire fem alle",
    }.items()
}
# Prepositions a complement of the party opens with, and the articles after them.
_COMPLEMENT = frozenset("from in of du de des d iz aus im der di del della da van".split())
_ARTICLES = frozenset("the le la les l dem der den des die il lo dello della el los las".split())
# Words that end the phrase: the clause goes on, or the phrase is about money or a measure.
_ENDS = frozenset(
    (
        "after for because using which who that with over under by on at as "
        "apres pour car qui avec sur par lors "
        "nach fur weil wegen die der das mit uber im "
        "dopo per perche con che tras por porque con que "
        "efter for om som med pa "
        "maximum total amount fine penalty sum reprimand warning order "
        "amende sanction avertissement injonction bussgeld geldbusse verwarnung "
    ).split()
)
_MEASURES = ("FINE", "PERIODIC", "REPRIMAND", "WARNING", "ORDER")
_WORD = re.compile(r"[^\s,;:()\"“”«».]+")
_STEMS = (*(head[:-1] for head in ANONYMOUS_HEADS if len(head) >= 6), "landkreis")


def scan_common_party(text: str, pos: int, language: str) -> tuple[str, int] | None:
    """The common-noun party that starts at `pos` (after an introducer), and its end."""
    words = list(_WORD.finditer(text, pos, min(len(text), pos + 140)))
    if len(words) < 2 or text[pos : words[0].start()].strip():
        return None
    opener = fold(words[0].group(0))
    counts = _COUNTS.get(language, frozenset())
    counted = opener in counts or (opener.isdigit() and language in _COUNTS)
    if not counted and opener not in INDEFINITE_ARTICLES.get(language, ()):
        return None
    kept = [words[0]]
    for word in words[1:4]:
        if not _joined(text, kept[-1], word) or not _common(word.group(0), language):
            break
        kept.append(word)
    if len(kept) < 2 or len(fold(kept[-1].group(0))) < 4:
        return None
    if counted and not fold(kept[-1].group(0)).startswith(_STEMS):
        return None  # "two years", "trois mois": a count of things, not of parties
    phrase = text[kept[0].start() : kept[-1].end()]
    if any(cue(table, language).search(phrase) for table in _MEASURES):
        return None  # "una sanción de 3.150.000 euros": the measure, not its party
    kept = _with_complement(text, kept, words, language)
    end = kept[-1].end()
    return _nominative(text[kept[0].start() : end], language), end


def find_counted(sentence: str, language: str) -> list[tuple[str, int, int]]:
    """Counted parties anywhere in `sentence` ("giver tre kommuner påbud", "à deux
    hôpitaux"): (phrase, start, end), in order."""
    found: list[tuple[str, int, int]] = []
    for word in _WORD.finditer(sentence):
        folded = fold(word.group(0))
        if (folded in _COUNTS.get(language, ()) or folded.isdigit()) and not (
            found and word.start() < found[-1][2]
        ):
            party = scan_common_party(sentence, word.start(), language)
            if party:
                found.append((party[0], word.start(), party[1]))
    return found


# German articles in the dative/accusative back to the nominative, and a noun made from an
# adjective with them ("einen Polizeibeamten" -> "ein Polizeibeamter").
_GERMAN_ARTICLES = {"einen": "ein", "einem": "ein", "einer": "eine"}
_ADJECTIVAL_NOUNS = ("beamten", "angestellten", "bediensteten", "selbststandigen")


def _nominative(phrase: str, language: str) -> str:
    if language != "de":
        return phrase
    article, _, rest = phrase.partition(" ")
    nominative = _GERMAN_ARTICLES.get(article.lower())
    if nominative is None:
        return phrase
    head, _, tail = rest.partition(" ")
    if nominative == "ein" and fold(head).endswith(_ADJECTIVAL_NOUNS):
        head = head[:-1] + "r"
    return " ".join(part for part in (nominative, head, tail) if part)


def _with_complement(
    text: str, kept: list[re.Match[str]], words: list[re.Match[str]], language: str
) -> list[re.Match[str]]:
    """The phrase with its complement: "from the retail sector", "iz sektora maloprodaje"."""
    rest = words[len(kept) :]
    if (
        not rest
        or not _joined(text, kept[-1], rest[0])
        or fold(rest[0].group(0)) not in _COMPLEMENT
    ):
        return kept
    extra = [rest[0]]
    for word in rest[1:5]:
        folded = fold(word.group(0))
        if not _joined(text, extra[-1], word) or folded in _ENDS - _ARTICLES:
            break
        if folded in _ARTICLES or _common(word.group(0), language):
            extra.append(word)
            continue
        break
    while extra and fold(extra[-1].group(0)) in _ARTICLES | _COMPLEMENT:
        extra.pop()
    return kept + extra if extra else kept


def _joined(text: str, before: re.Match[str], after: re.Match[str]) -> bool:
    return not text[before.end() : after.start()].strip()


def _common(word: str, language: str) -> bool:
    folded = fold(word)
    # German writes every noun with a capital: "einen Polizeibeamten", "dem Bereich".
    noun = language == "de" and word[:1].isupper() and word[1:].islower()
    return (
        (word.islower() or noun)
        and word.isalpha()
        and folded not in _ENDS
        and folded not in NOT_NAMES
        and folded not in _COMPLEMENT
    )
