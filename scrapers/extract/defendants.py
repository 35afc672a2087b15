"""Who is sanctioned: finding the defendant's name in a sentence, and folding names.

`normalise_defendant` is the matching key the archive uses to group a company's
sanctions: accents, case, quotes, leading descriptors ("la société", "the company") and
legal forms ("Inc.", "S.p.A.", "sp. z o.o.") are folded away, so "la société CLEARVIEW AI"
and "Clearview AI Inc." both give "clearview ai". Pure, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from scrapers.extract.anonymous import find_anonymous
from scrapers.extract.apposition import Candidate, with_apposition
from scrapers.extract.common_parties import find_counted, scan_common_party
from scrapers.extract.dates import fold
from scrapers.extract.deciders import mentions_authority
from scrapers.extract.lexicon import (
    ANONYMOUS_HEADS,
    CONNECTORS,
    DESCRIPTORS,
    INDEFINITE_ARTICLES,
    INTRODUCERS,
    LEGAL_FORMS,
    NOT_NAMES,
    PASSIVE_AFTER_NAME,
    STOP_TOKENS,
)
from scrapers.extract.measure_names import opens_with_measure
from scrapers.extract.name_roles import (
    INSTITUTION,
    LAW_BEFORE,
    PROVISION_BEFORE,
    is_adjective,
    is_not_party,
    lower_word_before,
    names_recipient,
    with_field,
)
from scrapers.extract.name_tokens import (
    LEGAL_UNIT,
    QUOTES,
    STOP_PUNCT,
    TOKEN,
    capitalised_small_word,
    ends_with_legal_form,
    has_legal_form,
    is_capitalised,
    legal_form_ahead,
    legal_key,
    next_folded,
    suspended_compound,
)
from scrapers.extract.names import GENITIVE_HEADS

__all__ = ["Candidate", "find_candidates", "has_legal_form", "normalise_defendant"]


def _strip_legal_forms(tokens: list[str]) -> list[str]:
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        for size in (3, 2, 1):
            if len(tokens) > size and " ".join(tokens[-size:]) in LEGAL_FORMS:
                del tokens[-size:]
                changed = True
                break
    return tokens


@lru_cache(maxsize=8192)
def normalise_defendant(name: str) -> str:
    """A matching key for a defendant: lower case, no accents, no descriptor or legal form.

    "la société CLEARVIEW AI" and "Clearview AI Inc." -> "clearview ai";
    "Meta Platforms Ireland Ltd." -> "meta platforms ireland"; "H&M" stays "h&m".
    """
    text = fold(unicodedata.normalize("NFKC", name))
    text = re.sub(rf"[{QUOTES}]", " ", text)
    text = text.replace("a/s", "as").replace("&", " & ")
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text).replace(".", " ")  # "s.p.a." -> "spa"
    text = re.sub(r"[^\w&]+", " ", text)
    tokens = text.split()
    # "Société A", "Company B": an anonymised defendant keeps its head with its letter.
    while (
        len(tokens) > 1
        and tokens[0] in DESCRIPTORS
        and not (len(tokens) == 2 and len(tokens[1]) == 1)
    ):
        tokens.pop(0)
    tokens = _strip_legal_forms(tokens)
    while tokens and tokens[-1] in ("&", "and", "et", "co"):
        tokens.pop()
    return re.sub(r"\s*&\s*", "&", " ".join(tokens)) if tokens else ""


# Articles that open a sentence more often than they open a company's name.
_LEADING_ARTICLES = frozenset("the la le les il lo el der die das de het o a an".split())
# Conjunctions: inside a name only as the name's own "og"/"e" ("Bang og Olufsen"); before a
# preposition they start a second name ("X e di Y", "X et de Y").
_CONJUNCTIONS: frozenset[str] = frozenset("e y und og och i en et a ja si and".split())
_PREPOSITIONS: frozenset[str] = frozenset(
    "di de du des of van von der den del della dell da do à a al au aux".split()
)


_NORDIC: frozenset[str] = frozenset({"da", "no", "nb", "nn", "sv"})
_QUOTED = re.compile(rf"\s*[{QUOTES}]([^{QUOTES}]{{2,80}})[{QUOTES}]")
# A Finnish name with its case ending after a colon: "Viking Line Oy Abp:lle".
_FINNISH_CASE = re.compile(r"(.+?):(?:lle|lta|ltä|n|lla|llä|a|ä)$")
_FIGURE = re.compile(r"[\d.,]+")
_WORD_START = re.compile(r"(?:^|(?<=[\s(«“\"„]))\S")
_NEXT_WORD = re.compile(r"\s*([^\s,.;:]+)")
_COMMON_COMPOUND = re.compile(r"\S+-[^\W\d_A-ZÀ-ÞΑ-ΩĀ-Ž][^\s-]*")
_REFERENCE = re.compile(r"\d{4}|\d[/.]\d|[A-Za-z]{2,}\d{3}")


def _scan_name(text: str, pos: int, language: str) -> tuple[str, int] | None:
    """The capitalised name that starts at `pos`, and where it ends."""
    quoted = _QUOTED.match(text, pos)
    if quoted and is_capitalised(quoted.group(1)):
        return quoted.group(1).strip(), quoted.end()
    kept: list[re.Match[str]] = []
    cursor = pos
    while True:
        match = TOKEN.search(text, cursor)
        if match is None:
            break
        cursor = match.end()
        unit = LEGAL_UNIT.match(text, match.start()) if kept else None
        if unit:
            kept.append(unit)
            cursor = unit.end()
            if text[cursor : cursor + 1] in STOP_PUNCT:
                break
            continue
        raw = match.group(0)
        token = raw.rstrip(STOP_PUNCT + ".")
        folded = fold(token)
        finnish = _FINNISH_CASE.match(token)
        if finnish and is_capitalised(finnish.group(1)):
            kept.append(match)
            return _join(text, kept, cut=len(raw) - finnish.end(1))
        legal = bool(kept) and legal_key(raw) in LEGAL_FORMS
        capital_form = legal and token.isupper()  # "AS", "SA": not the articles "as", "sa"
        if (
            not capital_form
            and not capitalised_small_word(kept, raw, token, text, cursor)
            and (folded in STOP_TOKENS or (kept and folded in PASSIVE_AFTER_NAME))
        ):
            break
        foreign_and = folded == "and" and language != "en"  # "Marketing and Sales Polska"
        if len(kept) == 1 and language in _NORDIC and _public_body_after_genitive(kept, token):
            kept.append(match)  # "Statens pensjonskasse": a genitive and its body's noun
            break
        if kept and language in _NORDIC and folded in GENITIVE_HEADS:
            # "Umeå universitet", "Høylandet kommune": a public body's lower-case head
            # after its place name ends the name.
            kept.append(match)
            break
        if not (is_capitalised(token) or legal or (kept and (folded in CONNECTORS or foreign_and))):
            break
        if kept and folded in _CONJUNCTIONS and next_folded(text, cursor) in _PREPOSITIONS:
            break  # "Hangzhou DeepSeek e di Beijing DeepSeek": two names, not one
        if ends_with_legal_form(kept) and (
            folded in CONNECTORS or (not legal and len(legal_key(kept[-1].group(0))) > 1)
        ):
            # "Coop Sverige AB och Dagens Industri AB", "na mBank S.A. Bank nie...": a
            # legal form ends a name.
            break
        if _FIGURE.fullmatch(token) or (kept and raw.startswith("(")):
            break
        suspended = suspended_compound(text, match, cursor, _CONJUNCTIONS)
        if suspended is not None:  # "Arbeids- og velferdsetaten": one name through both
            kept += suspended
            cursor = suspended[-1].end()
            if suspended[-1].group(0)[-1:] in STOP_PUNCT:
                break
            continue
        kept.append(match)
        if raw.endswith(",") and legal_form_ahead(text, cursor):
            continue  # "Vodafone España, S.A.U.": the legal form after a comma belongs
        if raw[-1:] in STOP_PUNCT or (raw.endswith(".") and not legal and len(token) > 3):
            break
    # Trailing small words go ("Bank of"), but not a capital letter: "Société E" is a
    # placeholder name, not "Société" and the Italian "e".
    while (
        kept
        and (word := kept[-1].group(0).rstrip(STOP_PUNCT)).islower()
        and (fold(word) in CONNECTORS)
    ):
        kept.pop()
    return _join(text, kept) if kept else None


# Lower-case nouns of public bodies after a genitive: "Statens pensjonskasse", "Statens
# vegvesen", "Kungliga bibliotekets" no; only these heads, so "Datatilsynets vedtak" is not.
_BODY_SUFFIXES = (
    "kasse",
    "verk",
    "vesen",
    "etat",
    "etaten",
    "direktorat",
    "tilsyn",
    "nemnd",
    "institutt",
    "institut",
    "universitet",
    "sykehus",
    "sjukhus",
    "forvaltning",
    "myndighet",
    "styrelse",
    "fond",
    "senter",
    "center",
    "kontor",
    "vegvesen",
)


def _public_body_after_genitive(kept: list[re.Match[str]], token: str) -> bool:
    head = kept[0].group(0)
    return (
        head[:1].isupper()
        and head.endswith("s")
        and len(head) > 3
        and token.islower()
        and fold(token).endswith(_BODY_SUFFIXES)
    )


def _join(text: str, kept: list[re.Match[str]], cut: int = 0) -> tuple[str, int]:
    end = kept[-1].end() - cut
    name = text[kept[0].start() : end].rstrip(STOP_PUNCT + " ")
    last = name.split()[-1] if name.split() else ""
    if name.endswith(".") and last.count(".") == 1 and legal_key(last) not in LEGAL_FORMS:
        name = name[:-1]
    return name.strip(QUOTES + " "), end


def _scan_anonymous(text: str, pos: int, language: str) -> tuple[str, int] | None:
    """An anonymised defendant written with an indefinite article: "un responsable de ..."."""
    words = list(re.finditer(r"[^\s,;:()]+", text[pos : pos + 120]))
    if not words or fold(words[0].group(0)) not in INDEFINITE_ARTICLES.get(language, ()):
        return None
    if len(words) < 2 or fold(words[1].group(0).strip(".")) not in ANONYMOUS_HEADS:
        return None
    kept = words[:2]
    for word in words[2:5]:
        folded = fold(word.group(0))
        if folded in NOT_NAMES or any(ch.isdigit() for ch in folded) or folded.endswith("."):
            break
        kept.append(word)
    # Keep the words up to the last noun-like one: "un responsable de traitement pour" ->
    # drop "pour", which NOT_NAMES already stopped; trailing connectors go too.
    while len(kept) > 2 and fold(kept[-1].group(0)) in CONNECTORS:
        kept.pop()
    end = pos + kept[-1].end()
    return text[pos + kept[0].start() : end], end


@lru_cache(maxsize=4096)
def find_candidates(sentence: str, language: str) -> tuple[Candidate, ...]:
    """Every plausible defendant named in `sentence`, in order of position."""
    # Cached: a sentence is read for its names by each recogniser that looks at it.
    found: dict[int, Candidate] = {}
    for match in INTRODUCERS.get(language, INTRODUCERS["en"]).finditer(sentence):
        pos = match.end()
        anonymous = _scan_anonymous(sentence, pos, language)
        if anonymous:
            found[pos] = Candidate(
                anonymous[0],
                pos,
                anonymous[1],
                anonymous=True,
                strong=True,
                introduced=True,
                intro_start=match.start(),
            )
            continue
        named = _scan_name(sentence, pos, language)
        common = scan_common_party(sentence, pos, language) if named is None else None
        if common:  # "a reprimand to an energy supplier", "rappel à l'ordre à deux hôpitaux"
            found[pos] = Candidate(
                common[0],
                pos,
                common[1],
                anonymous=True,
                strong=True,
                introduced=True,
                intro_start=match.start(),
            )
            continue
        article = _ARTICLE_THEN_NAME.match(sentence, pos) if named is None else None
        if article:  # "imponer a la COMUNIDAD ...", "fined the Police Service of ..."
            pos = article.end()
            named = _scan_name(sentence, pos, language)
        named = with_field(sentence, pos, named)
        if named and _plausible(named[0]):
            found[pos] = Candidate(
                named[0], pos, named[1], strong=True, introduced=True, intro_start=match.start()
            )
    opening = _OPENING.match(sentence)
    first_word = opening.end() if opening else 0
    covered_end = 0  # the end of a law's title or an authority's name: no name inside
    for match in _WORD_START.finditer(sentence):
        start = match.start()
        if start in found or any(c.start <= start < c.end for c in found.values()):
            continue
        word = TOKEN.match(sentence, start)
        if word is None or fold(word.group(0)) in _LEADING_ARTICLES:
            continue
        bracketed = word.group(0).startswith("(") or sentence[start - 1 : start] == "("
        if bracketed and any(0 <= start - c.end <= 2 for c in found.values()):
            continue  # "Instituto Nacional de Estatística (INE)": the name's abbreviation
            continue  # "The Body Shop" is rare; "The ICO fined" is not
        named = with_field(sentence, start, _scan_name(sentence, start, language))
        if start < covered_end:
            continue
        if named and (
            LAW_BEFORE.search(sentence, max(0, start - 30), start) or mentions_authority(named[0])
        ):
            covered_end = named[1]  # a law's whole title or the authority: never a party
            continue
        if named and PROVISION_BEFORE.search(sentence, max(0, start - 40), start):
            continue  # "artículo 22.2 de la LSSI": the law a provision belongs to
        if bracketed and lower_word_before(sentence, start):
            continue  # "the fraud-detection system (FSV)": a thing's abbreviation
        if not named or not _plausible(named[0]) or is_adjective(sentence, named, language):
            continue
        if opens_with_measure(named[0], language):
            continue  # "Boete Belastingdienst": a title's measure word and its party
        passive = _followed_by_passive(sentence, named[1])
        if start == first_word and not passive and _common_word(named[0]):
            continue  # "Kontrola byla zahájena", "Sancțiune pentru": a capital by position
        row_label = start == first_word and _ROW_LABEL.match(sentence, named[1]) is not None
        strong = (
            has_legal_form(named[0])
            or passive
            or row_label
            or names_recipient(sentence, start, named[1], language)
        )
        found[start] = Candidate(named[0], start, named[1], strong=strong)
    for match in INSTITUTION.finditer(sentence):
        start = match.start()
        if not any(c.start <= start < c.end for c in found.values()):
            found[start] = Candidate(match.group(0), start, match.end(), strong=True)
    for name, start, end in [
        *find_anonymous(sentence, language),
        *find_counted(sentence, language),
    ]:
        if not any(c.start <= start < c.end or 0 <= c.start - end <= 2 for c in found.values()):
            found[start] = Candidate(name, start, end, anonymous=True, strong=True)
    return with_apposition(found, sentence, language)


# Where a sentence's first word starts: after a bullet, a dash or an opening quote.
_OPENING = re.compile(r"[\s\-–—•*·\"“„«(|]*")
# A list row that names its defendant first: "- Société A : amende de 1 000 euros",
# "Brussels Airport Company, exploitant de l'aéroport : amende...".
_ROW_LABEL = re.compile(
    r"(?:\s*\([^()]{1,40}\))?(?:(?<=,)[^:;|]{1,80}|\s*,[^:;|]{1,80})?\s*[:–—|]\s"
)


# An article between an introducer and the name: matched case-blind, the name must be
# capitalised.
_ARTICLE_THEN_NAME = re.compile(
    r"(?i:the|la|le|l['’]|el|il|lo|der|die|das|den|dem|de|het|o|a)\s*(?<=\s|['’])"
    r"(?=[\"«“„]?[A-ZÀ-ÞΑ-ΩĀ-Ž0-9])"
)


def _common_word(name: str) -> bool:
    """A single ordinary word capitalised only because it opens the sentence."""
    return (
        " " not in name.strip()
        and name[:1].isupper()
        and name[1:].islower()
        and not any(ch.isdigit() for ch in name)
    )


def _followed_by_passive(sentence: str, end: int) -> bool:
    """True when a verb that makes the name its subject follows: "X fined", "X krijgt",
    also past a clause between commas ("X, dat de controles uitvoerde, krijgt een boete")."""
    following = _NEXT_WORD.match(sentence, end)
    if following is not None and fold(following.group(1)) in PASSIVE_AFTER_NAME:
        return True
    aside = _ASIDE.match(sentence, end - 1 if sentence[end - 1 : end] == "," else end)
    following = _NEXT_WORD.match(sentence, aside.end()) if aside else None
    return following is not None and fold(following.group(1)) in PASSIVE_AFTER_NAME


# A clause between commas after a name: "Ambuce Rescue Team, dat de controles uitvoerde,".
_ASIDE = re.compile(r"\s*,[^,;:()]{3,100},")


def _plausible(name: str) -> bool:
    key = normalise_defendant(name)
    if len(key) < 2 or key in NOT_NAMES or mentions_authority(name) or is_not_party(name):
        return False
    if key.endswith("s") and key[:-1] in NOT_NAMES:
        return False  # "Datatilsynets indstilling": the authority's genitive
    if all(legal_key(token) in LEGAL_FORMS for token in name.split()):
        return False  # "S.A.U." alone: the tail of a name cut at its comma
    if _COMMON_COMPOUND.fullmatch(name):
        return False  # "Chromebook-sag", "DSGVO-Verstoß": a common noun with a name in it
    if _REFERENCE.search(name):
        return False  # a case number or reference ("DKE.561.4.2023", "EXP202100764")
    return not all(token in NOT_NAMES or token in _WEAK for token in key.split())


# Words of authority names that are names only together ("Information Commissioner's Office").
_WEAK: frozenset[str] = frozenset({"office", "s", "data", "protection", "authority", "sa"})
