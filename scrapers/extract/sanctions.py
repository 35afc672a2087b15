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
from datetime import date

from scrapers.extract.amounts import Money, parse_amount
from scrapers.extract.context import (
    OPENING_SENTENCES,
    is_recap_genre,
    is_review_of_earlier_sanction,
    looks_like_decision,
    sentence_disqualified,
)
from scrapers.extract.cues import cue
from scrapers.extract.currency import to_eur
from scrapers.extract.dates import find_dates
from scrapers.extract.deciders import deciding_authority
from scrapers.extract.defendants import Candidate, find_candidates, normalise_defendant
from scrapers.extract.measures import Found, non_monetary, pick_candidate
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
_DECISION_WORDS = re.compile(
    r"(?<!\w)(?:délibération|décision|decision|decided|dated|provvedimento|resolución|"
    r"besluit|beslut|vedtak|afgørelse|decyzj|decizi|bescheid|rozhodnut|rješenj|päätö|"
    r"deliberação|απόφασ|ordinanza|adopted|adopté|prononc|issued|imposed|vom\b)",
    re.I,
)


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
    if not fine:
        return "periodic_penalty"
    nearest_fine = min(abs(pos - money.start) for pos in fine)
    nearest_periodic = min(abs(pos - money.start) for pos in periodic)
    return "periodic_penalty" if nearest_periodic <= nearest_fine else "fine"


def _monetary(sentences: list[Sentence], release: Release, language: str) -> list[Found]:
    found: list[Found] = []
    home = HOME_CURRENCY.get(release.authority, "EUR")
    table_header = ""
    for number, sentence in enumerate(sentences):
        text = sentence.text
        moneys = parse_amount(text, language)
        if text.startswith("|") and not moneys:
            # A table's header row (and the sentence that introduces the table) says what
            # the rows' sums are: "| Entidad | Multa |", "Las sanciones impuestas son:".
            before = sentences[number - 1].text if number else ""
            table_header = text if before.startswith("|") else f"{before} {text}"
            if before.startswith("|"):
                table_header = f"{table_header} {before}"
        if not moneys or sentence_disqualified(text, language, release.published):
            continue
        candidates = find_candidates(text, language)
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
            kind = _money_kind(text, money, language)
            if kind is None and text.startswith("|") and table_header:
                shift = len(table_header) + 1
                kind = _money_kind(
                    f"{table_header} {text}",
                    replace(money, start=money.start + shift, end=money.end + shift),
                    language,
                )
            if kind is None or (money.currency is None and not money.scaled):
                continue
            total = _near(cue("TOTAL", language), text, money.start - 40, money.start)
            found.append(
                Found(
                    kind,
                    sentence,
                    money,
                    money.currency or home,
                    pick_candidate(candidates, money.start, money.end),
                    total,
                )
            )
            previous = money
    return found


def _drop_totals(found: list[Found]) -> list[Found]:
    """A stated total is not an extra sanction: drop it when the parts are there too."""
    monetary = [f for f in found if f.money is not None]
    if len(monetary) < 2:
        return found
    kept: list[Found] = []
    for item in found:
        if item.money is not None:
            others = [
                o.money.amount
                for o in monetary
                if o is not item
                and o.money is not None
                and o.currency == item.currency
                and o.money.amount != item.money.amount
            ]
            parts_sum = sum(set(others))
            if (item.total and others) or (
                len(set(others)) >= 2 and abs(parts_sum - item.money.amount) < 1
            ):
                continue
        kept.append(item)
    return kept


def _decision_date(
    evidence: Sentence, sentences: list[Sentence], language: str, published: date | None
) -> date | None:
    pool = [evidence] + [s for s in sentences if _DECISION_WORDS.search(s.text)]
    for sentence in pool:
        for found in find_dates(sentence.text, language):
            if published is not None and not (found.value <= published):
                continue
            if found.value == published and not _DECISION_WORDS.search(sentence.text):
                continue
            if published is not None and (published - found.value).days > 6 * 365:
                continue
            return found.value
    return None


def _main_defendant(sentences: list[Sentence], language: str) -> Candidate | None:
    """The release's main defendant, for sentences that only say "the company".

    By preference: a strong candidate of the title; of a sentence that names a measure;
    of the opening paragraphs; else the title's first name.
    """
    weak: Candidate | None = None
    opening: Candidate | None = None
    for sentence in sentences:
        candidates = find_candidates(sentence.text, language)
        strong = [c for c in candidates if c.strong]
        if strong and (sentence.index == 0 or looks_like_decision([sentence], language)):
            return strong[0]
        if strong and opening is None and sentence.index < OPENING_SENTENCES:
            opening = strong[0]
        if sentence.index == 0 and candidates and language != "de":
            weak = candidates[0]
        if weak is None and sentence.index < OPENING_SENTENCES:
            weak = next((c for c in candidates if " " in c.name and not c.anonymous), None)
    return opening or weak


def _assemble(
    found: list[Found], sentences: list[Sentence], release: Release, language: str
) -> list[Sanction]:
    main = _main_defendant(sentences, language)
    decider = deciding_authority(" ".join(s.text for s in sentences[:6]), release.authority)
    reduction = any(cue("REDUCTION", language).search(s.text) for s in sentences)
    seen: dict[tuple[str, str], Sanction] = {}
    # Sums with their own named defendant first: a headline's "60 millions pour FACEBOOK"
    # left to the main defendant must not take the place of the body's exact rows.
    for item in sorted(found, key=lambda item: item.candidate is None):
        candidate = item.candidate or main
        name = candidate.name if candidate else ""
        if not name:
            continue  # a sum or a measure nobody is named for: a statistic more often than not
        key = (normalise_defendant(name), item.kind)
        twin = _twin(seen, item, key[0])
        if twin is not None:
            earlier = seen[twin]
            if (
                item.money is not None
                and earlier.amount is not None
                and earlier.note == "rounded"
                and not item.money.scaled
            ):
                earlier = replace(
                    earlier,
                    amount=item.money.amount,
                    note="",
                    amount_eur=to_eur(
                        item.money.amount,
                        item.currency or "EUR",
                        earlier.decision_date or release.published,
                    ),
                )
            if len(name) > len(earlier.defendant) and item.candidate is not None:
                earlier = replace(earlier, defendant=name, evidence=item.sentence.text[:500])
            if earlier.decision_date is None:
                when = _decision_date(item.sentence, [], language, release.published)
                eur = (
                    to_eur(earlier.amount, earlier.currency or "EUR", when)
                    if when and earlier.amount is not None
                    else earlier.amount_eur
                )
                earlier = replace(earlier, decision_date=when, amount_eur=eur)
            seen[twin] = earlier
            continue
        if key in seen and (item.money is None or seen[key].amount is not None):
            continue
        when = _decision_date(item.sentence, sentences, language, release.published)
        amount = item.money.amount if item.money else None
        note = item.note
        if (
            item.money is not None
            and item.money.scaled
            and item.money.amount % 1_000_000 != 0
            and not note
        ):
            note = "rounded"  # "5,2 millions": an exact figure later in the text wins
        if item.money is not None and reduction and item.currency == "EUR" and language == "es":
            note = (note + "; " if note else "") + "reduction for voluntary payment stated"
        confidence = (
            0.5
            + (0.2 if item.candidate and item.candidate.strong else 0.0)
            + (0.15 if item.money else 0.0)
            + (0.1 if item.sentence.index == 0 else 0.0)
        )
        seen[key] = Sanction(
            defendant=name,
            kind=item.kind,
            amount=amount,
            currency=item.currency if item.money else None,
            amount_eur=(
                to_eur(amount, item.currency or "EUR", when or release.published)
                if amount is not None
                else None
            ),
            decision_date=when,
            evidence=item.sentence.text[:500],
            confidence=round(min(confidence, 0.95), 2),
            authority=decider,
            note=note,
        )
    return list(seen.values())


def _twin(seen: dict[tuple[str, str], Sanction], item: Found, key: str) -> tuple[str, str] | None:
    """The sanction already found that `item` restates (same sum, or a name it contains)."""
    for (name, kind), sanction in seen.items():
        if kind != item.kind:
            continue
        same_sum = (
            item.money is not None
            and sanction.amount is not None
            and (
                sanction.amount == item.money.amount
                or (
                    item.money.scaled != (sanction.note == "rounded")
                    and 0.85 <= sanction.amount / item.money.amount <= 1.18
                )
            )
        )
        related = bool(key and name) and (key.startswith(name) or name.startswith(key))
        if (same_sum and (related or not key or not name)) or (related and item.money is None):
            return name, kind
    return None


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
    found = _drop_totals(_monetary(sentences, release, language))
    if found or looks_like_decision(sentences, language):
        found += non_monetary(sentences, language, release.published)
    return _assemble(found, sentences, release, language)


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
