"""Sanctions in the making: what was found where, whose it is, and the measures without
money (reprimands, warnings, orders) read from their own words. Pure, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from scrapers.extract.amounts import Money
from scrapers.extract.context import sentence_disqualified
from scrapers.extract.cues import cue
from scrapers.extract.defendants import Candidate, find_candidates
from scrapers.extract.sentences import Sentence

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
# An order that was not complied with is the reason for this sanction, not a new order:
# "non-respect de l'injonction", "failure to comply with the order", "määräyksen
# noudattamatta jättäminen".
_ORDER_BREACHED_BEFORE = re.compile(
    r"(?:non-respect|non-compliance|failure to comply|failing to comply|failed to comply|"
    r"nichtbefolgung|niet naleven|mancato rispetto|inosservanza|incumplimiento|"
    r"incumprimento|nieprzestrzegani|nerespectar|neplnění|nepoštivanj)"
    r"(?:\s+(?:de|of|with|del|della|dell['’]|der|des|van|the|l['’]|la|le|het|do|da|a)\b)*\s*$",
    re.I,
)
_ORDER_BREACHED_AFTER = re.compile(
    r"\s+(?:noudattamatta|laiminly|(?:n['’]est pas|n['’]a pas été|is not|was not|has not been|"
    r"non è|no es|no ha sido|não é|não foi|nicht|niet|inte|ikke|nie)\s+(?:\w+\s+)?"
    r"(?:respect|compl|rispett|cumpl|befolgt|eingehalten|nageleefd|följ|overhold|efterlev|"
    r"przestrzeg))",
    re.I,
)
_ORDER_DATED_AFTER = re.compile(
    r"\s*(?:d['’]|de |du |of |del |vom |van |z |ze |från |fra )\s*(?:\d|[^\W\d]+ (?:19|20)\d\d)",
    re.I,
)
# A pluperfect measure recalls an earlier decision: "elle lui avait aussi ordonné",
# "had ordered", "aveva ingiunto", "hatte angeordnet", also with the participle and an
# adverbial between ("aveva disposto in via d'urgenza la limitazione").
_EARLIER_BEFORE = re.compile(
    r"(?<!\w)(?:avait|avaient|had|aveva|avevano|había|habían|hatte|hatten|tinha|havia|"
    r"hade|hadde|havde|had|είχε|imao|imala|měl|měla)\s+(?:\S+\s+){0,5}$",
    re.I,
)
# An adverb that dates what follows before this release: "a week earlier, Posti Group Oyj
# was fined", "viikkoa aiemmin X:lle määrättiin", "zuvor war Y ... belegt worden".
_EARLIER_ADVERB_BEFORE = re.compile(
    r"(?<!\w)(?:earlier|previously|aiemmin|aikaisemmin|auparavant|précédemment|zuvor|"
    r"eerder|tidigare|wcześniej|dříve|ranije|prethodno|anteriormente|precedentemente)"
    r",?\s+(?:\S+\s+){0,2}$",
    re.I,
)
# A negated or conditional order is none: "without ordering", "n'est pas assortie d'une
# injonction", "n'a donc pas assorti ses décisions d'injonctions" (an adverb and the
# decisions may sit between), "ohne Anordnung", "senza ordinare", "no ha ordenado".
_ORDER_NEGATED_BEFORE = re.compile(
    r"(?<!\w)(?:without|sans|ohne|keine?n?|senza|sin|sem|zonder|uten|utan|uden|bez|"
    r"not accompanied by|did not|has not|have not|does not|"
    r"n['’](?:est|a|ont|sont)(?: \w+)? pas(?: été)?(?: assortie?s?(?: \w+){0,2}(?: d['’]| de))?|"
    r"ne s['’]accompagne pas d['’]|non (?:ha|è|sono|hanno)|"
    r"no (?:ha|se|fue)|não (?:foi|houve|há)|nicht|niet|ikke|inte|nie)"
    r"\s*(?:\w+\s+){0,2}$",
    re.I,
)
_ORDER_NEGATED_AFTER = re.compile(
    r"\s+(?:\w+\s+){0,3}?(?:nicht|not|niet|pas|ikke|inte|non|no|nie)\s+"
    r"(?:\w+\s+)?(?:verbunden|erlassen|attached|included|accompanied|imposed|issued|assorti|"
    r"prononc|inflig|disposto|impartit|ordenad|opgelegd|ilagt|meddelat|givet)",
    re.I,
)
# A cause or purpose clause after the sum ("for at have sendt oplysninger til en forkert
# modtager", "for failing to ...", "pour avoir transmis ... à"): a name inside it is that
# clause's object, not the party the sum is imposed on.
CAUSE_AFTER = re.compile(
    r"(?<!\w)(?:for at|for å|för att|for having|for failing|for not|pour avoir|pour ne pas|"
    r"per aver|por haber|por no|por ter|wegen|weil|because|omdat|fordi|ettersom|eftersom)"
    r"(?!\w)",
    re.I,
)


_COUNT_BEFORE = re.compile(r"\d+\s+\S*$")
# How far after a measure's words its defendant may be named, in characters.
_AFTER_REACH = 60
_INTRODUCED_REACH = 100


@dataclass(frozen=True)
class Found:
    """A sanction before its defendant is settled: what, where, and why we believe it."""

    kind: str
    sentence: Sentence
    money: Money | None = None
    currency: str | None = None
    candidate: Candidate | None = None
    total: bool = False
    note: str = ""


def pick_candidate(
    candidates: Sequence[Candidate],
    start: int,
    end: int,
    other_sums: Sequence[tuple[int, int]] = (),
) -> Candidate | None:
    """The strong candidate a sum belongs to: introduced right after it, else nearest.

    A name introduced after the sum but followed by a sum of its own is that sum's ("400.000
    ευρώ και στην Άννα ... 40.000 ευρώ", "€5,000 to A and €3,000 to B").
    """
    strong = [c for c in candidates if c.strong]

    def introduced_after(position: int) -> bool:
        return any(c.introduced and 0 <= c.intro_start - position <= 30 for c in strong)

    # Names follow their sums ("60 M€ à l'encontre de X, 60 M€ à l'encontre de Y") unless
    # the next sum has no name after it: then names come first ("to X €1, and to Y €2").
    following = [
        c
        for c in strong
        if c.introduced
        and 0 <= c.intro_start - end <= 30
        and not any(
            c.end <= other <= c.end + 60 and not introduced_after(other_end)
            for other, other_end in other_sums
            if other > end
        )
    ]
    if following:
        return following[0]
    before = [c for c in strong if c.end <= start]
    if before:
        return before[-1]
    # A name far after the measure is the object of some other clause ("... til USA"),
    # unless an introducer makes it the measure's object ("la limitazione del trattamento
    # dei dati degli utenti italiani nei confronti di X").
    after = [
        c
        for c in strong
        if end <= c.start <= end + (_INTRODUCED_REACH if c.introduced else _AFTER_REACH)
    ]
    return after[0] if after else None


def recalls_earlier_measure(text: str, language: str) -> bool:
    """True when the sentence's measure is pluperfect ("elle avait déjà infligé une amende
    à X"): an earlier case, whose party is not this release's defendant."""
    for table in ("FINE", "PERIODIC", "REPRIMAND", "WARNING", "ORDER"):
        for match in cue(table, language).finditer(text):
            if _EARLIER_BEFORE.search(text, max(0, match.start() - 40), match.start()):
                return True
    return False


def in_cause_clause(text: str, start: int, language: str) -> bool:
    """True when the name at `start` sits in a cause clause after the sentence's measure
    ("fined for sending the data to a wrong recipient"): that clause's object."""
    for table in ("FINE", "PERIODIC", "REPRIMAND", "WARNING", "ORDER"):
        measure = cue(table, language).search(text, 0, start)
        if measure is not None and CAUSE_AFTER.search(text, measure.end(), start):
            return True
    return False


def named_as_earlier(text: str, start: int) -> bool:
    """True when the name at `start` follows an adverb that dates it before the release
    ("a week earlier X was fined"): the party of another, earlier case."""
    return _EARLIER_ADVERB_BEFORE.search(text, max(0, start - 30), start) is not None


def non_monetary(sentences: list[Sentence], language: str, published: date | None) -> list[Found]:
    """Reprimands, warnings and orders the sentences impose, each with its likely defendant."""
    found: list[Found] = []
    for sentence in sentences:
        text = sentence.text
        if sentence_disqualified(text, language, published):
            continue
        for kind, table in (("reprimand", "REPRIMAND"), ("warning", "WARNING"), ("order", "ORDER")):
            match = cue(table, language).search(text)
            if (
                match is None
                or _COUNT_BEFORE.search(text[max(0, match.start() - 12) : match.start()])
                or _EARLIER_BEFORE.search(text, max(0, match.start() - 40), match.start())
            ):
                continue
            if kind == "order" and (
                _PAY_AFTER.match(text, match.end())
                or _ORDER_NEGATED_BEFORE.search(text, max(0, match.start() - 50), match.start())
                or _ORDER_NEGATED_AFTER.match(text, match.end())
                or (language == "en" and _ORDER_NOUN_BEFORE.search(text, 0, match.start()))
                or _ORDER_COMPLIED_BEFORE.search(text, 0, match.start())
                or _ORDER_BREACHED_BEFORE.search(text, max(0, match.start() - 60), match.start())
                or _ORDER_BREACHED_AFTER.match(text, match.end())
                or _ORDER_DATED_AFTER.match(text, match.end())
                or (
                    re.search(r"ordinanza\s+ingiunzione", text, re.I)
                    and not re.search(r"\bordina\b|divieto|limitazione", text, re.I)
                )
            ):
                continue
            candidates = find_candidates(text, language)
            candidate = pick_candidate(candidates, match.start(), match.end())
            found.append(Found(kind, sentence, candidate=candidate))
            found += [
                Found(kind, sentence, candidate=other)
                for other in coordinated(candidates, candidate, text)
            ]
    return found


# Between two names a measure applies to alike: "X og Y", "X e di Y", "X, Y and Z".
_COORDINATION = re.compile(
    r"\s*(?:,\s*|\s(?:and|et|e|y|und|en|og|och|i|a|și|şi|ja|και)\s+)"
    r"(?P<again>(?:de|di|of|du|des|à|a|al|alla|au|aux|van|von|der|til|mot|pro|na)\s+)?$",
    re.I,
)


def coordinated(
    candidates: Sequence[Candidate], first: Candidate | None, text: str
) -> list[Candidate]:
    """The names joined to `first` by "and"/commas: a measure aimed at all of them."""
    if first is None:
        return []
    joined: list[Candidate] = []
    previous = first
    for other in candidates:
        if other.start <= previous.end:
            continue
        # The scan's end may have taken the comma after a name ("GOOGLE LLC, GOOGLE ...").
        name_end = previous.start + len(previous.name)
        gap_start = name_end if text.startswith(previous.name, previous.start) else previous.end
        gap = _COORDINATION.match(text[gap_start : other.start])
        # A repeated preposition makes the next name a second object of the same
        # introducer, strong or not: "nei confronti di X e di Y".
        if gap is None or not (other.strong or (first.introduced and gap.group("again"))):
            break
        joined.append(other)
        previous = other
    return joined
