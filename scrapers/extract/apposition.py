"""A role word and the party it stands for, side by side: "Voditelju obrade, agenciji za
naplatu potraživanja, izriče se ...", "dem Verantwortlichen, der Nordlicht GmbH, ...".
The party is the phrase between the commas, not the role word. Pure, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from scrapers.extract.dates import fold
from scrapers.extract.name_tokens import is_capitalised


@dataclass(frozen=True)
class Candidate:
    """A name found in a sentence, where it is, and how it was found."""

    name: str
    start: int
    end: int
    anonymous: bool = False
    strong: bool = False  # introduced by a sanction phrase or carrying a legal form
    introduced: bool = False  # right after an introducer ("à l'encontre de", "on")
    intro_start: int = -1


# Folded starts of the role words releases put before the party's own name or description.
ROLE_WORDS: tuple[str, ...] = (
    "voditelj",
    "izvrsitelj obrade",
    "controller",
    "processor",
    "data controller",
    "responsable",
    "verantwortlich",
    "auftragsverarbeiter",
    "administrator",
    "spravce",
    "spravc",
    "zpracovatel",
    "titolare",
    "responsavel",
    "verwerkingsverantwoordelijke",
    "rekisterinpitaja",
    "personuppgiftsansvarig",
    "behandlingsansvarlig",
    "dataansvarlig",
    "operatorul",
    "operator",
    "υπευθυνος",
)
# Articles before the role word that the party phrase does not take from it.
_ARTICLES = frozenset("the la le l de der die das dem den des el il lo o a ο η του".split())
# The phrase between the commas: not a relative clause or an aside ("which ran the site").
_BETWEEN_COMMAS = re.compile(r"\s*,\s*([^,;:()\d€£$%]{3,90}?)\s*,")
_NOT_PARTY_START = frozenset(
    (
        "which who that whose qui que dont lequel laquelle der die das welche welcher "
        "welches che cui il quale la quale que quien cuyo koji koja koje kojem kojoj cija "
        "ktery ktera ktere ktory ktora ktore som der jonka joka hvis if unless "
        "however moreover therefore also alors toutefois cependant ainsi ebenso jedoch "
        "zbog radi iako ali nakon prije und and et ou or oder"
    ).split()
)


# A role word written in lower case inside a sentence, which no name scan finds.
ROLE_IN_TEXT = re.compile(
    r"(?<!\w)(?:(?:data\s+)?controller|responsable(?:\s+d[ue]s?)?\s+traitement|"
    r"Verantwortlichen?|titolare\s+del\s+trattamento|responsável\s+pelo\s+tratamento|"
    r"verwerkingsverantwoordelijke|administrator(?:a|owi|em)?|správc[eiů]|"
    r"voditelj[aue]?\s+obrade|personuppgiftsansvarig[ae]?|behandlingsansvarlig[e]?|"
    r"dataansvarlig[e]?)(?!\w)",
    re.I,
)


def is_role(name: str) -> bool:
    """True when `name` is only a role word ("Voditelju obrade", "the controller")."""
    words = [w for w in fold(name).split() if w not in _ARTICLES]
    if not words or len(words) > 4:
        return False
    return " ".join(words).startswith(ROLE_WORDS)


def apposed(sentence: str, end: int, language: str) -> tuple[str, int, int] | None:
    """The party phrase between commas right after a role word ending at `end`: (phrase in
    the nominative where the language allows, start, end), or None."""
    if sentence[end - 1 : end] == ",":
        end -= 1
    match = _BETWEEN_COMMAS.match(sentence, end)
    if match is None:
        return None
    phrase = match.group(1)
    words = phrase.split()
    if not words or fold(words[0]) in _NOT_PARTY_START or len(words) > 8:
        return None
    return _nominative(phrase, language), match.start(1), match.end(1)


# German indefinite articles in the dative or accusative, back to the nominative.
_GERMAN_ARTICLES = {"einem": "ein", "einen": "ein", "einer": "eine"}


def _nominative(phrase: str, language: str) -> str:
    """A Croatian feminine dative head back to its nominative ("agenciji" -> "agencija"), a
    German article too ("einem Inkassounternehmen" -> "ein Inkassounternehmen")."""
    if language == "de":
        head, _, rest = phrase.partition(" ")
        return f"{_GERMAN_ARTICLES.get(head.lower(), head)} {rest}".strip()
    if language != "hr":
        return phrase
    head, _, rest = phrase.partition(" ")
    if head.islower() and head.endswith(("ji", "ci", "ki", "ni", "ri", "li")):
        head = head[:-1] + "a"
    elif head.islower() and head.endswith("oj"):
        head = head[:-2] + "a"
    return f"{head} {rest}".strip()


def with_apposition(
    found: dict[int, Candidate], sentence: str, language: str
) -> tuple[Candidate, ...]:
    """A role word followed by its party between commas gives way to that party."""
    added: set[int] = set()
    for role in ROLE_IN_TEXT.finditer(sentence):
        if not any(c.start <= role.start() < c.end for c in found.values()):
            found[role.start()] = Candidate(role.group(0), role.start(), role.end(), strong=True)
            added.add(role.start())
    for key, candidate in sorted(found.items()):
        if key not in found or not is_role(candidate.name):
            continue
        party = apposed(sentence, candidate.end, language)
        if party is None:
            if key in added:
                del found[key]  # a bare lower-case role word is no name
            continue
        name, start, end = party
        for other in [k for k, c in found.items() if start <= c.start < end]:
            del found[other]
        anonymous = not any(is_capitalised(word) for word in name.split())
        found[key] = replace(candidate, name=name, start=start, end=end, anonymous=anonymous)
    return tuple(found[key] for key in sorted(found))
