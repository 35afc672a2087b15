"""Sentences of a release: where they start and what they say. Pure, no I/O.

A sentence ends at a line break, or at . ! ? followed by a space and a capital, unless the
word before the dot is an abbreviation ("S.A.", "Mio.", "n°", "2. Juni") that does not end
a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text and where it starts in that text."""

    text: str
    start: int
    index: int  # position among the text's sentences, 0 first


# Words after which a dot does not end the sentence, lower-cased, without their dot.
_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "mio",
        "mrd",
        "mln",
        "tys",
        "mia",
        "mill",
        "milj",
        "tsd",
        "ca",
        "cca",
        "approx",
        "art",
        "arts",
        "no",
        "nr",
        "n°",
        "st",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "inc",
        "ltd",
        "co",
        "corp",
        "plc",
        "llc",
        "sa",
        "s.a",
        "nv",
        "n.v",
        "bv",
        "b.v",
        "gmbh",
        "ag",
        "spa",
        "s.p.a",
        "srl",
        "s.r.l",
        "o.o",
        "z",
        "sp",
        "d.o.o",
        "d.d",
        "s.r.o",
        "a.s",
        "oy",
        "ab",
        "as",
        "kr",
        "bzw",
        "vgl",
        "z.b",
        "u.a",
        "e.g",
        "i.e",
        "etc",
        "resp",
        "abs",
        "par",
        "al",
        "cf",
        "p",
        "pp",
        "vs",
        "v",
        "ust",
        "pkt",
        "lit",
        "sig",
        "dott",
        "avv",
        "ing",
        "dña",
        "d",
        "sr",
        "sra",
        "str",
        "eur",
        "kn",
        "lda",
        "s.l",
        "sl",
        "s.l.u",
        "ltda",
        "hr",
        "dz",
        "poz",
        "nrs",
        "op",
        "jf",
        "jfr",
        "bl.a",
        "m.fl",
        "fr",
        "ff",
        "kap",
        "§",
    }
)
# Abbreviations that are titles, written with a capital ("Sig. Rossi", "Ing. Bianchi").
_TITLES: frozenset[str] = frozenset({"sig", "dott", "avv", "ing", "sr", "sra", "dr", "prof"})
# Currency abbreviations: after a figure the sum ends the sentence if a capital follows.
_CURRENCY_MARKS: frozenset[str] = frozenset({"kr", "eur", "kn"})
_AFTER_FIGURE = re.compile(r"\d(?:\s|\u00a0)*(?:mio\.|mia\.|mln\.|mill\.)?\s*\S+$")
_BOUNDARY = re.compile(r"[.!?;](?=[\s\u00a0]+[\"“«„(]?[A-ZÀ-ÞΑ-ΩĀ-Ž0-9])")


# "... Estatística, I.P. (INE) uma coima ...": an abbreviation glossed in brackets right
# after the dot, then the sentence going on in lower case, is no new sentence.
_GLOSS_AFTER = re.compile(r"[\s\u00a0]*\([A-ZÀ-ÞΑ-Ω0-9][\w.&-]{0,15}\)[\s\u00a0]+[a-zà-ÿα-ω]")


def _ends_sentence(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return True
    if _GLOSS_AFTER.match(text, dot + 1):
        return False
    word = re.search(r"(\S+)$", text[max(0, dot - 24) : dot])
    if not word:
        return True
    written = word.group(1).lstrip('(«"“')
    token = written.lower()
    if token in _TITLES and not written[:1].isupper():
        return True  # Swedish "sig." ends a sentence; only the Italian title "Sig." does not
    if token in _CURRENCY_MARKS and _AFTER_FIGURE.search(text, max(0, dot - 40), dot):
        return True  # "... en bøde på 40.000 kr. Bødens størrelse ...": the sum ends it
    if token in _ABBREVIATIONS or token.rstrip(".") in _ABBREVIATIONS:
        return False
    if len(token) == 1 and token.isalpha():
        return False  # an initial: "W. sp. z o.o.", "J. Smith"
    # "2. Juni 2023", "13. huhtikuuta": a day or ordinal, not the end of a sentence.
    return not (token.isdigit() and len(token) <= 2)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, with their offsets, in order."""
    sentences: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for match in _BOUNDARY.finditer(line):
            if _ends_sentence(line, match.start()):
                _append(sentences, line[start : match.end()], offset + start)
                start = match.end()
        _append(sentences, line[start:], offset + start)
        offset += len(line) + 1
    return sentences


def _append(sentences: list[Sentence], piece: str, start: int) -> None:
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        sentences.append(Sentence(stripped, start + lead, len(sentences)))
