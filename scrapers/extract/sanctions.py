"""From a release to the sanctions it announces: the chain of recognisers, assembled.

Amounts are found by amounts.py; each is kept only when its sentence speaks of a fine or a
penalty payment and nothing around it says it is something else (a legal maximum, a
per-day rate, turnover, a proposal, a court's review, another case). Reprimands, warnings
and orders come from their own words. A wrong amount in an alert is worse than none, so
every doubt drops the amount. Pure, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import replace

from scrapers.extract.amounts import Money, parse_amount
from scrapers.extract.assemble import assemble
from scrapers.extract.context import (
    clause_of,
    is_recap_genre,
    is_review_of_earlier_sanction,
    looks_like_decision,
    sentence_disqualified,
)
from scrapers.extract.cues import cue
from scrapers.extract.defendants import Candidate, find_candidates
from scrapers.extract.measures import CAUSE_AFTER, Found, non_monetary, pick_candidate
from scrapers.extract.rows import tabulated
from scrapers.extract.sentences import Sentence, split_sentences
from scrapers.models import Release, Sanction

# The currency a bare "5,2 millions" is in, by publishing authority.
HOME_CURRENCY: dict[str, str] = {
    "ico": "GBP",
    "imy": "SEK",
    "datatilsynet-no": "NOK",
    "datatilsynet-dk": "DKK",
    "uodo": "PLN",
    "anspdcp": "RON",
    "uoou": "CZK",
    "ftc": "USD",
}
# "1.500 euros en total", "400 000 zł łącznie": a total stated after its sum.
_TOTAL_AFTER = re.compile(
    r"\s*(?:en total|au total|in total|in totaal|in all|i alt|totalt|insgesamt|łącznie|"
    r"yhteensä|ukupno|celkem|no total|in totale|în total|συνολικά|sammanlagt|samlet)\b",
    re.I,
)


# "the maximum under the act is 4 mio. kr.": a maximum named as the clause's subject, further
# back than the 30 characters that other cues get, still qualifies the sum.
_MAXIMUM_STEM = re.compile(r"maxim|maksim|massim|máxim|höchst|ανώτατ|μέγιστ", re.I)
_CLAUSE_BREAK = re.compile(r"[;:]")
MAXIMUM_REACH = 70


def _maximum_in_clause(sentence: str, money_start: int) -> bool:
    start = max(0, money_start - MAXIMUM_REACH)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, start, money_start)]
    return _MAXIMUM_STEM.search(sentence, max([start, *breaks]), money_start) is not None


def _outside_cause(
    candidates: tuple[Candidate, ...], text: str, money: Money, next_start: int
) -> tuple[Candidate, ...]:
    cause = CAUSE_AFTER.search(text, money.end, next_start)
    if cause is None:
        return candidates
    return tuple(c for c in candidates if not cause.end() <= c.start < next_start)


# A list row that opens on a name and a dash or colon ("- Minister Cyfryzacji - kara w
# wysokości ...", "CARREFOUR BANQUE : amende de ..."): the name is the row's party, even
# without a legal form.
_ROW_HEAD_END = re.compile(r"\s*(?:[-–—:])\s")
_BULLET = re.compile(r"^\s*(?:[-–—•*]\s*)?")


def _row_heads_strong(candidates: tuple[Candidate, ...], text: str) -> tuple[Candidate, ...]:
    bullet = _BULLET.match(text)
    head_start = bullet.end() if bullet and bullet.group(0).strip() else -1
    return tuple(
        replace(c, strong=True)
        if c.start == head_start and _ROW_HEAD_END.match(text, c.end)
        else c
        for c in candidates
    )


def _next_start(moneys: list[Money], money: Money, text: str) -> int:
    return min((m.start for m in moneys if m.start > money.end), default=len(text))


def _near(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    return pattern.search(text, max(0, start), max(0, min(len(text), end))) is not None


def _money_kind(sentence: str, money: Money, language: str) -> str | None:
    """fine, periodic_penalty, or None when the sum is not a sanction imposed."""
    fine = [m.start() for m in cue("FINE", language).finditer(sentence)]
    periodic = [m.start() for m in cue("PERIODIC", language).finditer(sentence)]
    if not fine and not periodic:
        return None
    # One character past the sum's start lets a cue ending in a word boundary ("do ") match.
    if _near(cue("NOT_PENALTY_BEFORE", language), sentence, money.start - 30, money.start + 1):
        return None
    if _maximum_in_clause(sentence, money.start):
        return None
    if _near(cue("RATE_AFTER", language), sentence, money.end, money.end + 28):
        return None
    if _near(cue("REDUCTION", language), sentence, money.start - 45, money.start):
        return None  # the reduced sum; the sum imposed is elsewhere in the sentence
    before = sentence[max(0, money.start - 40) : money.start].lower()
    if (
        re.search(r"\b(?:or|ou|o|oder|of|eller|lub|sau|ή|ili|nebo|tai)\s*$", before)
        and "%" in sentence
    ):
        return None  # "4 % of turnover or EUR 20 million": a statutory maximum
    if not periodic:
        return "fine"
    if fine:
        nearest_fine = min(abs(pos - money.start) for pos in fine)
        nearest_periodic = min(abs(pos - money.start) for pos in periodic)
        if nearest_fine < nearest_periodic:
            return "fine"
    if cue("CONDITIONAL", language).search(sentence, 0, money.start):
        return None  # due only if an order is disobeyed: the order carries no amount
    return "periodic_penalty"


def _monetary(sentences: list[Sentence], release: Release, language: str) -> list[Found]:
    home = HOME_CURRENCY.get(release.authority, "EUR")
    rows = tabulated(sentences, sentences[0].text, language, release.published, home)
    found: list[Found] = list(rows.found)
    for sentence in sentences:
        if sentence.index in rows.used or sentence.text.startswith("|"):
            continue  # rows are read with their header or introduction
        text = sentence.text
        moneys = parse_amount(text, language)
        if not moneys:
            continue
        candidates = _row_heads_strong(find_candidates(text, language), text)
        appeal = cue("APPEAL_RIGHT", language).search(text)
        if appeal is not None:
            # "... can be appealed to the Board": a name after the appeal is where it goes.
            candidates = tuple(c for c in candidates if c.start < appeal.start())
        # Sums that open a clause of their own ("... and to B a fine of €2"), not totals.
        others = [
            (m.start, m.end)
            for m in moneys
            if _near(cue("FINE", language), text, m.start - 40, m.start)
            and not _near(cue("TOTAL", language), text, m.start - 40, m.start)
        ]
        previous: Money | None = None
        for money in moneys:
            equivalent = (
                previous is not None
                and money.start - previous.end <= 30
                and _near(cue("EQUIVALENT", language), text, previous.end, money.start)
            )
            if equivalent and previous is not None:
                found[-1:] = (
                    [replace(found[-1], note=f"equivalent stated: {money.text}")]
                    if found and found[-1].money is previous
                    else found[-1:]
                )
                continue
            if sentence_disqualified(
                clause_of(text, money.end, language), language, release.published
            ):
                continue
            kind = _money_kind(text, money, language)
            if kind is None or (money.currency is None and not money.scaled):
                continue
            # "Insgesamt wurden damit Geldbußen von 55.000 Euro festgesetzt": a sentence that
            # opens on "in total" states a sum of sums, however far its amount comes.
            total = (
                _near(cue("TOTAL", language), text, money.start - 40, money.start)
                or _near(cue("TOTAL", language), text, 0, min(money.start, 12))
                or bool(_TOTAL_AFTER.match(text, money.end))
            )
            approximate = cue("APPROXIMATE", language).search(
                text, max(0, money.start - 25), money.start + 1
            )
            found.append(
                Found(
                    kind,
                    sentence,
                    money,
                    money.currency or home,
                    pick_candidate(
                        _outside_cause(candidates, text, money, _next_start(moneys, money, text)),
                        money.start,
                        money.end,
                        others,
                    ),
                    total,
                    note=f"approximate: {approximate.group(0)} {money.text}" if approximate else "",
                )
            )
            previous = money
    return found


def _without_repeats(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences once each: pages repeat the title as their heading, and a lead is
    only a lead if its first sentences are not the same line twice."""
    seen: set[str] = set()
    kept: list[Sentence] = []
    for sentence in sentences:
        if sentence.text in seen:
            continue
        seen.add(sentence.text)
        kept.append(Sentence(sentence.text, sentence.start, len(kept)))
    return kept


def _extract(release: Release) -> list[Sanction]:
    language = (release.language or "en").lower()[:2]
    text = "\n".join(part for part in (release.title, release.body_text) if part)
    sentences = _without_repeats(split_sentences(text))
    if (
        not sentences
        or is_review_of_earlier_sanction(sentences, language)
        or is_recap_genre(sentences, language)
    ):
        return []
    found = _monetary(sentences, release, language)
    if found or looks_like_decision(sentences, language):
        found += non_monetary(sentences, language, release.published)
    return assemble(found, sentences, release, language)


def extract_sanctions(release: Release) -> list[Sanction]:
    """The sanctions a release announces, one per defendant and measure; [] if none."""
    try:
        return _extract(release)
    except (
        ValueError,
        TypeError,
        IndexError,
        KeyError,
        AttributeError,
        OverflowError,
        RecursionError,
    ):
        # One odd page must not stop a poll: an extraction bug costs that release only.
        return []
