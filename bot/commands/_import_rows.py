"""The rows of an import CSV, checked one by one (the layout is in docs/import.md).

Not a command: the helper of bot/commands/import_.py. A bad row is refused with its line
number and the reason, never guessed at: a wrong amount in the archive would be shown to
people as a fact.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import IO

from scrapers.models import MONETARY_KINDS, SANCTION_KINDS, Authority, Sanction

REQUIRED_COLUMNS = ("authority", "defendant", "amount", "currency", "decision_date", "url")
OPTIONAL_COLUMNS = ("kind", "title", "published", "evidence", "country", "language",
                    "amount_eur", "note")
#: Imported sanctions were stated by a person, not guessed by extraction.
IMPORTED_CONFIDENCE = 1.0

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# Digit groups may be split by spaces or underscores ("20 000 000"), never by commas:
# "1,500" is fifteen hundred in English and one and a half in French.
_GROUPING = re.compile(r"[\s_\u00a0\u202f]")
_CURRENCY = re.compile(r"[A-Z]{3}")
_LANGUAGE = re.compile(r"[a-z]{2}")


class RowError(ValueError):
    """Why one row is refused."""


@dataclass(frozen=True)
class ImportRow:
    """One accepted row: the release it belongs to and the sanction it states."""

    line: int
    authority: str
    url: str
    title: str
    published: date | None
    language: str
    sanction: Sanction


@dataclass
class ParsedFile:
    """Every row of the file: accepted, refused (line, reason) or skipped (line, note)."""

    rows: int = 0
    accepted: list[ImportRow] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def _delimiter(header_line: str) -> str:
    """Comma, unless the header is split by semicolons or tabs (spreadsheets in Europe)."""
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: (counts[sep], sep == ","))


def _records(handle: IO[str]) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, cells), quoted line breaks included."""
    first = handle.readline()
    if not first.strip():
        raise ValueError("the file is empty (a header row is needed: docs/import.md)")
    delimiter = _delimiter(first)
    yield 1, next(csv.reader([first], delimiter=delimiter))
    reader = csv.reader(handle, delimiter=delimiter)
    start = 2
    for cells in reader:
        yield start, cells
        start = reader.line_num + 2  # line_num counts from the second line of the file


def read_rows(handle: IO[str], authorities: Mapping[str, Authority], *, today: date
              ) -> ParsedFile:
    """Check every row of the CSV; raises ValueError when the header itself is unusable."""
    records = _records(handle)
    _, header = next(records)
    columns = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ValueError(f"missing column(s): {', '.join(missing)} "
                         f"(required: {', '.join(REQUIRED_COLUMNS)})")
    parsed = ParsedFile(ignored_columns=[
        name for name in columns if name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS])
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines are no rows
        parsed.rows += 1
        if len(cells) != len(columns):
            parsed.refused.append((line, f"{len(cells)} cells, the header has {len(columns)}"))
            continue
        values = {name: cell.strip() for name, cell in zip(columns, cells, strict=True)}
        try:
            parsed.accepted.append(check_row(line, values, authorities, today=today))
        except RowError as error:
            parsed.refused.append((line, str(error)))
    return parsed


def check_row(line: int, values: Mapping[str, str], authorities: Mapping[str, Authority],
              *, today: date) -> ImportRow:
    """One row as an ImportRow, or RowError with the first thing wrong in it."""
    for name in REQUIRED_COLUMNS:
        if not values.get(name) and name not in ("amount", "currency"):
            raise RowError(f"{name} is empty")
    authority = _authority(values["authority"], authorities)
    _check_country(values.get("country", ""), authority)
    kind = values.get("kind", "").lower().replace(" ", "_").replace("-", "_") or "fine"
    if kind not in SANCTION_KINDS:
        raise RowError(f"unknown kind {values['kind']!r} (one of: {', '.join(SANCTION_KINDS)})")
    decided = parse_day(values["decision_date"], "decision_date", today)
    published = (parse_day(values["published"], "published", today)
                 if values.get("published") else None)
    amount, currency, amount_eur = _money(values, kind, decided)
    language = values.get("language", "").lower()
    if language and not _LANGUAGE.fullmatch(language):
        raise RowError(f"language must be an ISO 639-1 code like fr, not {language!r}")
    url = values["url"]
    if not url.startswith(("https://", "http://")) or " " in url or len(url) < 12:
        raise RowError(f"url must be a web address (http:// or https://), not {url!r}")
    sanction = Sanction(
        defendant=" ".join(values["defendant"].split()), kind=kind, amount=amount,
        currency=currency, amount_eur=amount_eur, decision_date=decided,
        evidence=" ".join(values.get("evidence", "").split()),
        confidence=IMPORTED_CONFIDENCE, authority=authority.id,
        note=" ".join(values.get("note", "").split()))
    return ImportRow(line=line, authority=authority.id, url=url,
                     title=" ".join(values.get("title", "").split()), published=published,
                     language=language, sanction=sanction)


def _authority(text: str, authorities: Mapping[str, Authority]) -> Authority:
    authority = authorities.get(text.lower())
    if authority is None:
        raise RowError(f"unknown authority {text!r} (ids as in `dpawatch sources`, "
                       "e.g. cnil, ico, garante)")
    return authority


def _check_country(text: str, authority: Authority) -> None:
    """A country that disagrees with the authority means the row is mixed up."""
    if text and text.upper() != authority.country:
        raise RowError(f"country {text!r} is not that of {authority.id} ({authority.country})")


def parse_day(text: str, column: str, today: date) -> date:
    """A YYYY-MM-DD day, not in the future."""
    if not _DAY.fullmatch(text):
        raise RowError(f"{column} must be a day written YYYY-MM-DD, not {text!r}")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise RowError(f"{column} {text!r} is not a day of the calendar") from None
    if day > today:
        raise RowError(f"{column} {text} is in the future")
    return day


def parse_amount(text: str, column: str = "amount") -> float:
    """A positive number with a point for decimals; spaces may group the digits."""
    compact = _GROUPING.sub("", text)
    if not _NUMBER.fullmatch(compact):
        raise RowError(f"{column} must be a plain number like 20000000 or 1500.50, "
                       f"not {text!r}")
    value = float(compact)
    if value <= 0:
        raise RowError(f"{column} must be more than 0, not {text!r}")
    return value


def _money(values: Mapping[str, str], kind: str, decided: date
           ) -> tuple[float | None, str | None, float | None]:
    """(amount, currency, amount in EUR) of the row, checked against its kind."""
    from scrapers.extract.currency import to_eur

    amount_text, currency = values.get("amount", ""), values.get("currency", "").upper()
    if kind not in MONETARY_KINDS:
        if amount_text:
            raise RowError(f"a {kind.replace('_', ' ')} has no amount (amount {amount_text!r})")
        return None, None, None
    if not amount_text:
        raise RowError(f"amount is empty (a {kind.replace('_', ' ')} needs one)")
    amount = parse_amount(amount_text)
    if not _CURRENCY.fullmatch(currency):
        raise RowError(f"currency must be an ISO 4217 code like EUR, not "
                       f"{values.get('currency', '')!r}")
    if values.get("amount_eur"):
        return amount, currency, parse_amount(values["amount_eur"], "amount_eur")
    amount_eur = to_eur(amount, currency, decided)
    if amount_eur is None:
        raise RowError(f"no exchange rate for currency {currency!r}: check the code, or "
                       "give amount_eur")
    return amount, currency, amount_eur
