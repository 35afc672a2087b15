"""From what was found to the sanctions announced: whose each measure is, restatements of
one sanction merged, stated totals and rounded headline figures settled. Pure, no I/O.

A release states a sanction several times (title, lead, body), names its defendant several
ways, rounds in the headline ("almost 3 million") what the body writes exactly, and may
give parts and a total. Distinct legal entities named in one release stay distinct
("GOOGLE LLC" and "GOOGLE IRELAND LIMITED"); only the same name repeated, a shorter form
of it, or a rounded figure of the same sum is merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from scrapers.extract.amounts import Money
from scrapers.extract.context import OPENING_SENTENCES, looks_like_decision
from scrapers.extract.cues import cue
from scrapers.extract.currency import to_eur
from scrapers.extract.dates import find_dates, fold
from scrapers.extract.deciders import deciding_authority
from scrapers.extract.defendants import (
    Candidate,
    find_candidates,
    has_legal_form,
    normalise_defendant,
)
from scrapers.extract.measures import (
    Found,
    coordinated,
    in_cause_clause,
    named_as_earlier,
    recalls_earlier_measure,
)
from scrapers.extract.names import NameBook, defined_things
from scrapers.extract.reductions import reduction_note
from scrapers.extract.sentences import Sentence
from scrapers.models import Release, Sanction

_DECISION_WORDS = re.compile(
    r"(?<!\w)(?:délibération|décision|decision|decided|dated|provvedimento|resolución|"
    r"besluit|beslut|vedtak|afgørelse|decyzj|decizi|bescheid|rozhodnut|rješenj|päätö|"
    r"deliberação|απόφασ|ordinanza|adopted|adopté|prononc|issued|imposed|vom\b)",
    re.I,
)
_FIGURE = re.compile(r"\d+(?:[.,](\d+))?")


@dataclass(frozen=True)
class _Owned:
    """A found measure with the defendant it is settled on."""

    item: Found
    name: str  # the release's full form of the defendant's name
    key: str  # normalise_defendant(name)
    named: bool  # the sentence itself names the defendant (not "the company")


def assemble(
    found: list[Found], sentences: list[Sentence], release: Release, language: str
) -> list[Sanction]:
    """One Sanction per defendant and measure from everything found in the release."""
    text = "\n".join(s.text for s in sentences)
    book = NameBook(
        text, (c.name for s in sentences for c in find_candidates(s.text, language)), language
    )
    # A system's or a law's abbreviation ("FSV", "LSSI") is never whom a measure is on.
    things = defined_things(text)
    found = [
        replace(item, candidate=None)
        if item.candidate is not None and fold(item.candidate.name.strip()) in things
        else item
        for item in found
    ]
    group = [
        name
        for name in main_defendants(sentences, language, book)
        if fold(name.strip()) not in things
    ]
    # A measure without money and without its own named party goes to the main defendant
    # only if that one is named as a party: a title's lone capitalised word, never named
    # as anyone's ("Chromebooks", "Workspace"), is more often a product than a party.
    picked = _main_defendant(sentences, language)
    if picked is not None and not picked[0].strong and _lone_word(picked[0].name, book):
        found = [item for item in found if item.money is not None or item.candidate is not None]
    owned = _settle_totals(_owners(found, group, book))
    return _merge(owned, sentences, release, language)


def main_defendants(sentences: list[Sentence], language: str, book: NameBook) -> list[str]:
    """The release's main defendant (for sentences that only say "the company"), with the
    names coordinated with it where it is named ("X and Y are reprimanded")."""
    picked = _main_defendant(sentences, language)
    if picked is None:
        return []
    main, text = picked
    group = [main, *coordinated(find_candidates(text, language), main, text)]
    return [book.canonical(candidate.name) for candidate in group]


def _main_defendant(sentences: list[Sentence], language: str) -> tuple[Candidate, str] | None:
    """By preference: a strong candidate of the title; of a sentence that names a measure;
    of the opening paragraphs; else the title's first name. A longer name of the opening
    that the choice abbreviates ("Meta" for "Meta Platforms Ireland Limited") replaces it."""
    weak: tuple[Candidate, str] | None = None
    opening: tuple[Candidate, str] | None = None
    chosen: tuple[Candidate, str] | None = None
    named_in_opening: list[tuple[Candidate, str]] = []
    for sentence in sentences:
        if sentence.index > 0 and recalls_earlier_measure(sentence.text, language):
            continue  # "elle avait déjà infligé une amende à Y": another, earlier case
        candidates = find_candidates(sentence.text, language)
        strong = [
            c
            for c in candidates
            if c.strong
            and not named_as_earlier(sentence.text, c.start)
            and not in_cause_clause(sentence.text, c.start, language)
        ]
        if sentence.index < OPENING_SENTENCES:
            named_in_opening += [(c, sentence.text) for c in strong if not c.anonymous]
        if strong and (sentence.index == 0 or looks_like_decision([sentence], language)):
            chosen = (strong[0], sentence.text)
            break
        if strong and opening is None and sentence.index < OPENING_SENTENCES:
            opening = (strong[0], sentence.text)
        if sentence.index == 0 and candidates and language != "de":
            weak = (candidates[0], sentence.text)
        if weak is None and sentence.index < OPENING_SENTENCES:
            first = next((c for c in candidates if " " in c.name and not c.anonymous), None)
            weak = (first, sentence.text) if first else None
    chosen = chosen or opening or weak
    if chosen is None:
        return None
    short = normalise_defendant(chosen[0].name).split()
    longer = [
        pair
        for pair in named_in_opening
        if len(key := normalise_defendant(pair[0].name).split()) > len(short)
        and key[: len(short)] == short
    ]
    return longer[0] if longer and short else chosen


def _lone_word(name: str, book: NameBook) -> bool:
    """One word, no legal form, and never written as the start of a longer name (as
    "Worldcoin" is of "Worldcoin Foundation")."""
    if len(name.split()) != 1 or has_legal_form(name):
        return False
    return not any(other.startswith(f"{name} ") for other in book.names)


def _owners(found: list[Found], group: list[str], book: NameBook) -> list[_Owned]:
    """Each found measure with its defendant: its own, else the main one(s)."""
    owned: list[_Owned] = []
    for item in found:
        if item.candidate is not None and not (group and _refers_back(item.candidate, group[0])):
            name = book.canonical(item.candidate.name)
            owned.append(_Owned(item, name, normalise_defendant(name), True))
            continue
        # A sum nobody is named for goes to the main defendant; a measure without money
        # ("both forces are reprimanded") to the main defendant and those named with it.
        for name in group[:1] if item.money is not None else group:
            owned.append(_Owned(item, name, normalise_defendant(name), False))
    return [o for o in owned if o.key]


def _refers_back(candidate: Candidate, main: str) -> bool:
    """Whether a one-word name is the main defendant's head noun in another form: a
    definite or inflected "Universitetet", "Kommunen", "Hospitalet" for "Umeå universitet",
    "Fjordvik kommune", "Nordlys hospital" (Scandinavian definite article, case ending)."""
    word = fold(candidate.name.strip())
    words = fold(main).split()
    if candidate.anonymous or " " in word or len(words) < 2 or has_legal_form(candidate.name):
        return False
    head = words[-1]
    return len(head) >= 5 and word != head and word.startswith(head) and len(word) - len(head) <= 3


def _settle_totals(owned: list[_Owned]) -> list[_Owned]:
    """A stated total and its parts: one defendant's parts give way to the total the
    release states for it; a total over several defendants is no extra sanction."""
    monetary = [o for o in owned if o.item.money is not None]
    dropped: set[int] = set()
    for total in monetary:
        assert total.item.money is not None
        amount = total.item.money.amount
        parts = [
            o
            for o in monetary
            if o is not total
            and o.item.currency == total.item.currency
            and o.item.money is not None
            and o.item.money.amount != amount
        ]
        distinct = {o.item.money.amount for o in parts if o.item.money is not None}
        if not parts or not (
            total.item.total or (len(distinct) >= 2 and abs(sum(distinct) - amount) < 1)
        ):
            continue
        if all(o.key == total.key or not o.named for o in parts) and total.item.total:
            dropped.update(id(o) for o in parts)
        else:
            dropped.add(id(total))
    return [o for o in owned if id(o) not in dropped]


def _unit(money: Money) -> float:
    """The precision a written sum has: 1 for "2 830 410 zł", 100 000 for "2,8 mln"."""
    figure = _FIGURE.search(money.text)
    if not money.scaled or figure is None:
        return 1.0
    value = float(figure.group(0).replace(",", "."))
    decimals = len(figure.group(1) or "")
    return (money.amount / value) * 10.0**-decimals if value else 1.0


def _rounds_to(exact: float, shown: Money) -> bool:
    """True when `shown` ("3 mln", "27 milioni", "£7.5m") is `exact` rounded or cut."""
    return abs(exact - shown.amount) < _unit(shown)


def _related(name: str, other: str) -> bool:
    """Whether two different keys name one defendant: the shorter is the start of the
    longer (or its words are all in it) and is written without a legal form ("Tim" and
    "TIM S.p.A."; not "GOOGLE LLC" and "GOOGLE IRELAND LIMITED", two companies)."""
    key, other_key = normalise_defendant(name).split(), normalise_defendant(other).split()
    if not key or not other_key:
        return False
    short, long_, short_name = (
        (key, other_key, name) if len(key) <= len(other_key) else (other_key, key, other)
    )
    # "Gruppo Gedi" and "GEDI Gruppo Editoriale S.p.A.": the words of one, in another order.
    contained = len(short) >= 2 and set(short) <= set(long_)
    return (long_[: len(short)] == short or contained) and not has_legal_form(short_name)


def _merge(
    owned: list[_Owned], sentences: list[Sentence], release: Release, language: str
) -> list[Sanction]:
    decider = deciding_authority(" ".join(s.text for s in sentences[:6]), release.authority)
    reduction = any(cue("REDUCTION", language).search(s.text) for s in sentences)
    named_kinds = {
        o.item.kind
        for o in owned
        if o.named and o.item.candidate is not None and not o.item.candidate.anonymous
    }
    seen: dict[tuple[str, str], Sanction] = {}
    shown: dict[tuple[str, str], Money] = {}  # the written sum each amount comes from
    # Sums with their own named defendant first: a headline's "60 millions pour FACEBOOK"
    # left to the main defendant must not take the place of the body's exact rows.
    for owner in sorted(owned, key=lambda o: not o.named):
        item = owner.item
        anaphoric = not owner.named or (
            item.candidate is not None and item.candidate.anonymous and item.money is None
        )
        twin = _twin(seen, shown, owner)
        if twin is not None:
            seen[twin] = _restated(seen[twin], shown, twin, owner, release, language)
            continue
        if anaphoric and item.money is None and item.kind in named_kinds:
            continue  # "two of them are ordered to...": the measures named one by one
        key = (owner.key, item.kind)
        when = _decision_date(item.sentence, sentences, language, release.published)
        amount = item.money.amount if item.money else None
        note = item.note
        if item.money is not None and item.currency == "EUR" and language == "es":
            # The sum paid is looked for even without a reduction word: "ha abonado".
            paid = reduction_note(sentences, item.money.amount, language)
            if paid or reduction:
                note = (note + "; " if note else "") + (
                    paid or "reduction for voluntary payment stated"
                )
        confidence = (
            0.5
            + (0.2 if item.candidate and item.candidate.strong else 0.0)
            + (0.15 if item.money else 0.0)
            + (0.1 if item.sentence.index == 0 else 0.0)
        )
        if item.money is not None:
            shown[key] = item.money
        seen[key] = Sanction(
            defendant=owner.name,
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
    return [s for s in seen.values() if not _approximate_only(s)]


def _approximate_only(sanction: Sanction) -> bool:
    """True for a fine known only as "more than £7.5m": its exact sum is never stated, and
    a fine without its sum (or one the headline rounds for another party) alerts nobody
    usefully, so the release yields nothing rather than a sum-less fine."""
    return sanction.kind in ("fine", "periodic_penalty") and sanction.note.startswith("approximate")


def _twin(
    seen: dict[tuple[str, str], Sanction], shown: dict[tuple[str, str], Money], owner: _Owned
) -> tuple[str, str] | None:
    """The sanction already found that `owner` restates: same defendant (or a shorter form
    of its name) and, for sums, the same sum or a rounding of it."""
    money = owner.item.money
    for (key, kind), sanction in seen.items():
        if kind != owner.item.kind:
            continue
        if key == owner.key:
            return key, kind
        related = _related(owner.name, sanction.defendant)
        if money is None or sanction.amount is None:
            if related:
                return key, kind
            continue
        earlier = shown.get((key, kind))
        same_sum = sanction.amount == money.amount or (
            earlier is not None
            and (_rounds_to(money.amount, earlier) or _rounds_to(earlier.amount, money))
        )
        if same_sum and related:
            return key, kind
    return None


def _restated(
    earlier: Sanction,
    shown: dict[tuple[str, str], Money],
    key: tuple[str, str],
    owner: _Owned,
    release: Release,
    language: str,
) -> Sanction:
    """`earlier` completed by its restatement: the exact sum for a rounded one, the fuller
    name, the decision date."""
    money, before = owner.item.money, shown.get(key)
    if (
        money is not None
        and before is not None
        and money.amount != before.amount
        and _rounds_to(money.amount, before)
        and not _rounds_to(before.amount, money)
        and not owner.item.note.startswith("approximate")
    ):
        shown[key] = money
        earlier = replace(
            earlier,
            amount=money.amount,
            note="",
            amount_eur=to_eur(
                money.amount,
                owner.item.currency or "EUR",
                earlier.decision_date or release.published,
            ),
        )
    elif (
        money is not None
        and earlier.note.startswith("approximate")
        and not owner.item.note.startswith("approximate")
        and before is not None
        and money.amount == before.amount
    ):
        earlier = replace(earlier, note="")  # "about €2m" then "€2m": the sum is stated
    if len(owner.name) > len(earlier.defendant) and owner.named:
        earlier = replace(earlier, defendant=owner.name, evidence=owner.item.sentence.text[:500])
    if earlier.decision_date is None:
        when = _decision_date(owner.item.sentence, [], language, release.published)
        eur = (
            to_eur(earlier.amount, earlier.currency or "EUR", when)
            if when and earlier.amount is not None
            else earlier.amount_eur
        )
        earlier = replace(earlier, decision_date=when, amount_eur=eur)
    return earlier


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
