"""Sanctions laid out in rows: a table with a header, or a list after an introducing line.

Releases that announce several sanctions at once often put them in a table ("| Company |
Breach | Fine (EUR) |") or a bulleted list after a line that says what follows ("the
following fines were imposed:"). A row then names its defendant in its first cell (or
before its dash) and its sum elsewhere, while the sanction word sits in the header or the
introducing line. Each row's sum takes the row's defendant and the header's (or the
introduction's) kind. Pure, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from scrapers.extract.amounts import Money, parse_amount
from scrapers.extract.context import sentence_disqualified
from scrapers.extract.cues import cue
from scrapers.extract.defendants import Candidate
from scrapers.extract.measures import Found
from scrapers.extract.parties import PARTY_HEADER, names_measure, names_party
from scrapers.extract.sentences import Sentence

# A currency written in a header: "Fine (€)", "Bøde (kr.)", "Kara (zł)", "Pokuta (Kč)".
_HEADER_CURRENCY = re.compile(
    r"€|\beur\b|\beuro|\bkr\b|\bkr\.|\bkronor\b|\bkroner\b|\bkrónur\b|\bsek\b|\bnok\b|"
    r"\bdkk\b|zł|\bpln\b|kč|\bczk\b|"
    r"\blei\b|\bron\b|£|\bgbp\b|\$|\busd\b",
    re.I,
)
_SEPARATOR_ROW = re.compile(r"^\|[\s:|-]+\|$")
# A bullet, then the row's label up to a dash or a colon: "- Matkatoimisto – 6 500 euroa".
_BULLET_ROW = re.compile(r"^[-•*·–]\s+(?P<label>[^:–—]{2,120}?)\s*(?:[–—:]|\s-)\s")
# A statutory scale announced as such: its rows are bands, not sanctions imposed.
_SCALE = re.compile(
    r"(?<!\w)(?:scale|band|tariff|barème|bareme|grille|escala|baremo|tabela|scala|"
    r"bußgeldkatalog|staffel|schaal|skala|taryf|stupnic|asteikko)",
    re.I,
)
# A facts table's field label for the measure ("| Mesure | Amende de 10 000 € |",
# "| Maßnahme | Bußgeld |"): the cell says which measure, the party is the release's.
_MEASURE_FIELD = re.compile(
    r"(?:measures?|mesures?|sanctions? prononcées?|ma(?:ß|ss)nahmen?|medidas?(?: adoptadas?)?|"
    r"misur[ae](?: adottat[ae])?|maatregel(?:en)?|tiltak|åtgärd(?:er)?|foranstaltning(?:er)?|"
    r"środki?|opatření|mjer[ae]|toimenpiteet|toimenpide|μέτρα?|măsur[ăi])\s*:?",
    re.I,
)
# How many sentences a list may run after its introducing line.
_LIST_REACH = 12


@dataclass(frozen=True)
class Rows:
    """What the rows of a release give: the measures found, and which sentences they used."""

    found: list[Found]
    used: frozenset[int]  # Sentence.index of every row read here


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip().strip("|").split("|")]


def _is_separator(row: Sentence) -> bool:
    return _SEPARATOR_ROW.match(row.text.replace(" ", "")) is not None


def _header_and_body(rows: list[Sentence]) -> tuple[list[str], list[Sentence]]:
    """The table's header cells and its data rows. A caption row may come first ("|
    Beslutade sanktionsavgifter |" above "| Vårdgivare | Sanktionsavgift (kronor) |"): the
    last row before a separator (or a row without figures under it) is the header, and
    separators are no data."""
    header: list[str] = []
    body: list[Sentence] = []
    for index, row in enumerate(rows):
        if _is_separator(row):
            continue
        followed_by_separator = index + 1 < len(rows) and _is_separator(rows[index + 1])
        # A repeated separator line is dropped with the page's other repeats, so a second
        # header row right under the caption may stand without one: no figure, no data.
        second_header = bool(header) and not re.search(r"\d", row.text)
        if not body and (followed_by_separator or second_header):
            header = _cells(row.text)
            continue
        body.append(row)
    return header, body


def _money_in_cell(cell: str, header: str, language: str) -> Money | None:
    """The one sum a cell holds ("20.000" under "Fine (€)" too); None for ranges or two."""
    moneys = parse_amount(cell, language)
    if not moneys:
        unit = _HEADER_CURRENCY.search(header)
        if unit is None or not re.fullmatch(r"[\d\s\u00a0\u202f.,']+", cell):
            return None
        moneys = parse_amount(f"{cell} {unit.group(0).rstrip('.')}", language)
    if len(moneys) != 1 or cue("NOT_PENALTY_BEFORE", language).search(cell):
        return None
    return moneys[0]


def _kind_named(text: str, language: str) -> str | None:
    if cue("PERIODIC", language).search(text):
        return "periodic_penalty"
    return "fine" if cue("FINE", language).search(text) else None


def _table_found(
    rows: list[Sentence], intro: str, language: str, published: date | None, home: str
) -> list[Found]:
    """The sums of one table, each with its row's first cell as defendant."""
    header: list[str] = []
    body = rows
    if _SCALE.search(intro) or _SCALE.search(rows[0].text):
        return []  # a statutory scale: bands of fines, not fines imposed
    header, body = _header_and_body(rows)
    found: list[Found] = []
    for row in body:
        cells = _cells(row.text)
        if len(cells) < 2:
            continue
        label = cells[0]
        if not label or cue("TOTAL", language).search(label) or parse_amount(label, language):
            continue  # a total row, or a row without a name
        # A row labelled by the measure ("Bestuurlijke boete") is the release's defendant's;
        # any other label must name a party (not a provision, a category, a year).
        field = _MEASURE_FIELD.fullmatch(label) is not None
        by_measure = field or names_measure(label, language)
        party_column = bool(header) and PARTY_HEADER.search(header[0]) is not None
        if not by_measure and not names_party(label, language, party_column):
            continue
        for column, cell in enumerate(cells[1:], start=1):
            title = header[column] if column < len(header) else ""
            money = _money_in_cell(cell, title, language)
            if money is None:
                continue
            kind = (
                _kind_named(cell if field else label, language)
                if by_measure
                else _kind_named(title, language) or _kind_named(intro, language)
            )
            if kind is None or sentence_disqualified(intro, language, published):
                continue
            # The sum's place in the row text, so that the evidence and dates stay the row's.
            offset = row.text.find(cell)
            placed = Money(
                money.amount,
                money.currency,
                offset + money.start,
                offset + money.end,
                money.text,
                money.scaled,
            )
            start = row.text.find(label)
            name = None if by_measure else Candidate(label, start, start + len(label), strong=True)
            found.append(Found(kind, row, placed, money.currency or home, name))
            break  # one sum per row: a second money column is a rate or an equivalent
    return found


def _list_found(
    row: Sentence, intro: str, language: str, published: date | None, home: str
) -> Found | None:
    """The sum of one bulleted row under an introducing line that names the measure."""
    match = _BULLET_ROW.match(row.text)
    if match is None:
        return None
    moneys = parse_amount(row.text, language)
    kind = _kind_named(intro, language)
    if not moneys or kind is None or _kind_named(row.text, language):
        return None  # a row that names its own measure is read as any sentence
    if sentence_disqualified(intro, language, published) or sentence_disqualified(
        row.text, language, published
    ):
        return None
    money = moneys[0]
    if money.currency is None and not money.scaled:
        return None
    label = re.sub(r"\s*\([^()]*\)\s*$", "", match.group("label")).strip()
    if not names_party(label, language) or _SCALE.search(intro):
        return None  # "Large undertakings – €2m" under "the scale of fines": a band
    start = match.start("label")
    name = Candidate(label, start, start + len(label), strong=True)
    return Found(kind, row, money, money.currency or home, name)


def tabulated(
    sentences: list[Sentence], title: str, language: str, published: date | None, home: str
) -> Rows:
    """The measures stated in the release's tables and bulleted lists."""
    found: list[Found] = []
    used: set[int] = set()
    position = 0
    intro_at = -1  # the last line ending with a colon: a list's introduction
    while position < len(sentences):
        sentence = sentences[position]
        if sentence.text.startswith("|"):
            end = position
            while end < len(sentences) and sentences[end].text.startswith("|"):
                end += 1
            table = sentences[position:end]
            before = sentences[position - 1].text if position else ""
            found += _table_found(table, f"{title} {before}", language, published, home)
            used.update(s.index for s in table)
            position = end
            continue
        if sentence.text.rstrip().endswith(":"):
            intro_at = position
        elif 0 <= intro_at and position - intro_at <= _LIST_REACH:
            item = _list_found(sentence, sentences[intro_at].text, language, published, home)
            if item is not None:
                found.append(item)
                used.add(sentence.index)
        position += 1
    return Rows(found, frozenset(used))
