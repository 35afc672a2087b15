"""Whether a short label (a table's first cell, a list item before its dash) names a party
that can be sanctioned. Pure, no I/O.

Tables in releases are not all lists of sanctions: statutory scales give a fine per
category of person or company ("Grandes empresas", "natural persons"), breakdowns give
one per provision ("Art. 83 Abs. 5 DSGVO") or per year, or per infringement ("Défaut
d'information"). A row is read as a sanction only when its label names a party: a
proper name, a public body, or an anonymised party ("une banque", "Société A"). The rule
refuses rather than guesses: a label that is none of these is no party.
"""

from __future__ import annotations

import re

from scrapers.extract.anonymous import find_anonymous
from scrapers.extract.cues import cue
from scrapers.extract.dates import fold
from scrapers.extract.defendants import has_legal_form
from scrapers.extract.lexicon import (
    ANONYMOUS_HEADS,
    CONNECTORS,
    DESCRIPTORS,
    INDEFINITE_ARTICLES,
    NOT_NAMES,
)
from scrapers.extract.names import GENITIVE_HEADS

# A legal provision: "Art. 83 Abs. 5", "artículo 44", "article 21 de la loi", "§ 43".
PROVISION = re.compile(
    r"(?<!\w)(?:art(?:\.|ikel|icle|ículo|icolo|igo|ikla|ykuł|icolul)?\s*\d|§|abs\.\s*\d|"
    r"čl\.|članak|článek|άρθρ|section\s+\d|sec\.\s*\d|alin)",
    re.I,
)
# Categories of person or company in a statutory scale, and the size words that make
# one of "enterprises" (folded). "Große Unternehmen" is a category, "Nordwind GmbH" not.
CATEGORY_WORDS: frozenset[str] = frozenset(
    (
        "grandes grande large small medium-sized medium micro microempresas pequenas pequenos "
        "pequena pequeno pequenas medianas pyme pymes pme pmes sme smes mpme grosse grosse "
        "kleine mittlere grote kleine middelgrote store sma mellanstora duze male srednie "
        "mari mici mijlocii velike male srednje velke male stredni suuret pienet "
        "undertakings enterprises entreprises empresas imprese imprese empreses "
        "persons personas pessoas persone personnes personen personer osoby persoane "
        "singulares coletivas colectivas fisicas juridicas naturales natural legal physiques "
        "morales fisiche giuridiche naturliche juristische naturlijke rechtspersonen "
        "individuals individuos particulares privati"
    ).split()
)
# Head words that name a public body in lower case after a place: "Fjordvik kommune".
_BODY_HEADS: frozenset[str] = GENITIVE_HEADS | ANONYMOUS_HEADS
_NUMBER_ONLY = re.compile(r"[\d\s./\-–]+")
_MEASURE_TABLES = ("FINE", "PERIODIC", "REPRIMAND", "WARNING", "ORDER")


def names_measure(label: str, language: str) -> bool:
    """True when the label is the measure itself ("Bestuurlijke boete", "Reprimand")."""
    return any(cue(table, language).match(label.strip()) for table in _MEASURE_TABLES)


# A column headed by the party's role ("Voditelj obrade", "Beschuldigte/r", "Company"):
# its cells are parties, even anonymised ones the scan would not know ("prvi priređivač").
PARTY_HEADER = re.compile(
    r"(?<!\w)(?:controller|company|companies|organi[sz]ation|defendant|entity|party|"
    r"recipient|responsable|organisme|soci[ée]t[ée]|entreprise|titolare|societ[àa]|azienda|"
    r"empresa|entidad|respons[áa]vel|entidade|verantwortlich|beschuldigt|unternehmen|"
    r"betreiber|bedrijf|organisatie|verwerkingsverantwoordelijke|virksomhe[dt]|verksamhet|"
    r"f[öo]retag|foretak|voditelj|subjekt|spr[áa]vce|administrator|podmiot|operator|"
    r"υπεύθυνος|yritys|rekisterinpit)",
    re.I,
)


def names_party(label: str, language: str, party_column: bool = False) -> bool:
    """True when `label` names a party a measure can be imposed on; `party_column` when
    the table's header says its first column holds the parties."""
    label = label.strip().strip("*_")
    words = label.replace(",", " ").split()
    if not words or _NUMBER_ONLY.fullmatch(label) or PROVISION.search(label):
        return False
    folded = [fold(word).strip(".;:()") for word in words]
    if has_legal_form(label):
        return True
    if any(word in CATEGORY_WORDS for word in folded):
        return False
    if party_column or _anonymised(words, folded, label, language):
        return True
    if len(words) == 1:
        return _capitalised(words[0]) and folded[0] not in NOT_NAMES
    if language == "de" and any(
        word.islower() and fold(word) not in CONNECTORS for word in words[1:]
    ):
        return False  # "Verstoß gegen Informationspflichten": German capitalises nouns
    # A proper name past the first word ("Ayuntamiento de Villaluz", "ministerie van
    # Defensie"), or a place's public body ("Fjordvik kommune"); not "Défaut d'information".
    return any(_capitalised(word) for word in words[1:]) or (
        _capitalised(words[0]) and folded[-1] in _BODY_HEADS and folded[0] not in NOT_NAMES
    )


def _anonymised(words: list[str], folded: list[str], label: str, language: str) -> bool:
    """ "une banque", "a hospital", "Société A", "prva tvrtka": a party without its name."""
    if len(words) >= 2 and folded[0] in INDEFINITE_ARTICLES.get(language, ()):
        return folded[1] in ANONYMOUS_HEADS
    if len(words) == 2 and folded[0] in DESCRIPTORS | ANONYMOUS_HEADS and len(words[1]) == 1:
        return words[1].isupper()
    return any(start == 0 or end == len(label) for _, start, end in find_anonymous(label, language))


def _capitalised(word: str) -> bool:
    letters = word.lstrip("\"'«“„(")
    return bool(letters[:1]) and (letters[:1].isupper() or letters[:1].isdigit())
