"""Calendar dates written in running text, in our languages. Pure, no I/O.

Own month tables rather than dateparser: a release has dozens of numbers, and a table
lookup is ~100x faster than a dateparser call while covering what releases write
("13 avril 2023", "2. Juni 2023", "13 Απριλίου 2023", "April 13, 2023", "13.4.2023").
Numeric dates are read day first, as everywhere in Europe (the FTC writes month names).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

# Month names per language, January first, each slot holding the forms in use (genitive
# and nominative where they differ). Compared without accents and in lower case.
_MONTHS: dict[str, tuple[str, ...]] = {
    "fr": (
        "janvier",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
    ),
    "en": (
        "january jan",
        "february feb",
        "march mar",
        "april apr",
        "may",
        "june jun",
        "july jul",
        "august aug",
        "september sep sept",
        "october oct",
        "november nov",
        "december dec",
    ),
    "it": (
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre setiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "pt": (
        "janeiro",
        "fevereiro",
        "marco",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ),
    "de": (
        "januar janner",
        "februar",
        "marz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ),
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "sv": (
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "no": (
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ),
    "da": (
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "pl": (
        "stycznia styczen",
        "lutego luty",
        "marca marzec",
        "kwietnia kwiecien",
        "maja maj",
        "czerwca czerwiec",
        "lipca lipiec",
        "sierpnia sierpien",
        "wrzesnia wrzesien",
        "pazdziernika pazdziernik",
        "listopada listopad",
        "grudnia grudzien",
    ),
    "ro": (
        "ianuarie",
        "februarie",
        "martie",
        "aprilie",
        "mai",
        "iunie",
        "iulie",
        "august",
        "septembrie",
        "octombrie",
        "noiembrie",
        "decembrie",
    ),
    "el": (
        "ιανουαριου ιανουαριος",
        "φεβρουαριου φεβρουαριος",
        "μαρτιου μαρτιος",
        "απριλιου απριλιος",
        "μαιου μαιος",
        "ιουνιου ιουνιος",
        "ιουλιου ιουλιος",
        "αυγουστου αυγουστος",
        "σεπτεμβριου σεπτεμβριος",
        "οκτωβριου οκτωβριος",
        "νοεμβριου νοεμβριος",
        "δεκεμβριου δεκεμβριος",
    ),
    "hr": (
        "sijecnja sijecanj",
        "veljace veljaca",
        "ozujka ozujak",
        "travnja travanj",
        "svibnja svibanj",
        "lipnja lipanj",
        "srpnja srpanj",
        "kolovoza kolovoz",
        "rujna rujan",
        "listopada listopad",
        "studenoga studenog studeni",
        "prosinca prosinac",
    ),
    "cs": (
        "ledna leden",
        "unora unor",
        "brezna brezen",
        "dubna duben",
        "kvetna kveten",
        "cervna cerven",
        "cervence cervenec",
        "srpna srpen",
        "zari",
        "rijna rijen",
        "listopadu listopad",
        "prosince prosinec",
    ),
    "fi": (
        "tammikuuta tammikuu",
        "helmikuuta helmikuu",
        "maaliskuuta maaliskuu",
        "huhtikuuta huhtikuu",
        "toukokuuta toukokuu",
        "kesakuuta kesakuu",
        "heinakuuta heinakuu",
        "elokuuta elokuu",
        "syyskuuta syyskuu",
        "lokakuuta lokakuu",
        "marraskuuta marraskuu",
        "joulukuuta joulukuu",
    ),
}
_ALIASES = {"nb": "no", "nn": "no"}


@dataclass(frozen=True)
class FoundDate:
    """A date and where the text writes it."""

    value: date
    start: int
    end: int


@lru_cache(maxsize=32768)
def fold(word: str) -> str:
    """Lower case without accents: "Μαΐου" -> "μαιου", "Août" -> "aout"."""
    # Cached: the same tokens are folded again and again, sentence after sentence.
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _month_table(language: str) -> dict[str, int]:
    languages = [_ALIASES.get(language, language)]
    if languages[0] != "en":
        languages.append("en")  # English dates appear in every language's releases
    table: dict[str, int] = {}
    for code in languages:
        for number, forms in enumerate(_MONTHS.get(code, ()), start=1):
            for form in forms.split():
                table.setdefault(form, number)
    return table


_TABLES: dict[str, dict[str, int]] = {code: _month_table(code) for code in (*_MONTHS, *_ALIASES)}
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\d)(?P<day>[0-3]?\d)(?:er|st|nd|rd|th|º|°|\.)?\s*(?:de\s+|of\s+|ta\s+)?"
    r"(?P<month>[^\W\d_]{3,})\.?,?\s*(?:de\s+|del\s+|dell['’]\s*)?(?P<year>(?:19|20)\d\d)(?!\d)"
)
_MONTH_DAY_YEAR = re.compile(
    r"(?P<month>[^\W\d_]{3,})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)(?!\d)"
)
_NUMERIC = re.compile(
    r"(?<![\d.])(?P<day>[0-3]?\d)[./](?P<month>[01]?\d)[./](?P<year>(?:19|20)\d\d)(?![\d])"
)
_ISO = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)")


def _make(year: str, month: int | None, day: str) -> date | None:
    if month is None:
        return None
    try:
        return date(int(year), month, int(day))
    except ValueError:
        return None


def find_dates(text: str, language: str = "en") -> list[FoundDate]:
    """Every full date (day, month and year) written in `text`, in order of position."""
    table = _TABLES.get(language) or _month_table(language)
    found: dict[int, FoundDate] = {}
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            month = table.get(fold(match.group("month")))
            value = _make(match.group("year"), month, match.group("day"))
            if value is not None and not _overlaps(found, match.start(), match.end()):
                found[match.start()] = FoundDate(value, match.start(), match.end())
    for pattern in (_NUMERIC, _ISO):
        for match in pattern.finditer(text):
            value = _make(match.group("year"), int(match.group("month")), match.group("day"))
            if value is not None and not _overlaps(found, match.start(), match.end()):
                found[match.start()] = FoundDate(value, match.start(), match.end())
    return [found[key] for key in sorted(found)]


def _overlaps(found: dict[int, FoundDate], start: int, end: int) -> bool:
    return any(item.start < end and start < item.end for item in found.values())


# A month name followed by a year ("im Oktober 2019", "I desember 2021", "In May 2022").
_MONTH_YEAR = re.compile(r"(?P<month>[^\W\d_]{3,})\.?,?\s+(?P<year>(?:19|20)\d\d)(?!\d)")
# A year standing alone, not inside a reference ("SAN-2022-019", "2016/679", "n° 2019.1").
_BARE_YEAR = re.compile(r"(?<![\w/.\-–])(?P<year>(?:19|20)\d\d)(?![\w/\-]|\.\d)")


# The date of a law's title ("Regulation (EU) 2016/679 of 27 April 2016", "ustawa z dnia
# 10 maja 2018 r.") says nothing of when the case happened: such dates are skipped.
_LAW_BEFORE = re.compile(
    r"(?i)(?<!\w)(?:regulation|règlement|reglamento|regolamento|regulamento|verordnung|"
    r"verordening|förordning|forordning|rozporządzeni|nařízení|uredb|regulamentul|asetus|"
    r"κανονισμ|directive|richtlinie|act|law|loi|ley|legge|lei|gesetz|wet|lag|lov|ustaw|"
    r"zákon|zakon|lege|laki|νόμο)\w*[^.;]{0,45}$"
)


# A year that is part of a name ("Censos 2021", "Euro 2020") after a capitalised word
# inside the sentence: the name of an event, not when the case happened.
_NAMED_EDITION = re.compile(r"(?<=\S)\s+[A-ZÀ-ÞΑ-ΩĀ-Ž][\w-]+\s+$")


def latest_time_reference(text: str, language: str = "en") -> date | None:
    """The most recent point in time `text` refers to (full date, month-year or year).

    A month-year counts as the month's 15th and a year alone as its last day, so that a
    sentence can be told to recall an earlier period ("In May 2022 we fined...").
    """
    table = _TABLES.get(language) or _month_table(language)
    dated = find_dates(text, language)
    spans = [(found.start, found.end) for found in dated]
    points = [found.value for found in dated if not _LAW_BEFORE.search(text, 0, found.start)]
    for match in _MONTH_YEAR.finditer(text):
        month = table.get(fold(match.group("month")))
        if month is not None and not any(a <= match.start() < b for a, b in spans):
            spans.append((match.start(), match.end()))
            if not _LAW_BEFORE.search(text, 0, match.start()):
                points.append(date(int(match.group("year")), month, 15))
    for match in _BARE_YEAR.finditer(text):
        law = _LAW_BEFORE.search(text, 0, match.start())
        if not law and not any(start <= match.start() < end for start, end in spans):
            if not _NAMED_EDITION.search(text, 0, match.start()):
                points.append(date(int(match.group("year")), 12, 31))
    return max(points) if points else None
