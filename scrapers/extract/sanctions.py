"""From a release to the sanctions it announces: the chain of recognisers, assembled.

Amounts are found by amounts.py; each is kept only when its sentence speaks of a fine or a
penalty payment and nothing around it says it is something else (a legal maximum, a
per-day rate, turnover, a proposal, a court's review, another case). Reprimands, warnings
and orders come from their own words. A wrong amount in an alert is worse than none, so
every doubt drops the amount. Pure, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from scrapers.extract.amounts import Money, parse_amount
from scrapers.extract.cues import cue
from scrapers.extract.currency import to_eur
from scrapers.extract.dates import find_dates, latest_time_reference
from scrapers.extract.deciders import deciding_authority
from scrapers.extract.defendants import Candidate, find_candidates, normalise_defendant
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
_PAY_AFTER = re.compile(
    r"\s*(?:to |de |di |a |te |zu |att |å |at |do |să |να )?(?:pay\b|payer|pagare|pagar\b|"
    r"betalen|zahlen|betala|betale|zapłaty|plătească|καταβάλει|platiti|zaplatit|maksamaan)",
    re.I,
)
# An order word used as a noun for a settlement or an earlier order ("the proposed order",
# "stipulated orders", "l'injonction d'octobre 2022"): not a measure taken now.
_ORDER_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|this|that|its|proposed|stipulated|consent|final|court|such|these)\s*$",
    re.I,
)
# "conformée à l'injonction", "comply with the order": an order that already exists.
_ORDER_COMPLIED_BEFORE = re.compile(
    r"\b(?:à|a|with|avec|con|met|mit)\s+(?:l['’]|la|le|the|de|der|die|het)\s*$", re.I
)
_ORDER_DATED_AFTER = re.compile(
    r"\s*(?:d['’]|de |du |of |del |vom |van |z |ze |från |fra )\s*(?:\d|[^\W\d]+ (?:19|20)\d\d)",
    re.I,
)
_COUNT_BEFORE = re.compile(r"\d+\s+\S*$")
# A sentence dated this long before its release recalls an earlier case (decisions are
# published weeks or a few months after they are taken, rarely most of a year).
_STALE_DAYS = 270
# How far into a release its opening paragraphs go, in sentences.
_OPENING_SENTENCES = 8
# How far after a measure's words its defendant may be named, in characters.
_AFTER_REACH = 60


@dataclass(frozen=True)
class _Found:
    """A sanction before its defendant is settled: what, where, and why we believe it."""

    kind: str
    sentence: Sentence
    money: Money | None = None
    currency: str | None = None
    candidate: Candidate | None = None
    total: bool = False
    note: str = ""


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


def _sentence_disqualified(sentence: str, language: str, published: date | None) -> bool:
    """True for sentences about proposals, courts' reviews, powers or other cases."""
    if cue("PROPOSAL", language).search(sentence) or cue("CONTEXT", language).search(sentence):
        return True
    if _recalls_earlier_period(sentence, language, published):
        return True
    if cue("COURT", language).search(sentence) and cue("APPEAL_OUTCOME", language).search(sentence):
        return True
    return bool(cue("MODAL", language).search(sentence))


def _recalls_earlier_period(sentence: str, language: str, published: date | None) -> bool:
    """True when the sentence dates what it tells well before the release ("In May 2022
    we fined..." in a 2023 release): a recap of an earlier case, not the news."""
    if published is None:
        return False
    latest = latest_time_reference(sentence, language)
    return latest is not None and (published - latest).days > _STALE_DAYS


def _is_recap_genre(sentences: list[Sentence], language: str) -> bool:
    """An annual report, an awareness day or a Q&A page: it recalls, it does not announce."""
    return any(cue("RECAP_GENRE", language).search(s.text) for s in sentences[:_OPENING_SENTENCES])


def _is_review_of_earlier_sanction(sentences: list[Sentence], language: str) -> bool:
    """A court (or appeal board) upholding, reducing or annulling an earlier sanction."""
    lead = " ".join(s.text for s in sentences[:2])
    return bool(
        cue("COURT", language).search(lead) and cue("APPEAL_OUTCOME", language).search(lead)
    )


def _pick_candidate(candidates: list[Candidate], start: int, end: int) -> Candidate | None:
    """The strong candidate a sum belongs to: introduced right after it, else nearest."""
    strong = [c for c in candidates if c.strong]
    following = [c for c in strong if c.introduced and 0 <= c.intro_start - end <= 30]
    if following:
        return following[0]
    before = [c for c in strong if c.end <= start]
    if before:
        return before[-1]
    # A name far after the measure is the object of some other clause ("... til USA").
    after = [c for c in strong if end <= c.start <= end + _AFTER_REACH]
    return after[0] if after else None


def _monetary(sentences: list[Sentence], release: Release, language: str) -> list[_Found]:
    found: list[_Found] = []
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
        if not moneys or _sentence_disqualified(text, language, release.published):
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
                _Found(
                    kind,
                    sentence,
                    money,
                    money.currency or home,
                    _pick_candidate(candidates, money.start, money.end),
                    total,
                )
            )
            previous = money
    return found


def _non_monetary(sentences: list[Sentence], language: str, published: date | None) -> list[_Found]:
    found: list[_Found] = []
    for sentence in sentences:
        text = sentence.text
        if _sentence_disqualified(text, language, published):
            continue
        for kind, table in (("reprimand", "REPRIMAND"), ("warning", "WARNING"), ("order", "ORDER")):
            match = cue(table, language).search(text)
            if match is None or _COUNT_BEFORE.search(
                text[max(0, match.start() - 12) : match.start()]
            ):
                continue
            if kind == "order" and (
                _PAY_AFTER.match(text, match.end())
                or (language == "en" and _ORDER_NOUN_BEFORE.search(text, 0, match.start()))
                or _ORDER_COMPLIED_BEFORE.search(text, 0, match.start())
                or _ORDER_DATED_AFTER.match(text, match.end())
                or (
                    re.search(r"ordinanza\s+ingiunzione", text, re.I)
                    and not re.search(r"\bordina\b|divieto|limitazione", text, re.I)
                )
            ):
                continue
            candidates = find_candidates(text, language)
            candidate = _pick_candidate(candidates, match.start(), match.end())
            found.append(_Found(kind, sentence, candidate=candidate))
            found += [
                _Found(kind, sentence, candidate=other)
                for other in _coordinated(candidates, candidate, text)
            ]
    return found


# Between two names a measure applies to alike: "X og Y", "X e di Y", "X, Y and Z".
_COORDINATION = re.compile(
    r"\s*(?:,\s*|\s(?:and|et|e|y|und|en|og|och|i|a|și|şi|ja|και)\s+)"
    r"(?:(?:de|di|of|du|des|à|a|al|alla|au|aux|van|von|der|til|mot|pro|na)\s+)?$",
    re.I,
)


def _coordinated(
    candidates: list[Candidate], first: Candidate | None, text: str
) -> list[Candidate]:
    """The names joined to `first` by "and"/commas: a measure aimed at all of them."""
    if first is None:
        return []
    joined: list[Candidate] = []
    previous = first
    for other in candidates:
        if other.start <= previous.end or not other.strong:
            continue
        if not _COORDINATION.match(text[previous.end : other.start]):
            break
        joined.append(other)
        previous = other
    return joined


def _looks_like_decision(sentences: list[Sentence], language: str) -> bool:
    """The release itself announces a measure: its title or lead names one."""
    lead = " ".join(s.text for s in sentences[:_OPENING_SENTENCES])
    return any(
        cue(table, language).search(lead)
        for table in ("FINE", "PERIODIC", "REPRIMAND", "WARNING", "ORDER")
    )


def _drop_totals(found: list[_Found]) -> list[_Found]:
    """A stated total is not an extra sanction: drop it when the parts are there too."""
    monetary = [f for f in found if f.money is not None]
    if len(monetary) < 2:
        return found
    kept: list[_Found] = []
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
        if strong and (sentence.index == 0 or _looks_like_decision([sentence], language)):
            return strong[0]
        if strong and opening is None and sentence.index < _OPENING_SENTENCES:
            opening = strong[0]
        if sentence.index == 0 and candidates and language != "de":
            weak = candidates[0]
        if weak is None and sentence.index < _OPENING_SENTENCES:
            weak = next((c for c in candidates if " " in c.name and not c.anonymous), None)
    return opening or weak


def _assemble(
    found: list[_Found], sentences: list[Sentence], release: Release, language: str
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


def _twin(seen: dict[tuple[str, str], Sanction], item: _Found, key: str) -> tuple[str, str] | None:
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
        or _is_review_of_earlier_sanction(sentences, language)
        or _is_recap_genre(sentences, language)
    ):
        return []
    found = _drop_totals(_monetary(sentences, release, language))
    if found or _looks_like_decision(sentences, language):
        found += _non_monetary(sentences, language, release.published)
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
