"""Token helpers of the name scan: legal forms, capitals, and the small words a name may
hold in its own capitals ("Telefonía Sur, S.L."). Pure, no I/O."""

from __future__ import annotations

import re

from scrapers.extract.dates import fold
from scrapers.extract.lexicon import LEGAL_FORMS

QUOTES = "\"'«»“”„‘’‹›"
STOP_PUNCT = ",;:()[]!?"
TOKEN = re.compile(r"[^\s]+")
# Legal forms written in several tokens, some lower case: consumed as one unit.
LEGAL_UNIT = re.compile(
    r"(?:GmbH\s*&\s*Co\.?\s*KG|&\s*Co\.?\s*KG|sp\.\s?z\s?o\.\s?o\.?|sp\.\s?[kj]\.|"
    r"d\.\s?o\.\s?o\.?|d\.\s?d\.|s\.\s?r\.\s?o\.?|a\.\s?s\.|e\.\s?V\.|"
    r"S\.\s?p\.\s?A\.?|S\.\s?r\.\s?l\.?|S\.\s?A\.\s?U\.?|S\.\s?A\.?|S\.\s?L\.?U?\.?|B\.\s?V\.?|N\.\s?V\.?)"
    r"(?![\w])",
    re.I,  # "PIKA Sp. z o.o." and "pika sp. z o.o." alike
)
_CAMEL = re.compile(r"[a-z][A-Z][a-z]")


def legal_key(token: str) -> str:
    """A token folded for lookup in LEGAL_FORMS: "S.p.A.," -> "spa"."""
    return fold(token).replace(".", "").strip(STOP_PUNCT)


def is_capitalised(token: str) -> bool:
    """True for a token written as a name: capital first, camel case, or digits and letters."""
    letters = [ch for ch in token if ch.isalpha()]
    if not letters:
        return False
    first = token.lstrip(QUOTES + "(")[:1]
    # "mBank", "eBay": a brand written in camel case is a name despite its first letter.
    camel = bool(_CAMEL.match(token.lstrip(QUOTES + "(")))
    return first.isupper() or camel or (first.isdigit() and any(ch.isalpha() for ch in token))


# Small words a name may hold in its own capitals: "Telefonía Sur, S.L.", "Zielony Las".
_NAME_SMALL_WORDS: frozenset[str] = frozenset(
    "sur las los les des on in to at for con par per over under el lo un na".split()
)


def capitalised_small_word(
    kept: list[re.Match[str]], raw: str, token: str, text: str, cursor: int
) -> bool:
    """True for a small word written with a capital inside a name and followed by more of
    it: mid-sentence, a preposition is lower case, so "Sur" here is part of the name."""
    if not kept or fold(token) not in _NAME_SMALL_WORDS or (raw != token and raw[-1] != ","):
        return False
    if not (token[:1].isupper() and token[1:].islower()):
        return False
    if raw.endswith(","):
        return legal_form_ahead(text, cursor)
    following = TOKEN.search(text, cursor)
    return following is not None and (
        is_capitalised(following.group(0)) or legal_form_ahead(text, cursor)
    )


def next_folded(text: str, pos: int) -> str:
    """The next token after `pos`, folded; "" at the end."""
    match = TOKEN.search(text, pos)
    return fold(match.group(0)) if match else ""


def legal_form_ahead(text: str, pos: int) -> bool:
    """True when the next token after `pos` is a legal form ("S.A.U.", "sp. z o.o.")."""
    match = TOKEN.search(text, pos)
    return match is not None and (
        LEGAL_UNIT.match(text, match.start()) is not None
        or legal_key(match.group(0)) in LEGAL_FORMS
    )


def ends_with_legal_form(kept: list[re.Match[str]]) -> bool:
    """True when the last kept token of a name is a legal form."""
    return bool(kept) and (
        legal_key(kept[-1].group(0)) in LEGAL_FORMS
        or LEGAL_UNIT.fullmatch(kept[-1].group(0)) is not None
    )


def has_legal_form(name: str) -> bool:
    """True when `name` carries a legal form ("Clearview AI Inc.", "PIKA sp. z o.o.")."""
    tokens = [legal_key(token) for token in name.replace(",", " ").split()]
    if LEGAL_UNIT.search(name):
        return True
    return any(" ".join(tokens[-size:]) in LEGAL_FORMS for size in (1, 2, 3) if len(tokens) > size)


def suspended_compound(
    text: str, match: re.Match[str], cursor: int, conjunctions: frozenset[str]
) -> list[re.Match[str]] | None:
    """The tokens of "Arbeids- og velferdsetaten" when `match` is its "Arbeids-"."""
    token = match.group(0)
    if not (token.endswith("-") and len(token) > 3 and is_capitalised(token)):
        return None
    conjunction = TOKEN.search(text, cursor)
    if conjunction is None or fold(conjunction.group(0)) not in conjunctions:
        return None
    second = TOKEN.search(text, conjunction.end())
    if second is None or not second.group(0)[:1].isalpha():
        return None
    return [match, conjunction, second]
