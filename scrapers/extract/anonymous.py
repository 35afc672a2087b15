"""Anonymised defendants named by their kind in inflected languages. Data and a scan.

Croatian, Czech, Polish, Slovak-style releases hide the defendant behind a common noun in
the case the verb wants: "Energetskom subjektu izrečena je kazna", "byla společnosti
uložena pokuta", "nałożył na spółkę karę". The noun (with an agreeing adjective before it,
and a genitive complement after it) is the defendant as the release names it. Pure, no I/O.
"""

from __future__ import annotations

import re

from scrapers.extract.dates import fold

# Stems (folded: lower case, no accents) of the nouns an anonymised defendant is built on.
ANONYMOUS_STEMS: dict[str, tuple[str, ...]] = {
    "hr": (
        "drustv",
        "subjekt",
        "hotel",
        "voditelj",
        "izvrsitelj",
        "bolnic",
        "bank",
        "skol",
        "opcin",
        "poslodav",
        "trgovac",
        "ustanov",
        "tvrtk",
    ),
    "cs": (
        "spolecnost",
        "provozovatel",
        "spravce",
        "spravc",
        "zpracovatel",
        "nemocnic",
        "skol",
        "bank",
        "zamestnavatel",
        "lekar",
        "e-shop",
        "podnikatel",
    ),
    # Not "spółka": Polish releases use it for "the company" already named.
    "pl": (
        "administrator",
        "szpital",
        "bank",
        "przedsiebiorc",
        "gmin",
        "szkol",
        "urzad",
        "pracodawc",
    ),
}
# Endings of an adjective that agrees with the noun after it ("Trgovačkom društvu").
_ADJECTIVE_ENDINGS: dict[str, tuple[str, ...]] = {
    "hr": ("skom", "ckom", "nom", "kom", "skoj", "ckoj", "noj", "om", "oj", "em", "i"),
    "cs": ("ske", "ni", "emu", "imu", "ska", "ny"),
    "pl": ("skiej", "owej", "nej", "skiego", "owego", "nego", "ska", "owa", "na"),
}
# Words that look like adjectives but count or point: "jednom hotelu" is "one hotel".
_NOT_ADJECTIVES = frozenset(
    "jednom jednoj jednomu jedne jedna jedno jednu ovom ovoj tom toj nekom nekoj svakom "
    "jedne jedne jednomu jednomu teto tomu te ta ten te tej tego jednej jednego pewnej "
    "pewnego byla bylo byl byli".split()
)
# Words after the noun that start a new phrase rather than a genitive complement.
_STOPS = frozenset(
    "zbog za u na s sa i a koje koja koji koju da je su te ili od do iz po pri o "
    "v ve z ze k ku se ktera ktery ktere kterou jez ze byla bylo byl pro podle "
    "w we ze z na za do od przez ktora ktory ktore oraz lub i a dla ze jest".split()
)
# Endings of a participle ("izrečena", "uložena", "izrekla"): the verb, not the name.
_PARTICIPLE = (
    "ena",
    "eno",
    "ene",
    "ana",
    "ano",
    "ona",
    "ono",
    "en",
    "ny",
    "na",
    "la",
    "lo",
    "li",
    "il",
)
# The measure itself after the noun ("provozovateli e-shopu pokutu"): not a complement.
_MEASURE_NOUNS = (
    "pokut",
    "kazn",
    "kar",
    "opatren",
    "napomenut",
    "upozoren",
    "grzywn",
    "upomnien",
    "upravn",  # "upravnu novčanu kaznu": the measure's adjectives
    "novcan",
    "spravn",
    "administracyjn",
)
# The verb after the noun ("Voditelju obrade izriče se", "voditelj obrade nije postupio"):
# the name ends before it. Auxiliaries, then endings of present-tense verbs (folded).
_VERBS = frozenset(
    "je nije su nisu jest nie ma maji bude bio bila bilo byl byla bylo byli jsou neni "
    "izrice izrekla izrekao izrekne ulozil ulozila nalozyl "
    # modals: "U soukromých správců může pokuta dosáhnout" ends the noun at "může"
    "muze mohou musi moze mogu mora moga musza".split()
)
_VERB_ENDINGS = ("uje", "ira", "ava", "iva", "ati", "iti", "eti", "ice")
_WORD = re.compile(r"[^\W\d_][\w-]*", re.U)


def find_anonymous(sentence: str, language: str) -> list[tuple[str, int, int]]:
    """Anonymised defendants in `sentence`: (name as written, start, end), in order."""
    stems = ANONYMOUS_STEMS.get(language)
    if not stems:
        return []
    words = list(_WORD.finditer(sentence))
    found: list[tuple[str, int, int]] = []
    for index, word in enumerate(words):
        folded = fold(word.group(0))
        if not folded.startswith(stems) or (found and word.start() < found[-1][2]):
            continue
        first = index
        if index > 0 and _agrees(words[index - 1], sentence, word.start(), language):
            first = index - 1
        last = index
        for follower in words[index + 1 : index + 3]:
            between = sentence[words[last].end() : follower.start()]
            if between.strip() or fold(follower.group(0)) in _STOPS:
                break
            folded_follower = fold(follower.group(0))
            if (
                follower.group(0)[:1].isupper()
                or folded_follower in _VERBS
                or folded_follower.endswith(_VERB_ENDINGS)
                or folded_follower.endswith(_PARTICIPLE)
                or folded_follower.startswith(_MEASURE_NOUNS)
            ):
                break
            last += 1
        start, end = words[first].start(), words[last].end()
        found.append((sentence[start:end], start, end))
    return found


def _agrees(previous: re.Match[str], sentence: str, noun_start: int, language: str) -> bool:
    """True when the word before the noun is an adjective of it (only a space between)."""
    if sentence[previous.end() : noun_start].strip():
        return False
    folded = fold(previous.group(0))
    if folded in _NOT_ADJECTIVES or folded in _STOPS or len(folded) < 5:
        return False
    return folded.endswith(_ADJECTIVE_ENDINGS.get(language, ()))
