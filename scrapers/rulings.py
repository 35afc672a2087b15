"""Court rulings on earlier sanctions: "the Conseil d'État upholds the fine of EUR 150M
on Google LLC", "the court reduced the fine to SEK 52 million". Pure functions.

The extractor yields no sanction for such a release (it is not a new one); this module
reads what the ruling did, so that the archive can record it as an update of the case.
"""

from __future__ import annotations

import re

from scrapers.extract.amounts import parse_amount
from scrapers.extract.context import is_review_of_earlier_sanction
from scrapers.extract.cues import cue
from scrapers.extract.defendants import find_candidates
from scrapers.extract.sentences import Sentence, split_sentences
from scrapers.models import CaseUpdate, Release

# What the court did, per language (stems). Annulment first: "annuls the reduced fine".
_OUTCOMES: dict[str, dict[str, tuple[str, ...]]] = {
    "annulled": {
        "en": ("annul", "quash", "overturn", "set aside", "cancelled the fine"),
        "fr": ("annul",), "it": ("annull",), "es": ("anul",), "pt": ("anul",),
        "el": ("ακύρω",), "nl": ("vernietig",), "de": ("aufgehoben", "hebt", "nichtig"),
        "sv": ("upphäv", "undanröj"), "no": ("opphev",), "da": ("ophæv",),
        "pl": ("uchyl",), "ro": ("anul",), "hr": ("poništ",), "cs": ("zruš",),
        "fi": ("kumo",),
    },
    "reduced": {
        "en": ("reduc", "lowered", "cut the fine"),
        "fr": ("rédui", "ramen", "minor"), "it": ("ridott", "riduce", "ridu"),
        "es": ("reduc", "rebaj"), "pt": ("reduz", "reduç"), "el": ("μείω",),
        "nl": ("verlaag", "matig"), "de": ("herabgesetzt", "reduziert", "gesenkt"),
        "sv": ("sänk", "satte ned", "nedsatt"), "no": ("nedsatt", "redusert", "satt ned"),
        "da": ("nedsat",), "pl": ("obniż",), "ro": ("redus", "diminu"),
        "hr": ("smanj",), "cs": ("snížil", "snížen"), "fi": ("alens", "pienens"),
    },
    "upheld": {
        "en": ("upheld", "upholds", "confirm", "dismissed the appeal", "rejected the appeal"),
        "fr": ("confirm", "valid", "rejet"), "it": ("conferm", "respint"),
        "es": ("confirm", "desestim"), "pt": ("confirm",), "el": ("επικύρω", "απέρριψε"),
        "nl": ("bekrachtig", "bevestig", "ongegrond"), "de": ("bestätigt", "abgewiesen"),
        "sv": ("fastställ", "avslog"), "no": ("opprettholdt", "stadfest"),
        "da": ("stadfæst",), "pl": ("utrzyma", "oddali"), "ro": ("menține", "respins"),
        "hr": ("potvrd", "odbi"), "cs": ("potvrdil", "zamítl"), "fi": ("pysytt", "hylkäs"),
    },
}
_COMPILED = {
    outcome: {lang: re.compile("|".join(re.escape(s) for s in stems), re.I)
              for lang, stems in by_language.items()}
    for outcome, by_language in _OUTCOMES.items()
}
# How far into the release the ruling must be told: its title and first sentences.
_LEAD = 4


def _outcome(text: str, language: str) -> str | None:
    for outcome, by_language in _COMPILED.items():
        pattern = by_language.get(language)
        if (pattern and pattern.search(text)) or by_language["en"].search(text):
            return outcome
    return None


# "Affaire IAB Europe", "Case C-807/21 Deutsche Wohnen": the case's name, not the party's.
_CASE_PREFIX = re.compile(r"^(?:affaire|case|sache|zaak|causa|caso|mål|sak|sprawa)\s+", re.I)


def _party(sentences: list[Sentence], text: str, language: str) -> str | None:
    """The sanctioned party the ruling is about: a name the lead gives that is not the
    court's (nor next to a court word: "Landgericht Bonn", "Tribunal Supremo"), preferring
    names with a legal form or an introducer, then names the release repeats."""
    courts, rulings, fines = cue("COURT", language), cue("RULING", language), cue("FINE", language)
    court_before = re.compile(rf"(?:{courts.pattern})\w*\W*$", re.I)
    scored: list[tuple[int, int, str]] = []
    for sentence in sentences[:_LEAD]:
        for candidate in find_candidates(sentence.text, language):
            name = _CASE_PREFIX.sub("", candidate.name).strip()
            # "Landgericht Bonn", "Tribunal Supremo": a name right after a court word is
            # the court's seat or rank.
            before = sentence.text[max(0, candidate.start - 20):candidate.start]
            if (candidate.anonymous or len(name) < 2 or courts.search(name)
                    or rulings.search(name) or fines.search(name)
                    or court_before.search(before)):
                continue
            score = 2 * candidate.strong + candidate.introduced + min(text.count(name), 5)
            scored.append((score, -len(scored), name))
    return max(scored)[2] if scored else None


def _reduced_amount(sentences: list[Sentence], language: str
                    ) -> tuple[float | None, str | None]:
    """The amount that stands after a reduction. "reduced the fine from 75 to 52 million
    kronor": the last figure of the sentence that tells it; else, when the release gives
    the old and the new figure in separate sentences, the smaller of the two."""
    reduction = _COMPILED["reduced"]
    pattern = reduction.get(language) or reduction["en"]
    figures = []
    for sentence in sentences:
        money = parse_amount(sentence.text, language)
        currencies = [m.currency for m in money if m.currency]
        if not money or not currencies:
            continue
        if pattern.search(sentence.text):  # one currency written once serves both figures
            return money[-1].amount, money[-1].currency or currencies[-1]
        figures += [(m.amount, m.currency or currencies[-1]) for m in money]
    if len({amount for amount, _currency in figures}) == 2:
        return min(figures)
    return None, None


def find_case_update(release: Release) -> CaseUpdate | None:
    """What a release about a court ruling says it did to an earlier sanction, or None."""
    try:
        text = f"{release.title}\n{release.body_text}"
        sentences = split_sentences(text)
        if not is_review_of_earlier_sanction(sentences, release.language):
            return None
        lead = sentences[:_LEAD]
        found = next(((s, o) for s in lead if (o := _outcome(s.text, release.language))),
                     None)
        evidence, outcome = found if found else (lead[0] if lead else None, "ruled")
        defendant = _party(sentences, text, release.language)
        if evidence is None or defendant is None:
            return None
        amount = currency = None
        if outcome == "reduced":
            amount, currency = _reduced_amount(
                [evidence, *(s for s in sentences[:_LEAD + 4] if s is not evidence)],
                release.language)
        return CaseUpdate(defendant=defendant, outcome=outcome, amount=amount,
                          currency=currency, evidence=evidence.text)
    except (ValueError, IndexError, AttributeError):  # never let one page stop a poll
        return None
