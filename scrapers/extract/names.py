"""One defendant, one name: abbreviations, case endings and genitives resolved. Pure, no I/O.

A release names its defendant several ways: in full with an abbreviation in brackets
("Police Service of Northern Ireland (PSNI)"), in the case the verb wants ("Viking Linelle",
Finnish allative; "Helsingør Kommunes", Danish genitive), or bare in the title. The
`NameBook` of a release maps each of these to the form the release writes in full, using
only what the release itself writes and the regular morphology of its language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scrapers.extract.dates import fold
from scrapers.extract.lexicon import LEGAL_FORMS

# Case endings a name takes in running text, per language (folded). A name is reduced to
# a base form only when the text also writes that base form, or (GENITIVE_HEADS) when
# the morphology is regular enough to strip the ending without seeing the base.
CASE_ENDINGS: dict[str, tuple[str, ...]] = {
    "fi": tuple("lle lta lla ssa sta ksi hin seen na ta en in n a".split()),
    "da": ("s",),
    "no": ("s",),
    "nb": ("s",),
    "sv": ("s",),
    "de": ("s", "es"),
    "en": ("'s", "’s"),
    "pl": ("owi", "iem", "em", "ie", "u", "a", "y", "i", "e", "ę", "ą", "om"),
    "cs": ("ovi", "em", "u", "y", "e", "ě", "i", "ou"),
    "hr": ("om", "em", "oj", "u", "a", "e", "i"),
}
# Endings of the oblique cases a party phrase takes as a measure's recipient (dative,
# instrumental, accusative), per language, folded: "voditelju", "društvu", "Správci".
OBLIQUE_ENDINGS: dict[str, tuple[str, ...]] = {
    "hr": ("u", "om", "oj", "emu", "ima", "i"),
    "cs": ("ovi", "emu", "imu", "u", "i", "ě", "ou", "em"),
    "pl": ("owi", "emu", "u", "iej", "ej", "ie", "ą"),
    "de": ("en", "em"),
}
# Heads of public bodies whose Scandinavian genitive is the head plus "s": "Silkeborg
# Kommunes behandling" is Silkeborg Kommune's processing (folded).
GENITIVE_HEADS: frozenset[str] = frozenset(
    "kommune kommun region regionen universitet hospital styrelse sygehus nemnd "
    "direktorat direktoratet etat etaten verk verket".split()
)
# "Police Service of Northern Ireland (PSNI)", "Liga Nacional de Fútbol Profesional
# (LaLiga)": an abbreviation or short name in brackets right after the full name.
_ALIAS = re.compile(r"\(\s*([^\s()]{2,20})\s*\)")
_JOINED_BEFORE = re.compile(r"\s(?:and|et|e|y|und|og|och|i|en|a|ja|și|και|&)\s+$")
_NAME_BEFORE = re.compile(r"((?:[^\s()]+\s+){0,7}[^\s()]+)\s*$")


def _tokens(name: str) -> list[str]:
    return [fold(token).strip(".,;:") for token in name.split()]


def _initials_match(alias: str, full: str) -> bool:
    """Whether `alias` abbreviates `full`: its capitals' initials ("PSNI" for "Police
    Service of Northern Ireland") or one of its words ("LaLiga" for "Liga ...")."""
    capitals = "".join(word[0] for word in full.split() if word[:1].isupper())
    letters = "".join(ch for ch in alias if ch.isalpha())
    if letters.isupper() and letters == capitals.upper():
        return True
    if letters.isupper() and _SUSPENDED_COMPOUND.search(full):
        return True  # "Arbeids- og velferdsetaten (NAV)": the compound hides its initials
    folded_alias = fold(alias)
    return any(len(token) >= 4 and token in folded_alias for token in _tokens(full))


# "the fraud-detection system (FSV)", "Ley de Servicios ... (LSSI)": an abbreviation
# defined for a thing or a law (the word before the bracket is lower case, or a law's).
_THING_ALIAS = re.compile(
    r"(?:(?<=\s)[a-zà-ÿ][\w-]*|(?:Ley|Law|Act|Gesetz|Loi|Legge|Lei|Zakon|Regulation|"
    r"Reglamento|Verordnung)\b[^()]{0,120}?)\s+\(([A-ZÀ-Þ][A-Za-zÀ-ÿ]{1,11})\)"
)


# "Arbeids- og velferdsetaten (NAV)": a lower-case word that completes a capitalised
# suspended compound ends a body's name, not a thing's.
_SUSPENDED_BEFORE = re.compile(r"[A-ZÀ-Þ][\w]*-\s+\w+\s+$")
_SUSPENDED_COMPOUND = re.compile(r"[A-ZÀ-Þ][\w]*-\s+\w+\s+\w")


def defined_things(text: str) -> frozenset[str]:
    """Abbreviations the release defines for a system, a product or a law, folded."""
    return frozenset(
        fold(match.group(1))
        for match in _THING_ALIAS.finditer(text)
        if not _SUSPENDED_BEFORE.search(text, max(0, match.start() - 40), match.start())
    )


class NameBook:
    """The names a release writes, and the full form each of its variants stands for."""

    def __init__(self, text: str, names: Iterable[str], language: str) -> None:
        self.language = language
        self.names = sorted({name for name in names if name}, key=len, reverse=True)
        self.aliases: dict[str, str] = {}
        for match in _ALIAS.finditer(text):
            before = _NAME_BEFORE.search(text, 0, match.start())
            if before is None:
                continue
            full = next((name for name in self.names if before.group(1).endswith(name)), None)
            # "A Ltd and B Inc (TikTok)": the short name stands for both, not for B.
            joint = full is not None and _JOINED_BEFORE.search(
                text, 0, before.start() + before.group(1).rfind(full)
            )
            if full is not None and not joint and _initials_match(match.group(1), full):
                self.aliases.setdefault(fold(match.group(1)), full)

    def canonical(self, name: str) -> str:
        """The full form of `name` in this release: alias expanded, case ending removed."""
        expanded = self.aliases.get(fold(name.strip()))
        if expanded is not None:
            return expanded
        base = self._base_form(name) or self._nominative(name)
        return base if base is not None else _genitive_head(name, self.language)

    def _nominative(self, name: str) -> str | None:
        """The nominative the release writes for a phrase in an oblique case: "Trgovačkom
        društvu" -> "Trgovačko društvo", "Správci systému" -> "Správce systému". Only a
        form the release itself writes; none found, the phrase stays as written."""
        oblique = OBLIQUE_ENDINGS.get(self.language, ())
        tokens = _tokens(name)
        if not oblique or not tokens or not tokens[0].endswith(oblique):
            return None
        for other in self.names:
            known = _tokens(other)
            if len(known) != len(tokens) or known == tokens or known[0].endswith(oblique):
                continue
            if all(_same_stem(word, base) for word, base in zip(tokens, known, strict=True)):
                return other
        return None

    def _base_form(self, name: str) -> str | None:
        """A name the release writes that `name` inflects ("Viking Linelle" -> "Viking Line
        Oy Abp"), with nothing more than legal forms added to it."""
        endings = CASE_ENDINGS.get(self.language, ())
        tokens = _tokens(name)
        if not endings or not tokens:
            return None
        last = tokens[-1]
        for other in self.names:
            known = _tokens(other)
            size = len(tokens)
            if len(known) < size or known[: size - 1] != tokens[:-1] or known[size - 1] == last:
                continue
            if any(extra.replace(".", "") not in LEGAL_FORMS for extra in known[size:]):
                continue
            if _inflects(last, known[size - 1], endings):
                return other
        return None


def _inflects(word: str, base: str, endings: tuple[str, ...]) -> bool:
    """True when `word` is `base` with a case ending, allowing the stem's last two letters
    to change ("asiakastiedolle" from "asiakastieto": Finnish consonant gradation)."""
    if len(base) < 3 or len(word) <= len(base) - 2:
        return False
    stem = base if word.startswith(base) else base[:-2]
    if len(stem) < 3 or not word.startswith(stem):
        return False
    rest = word[len(stem) :]
    if stem == base:
        return rest in endings
    # A changed stem: the changed letters are followed by a case ending.
    return any(rest.endswith(ending) and len(rest) <= len(ending) + 3 for ending in endings)


def _same_stem(word: str, base: str) -> bool:
    """True when two forms differ only in an ending of up to three letters."""
    if word == base:
        return True
    common = 0
    for left, right in zip(word, base, strict=False):
        if left != right:
            break
        common += 1
    return (
        common >= max(3, min(len(word), len(base)) - 3) and max(len(word), len(base)) - common <= 3
    )


def _genitive_head(name: str, language: str) -> str:
    """The nominative of a public body's genitive: "Silkeborg Kommunes" -> "... Kommune"."""
    if language not in ("da", "no", "nb", "nn", "sv") or " " not in name:
        return name
    last = name.split()[-1]
    if last.endswith("s") and fold(last[:-1]) in GENITIVE_HEADS:
        return name[:-1]
    return name
