"""`dpawatch export`: the archive's sanctions as CSV, JSON, NDJSON or an Atom feed.

Every format is written row by row from a cursor, so an export takes constant memory
however large the archive. Columns and formats are documented in docs/export.md.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote, urlencode
from xml.etree import ElementTree

from bot.commands import UsageError

if TYPE_CHECKING:
    from bot.config import Settings

NAME = "export"
HELP = "write the archived sanctions as CSV, JSON, NDJSON or an Atom feed"

FORMATS = ("csv", "json", "ndjson", "atom")

#: The columns of CSV, JSON and NDJSON exports, in order. Only ever added to, at the end.
COLUMNS: tuple[str, ...] = (
    "decision_id", "authority", "authority_name", "country", "defendant", "kind", "amount",
    "currency", "amount_eur", "decision_date", "published", "title", "url", "urls",
    "evidence", "note", "release_id",
)

ATOM_NS = "http://www.w3.org/2005/Atom"
# The tagging entity and date of our Atom ids (RFC 4151): fixed forever, or every entry
# would look new to every reader.
TAG_PREFIX = "tag:dpawatch,2026:"
_XML_UNSAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Row = dict[str, Any]


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `dpawatch export`."""
    from scrapers.models import SANCTION_KINDS

    parser.add_argument("--format", choices=FORMATS, default="csv",
                        help="output format (default: csv)")
    parser.add_argument("--since", type=_date, metavar="DATE",
                        help="only sanctions decided (else published) on or after this day")
    parser.add_argument("--authority", metavar="ID", help="only this authority, e.g. cnil")
    parser.add_argument("--kind", choices=SANCTION_KINDS, help="only this kind of sanction")
    parser.add_argument("--output", metavar="FILE", help="write to FILE (default: stdout)")


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Write the wanted sanctions in the chosen format; 0 when done."""
    from bot.wiring import open_archive
    from storage.exchange import FineFilter, iter_fines, latest_change

    archive = open_archive(settings)
    try:
        known = {row["id"] for row in archive.authorities()}
        if args.authority and args.authority not in known:
            raise UsageError(f"dpawatch export: unknown authority {args.authority!r} "
                             f"(known: {', '.join(sorted(known))})")
        wanted = FineFilter(since=args.since, authority=args.authority, kind=args.kind)
        rows = iter_fines(archive, wanted)
        with _destination(args.output) as out:
            if args.format == "atom":
                feed = AtomFeed(labels=archive.authority_labels(),
                                updated=latest_change(archive, wanted),
                                feed_id=_feed_id(args), title=_feed_title(args))
                count = feed.write(out, rows)
            else:
                count = WRITERS[args.format](out, (export_row(row) for row in rows))
    finally:
        archive.close()
    if args.output:
        print(f"dpawatch export: {count} sanctions written to {args.output}", file=sys.stderr)
    return 0


@contextmanager
def _destination(path: str | None) -> Iterator[IO[str]]:
    """stdout, or a file replaced whole at the end: a feed served from it is never half
    written, and a failed export leaves the previous file in place."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    temporary = target.with_name(f".{target.name}.partial")
    try:
        with temporary.open("w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(temporary, target)
    except OSError as error:
        raise UsageError(f"dpawatch export: cannot write {path}: {error.strerror}") from None
    finally:
        temporary.unlink(missing_ok=True)


# -- CSV, JSON, NDJSON -----------------------------------------------------------------


def export_row(row: Row) -> Row:
    """A row of the export query with the documented columns only; `urls` as a list."""
    exported = {column: row.get(column) for column in COLUMNS}
    exported["urls"] = json.loads(row["urls"]) if row.get("urls") else []
    return exported


def _number(value: float | None) -> str:
    """20000000.0 -> '20000000': spreadsheets read it, and no false precision is shown."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def write_csv(out: IO[str], rows: Iterable[Row]) -> int:
    """CSV with a header row; `urls` space-separated; empty cells for unknown values."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        cells = []
        for column in COLUMNS:
            value = row[column]
            if column == "urls":
                cells.append(" ".join(value))
            elif column in ("amount", "amount_eur"):
                cells.append(_number(value))
            else:
                cells.append("" if value is None else str(value))
        writer.writerow(cells)
        count += 1
    return count


def write_json(out: IO[str], rows: Iterable[Row]) -> int:
    """One JSON array, written element by element (never held whole in memory)."""
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(row, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_ndjson(out: IO[str], rows: Iterable[Row]) -> int:
    """One JSON object per line."""
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


WRITERS: dict[str, Callable[[IO[str], Iterable[Row]], int]] = {
    "csv": write_csv, "json": write_json, "ndjson": write_ndjson}


# -- Atom ------------------------------------------------------------------------------


def _feed_id(args: argparse.Namespace) -> str:
    """One id per set of filters: two differently filtered feeds are two feeds."""
    filters = {name: str(value) for name in ("authority", "kind", "since")
               if (value := getattr(args, name))}
    return f"{TAG_PREFIX}sanctions" + (f"?{urlencode(filters)}" if filters else "")


def _feed_title(args: argparse.Namespace) -> str:
    parts = [part for part in (args.authority, args.kind and args.kind.replace("_", " "))
             if part]
    return "dpawatch: sanctions" + (f" ({', '.join(parts)})" if parts else "")


def _xml_text(text: str | None) -> str:
    """Text that XML 1.0 can carry: scraped pages hold stray control characters."""
    return _XML_UNSAFE.sub("", text or "")


def _instant(value: str | None) -> str:
    """An RFC 3339 instant from our ISO days and instants."""
    if not value:
        return datetime.now(UTC).isoformat(timespec="seconds")
    return f"{value}T00:00:00+00:00" if len(value) == 10 else value


def entry_id(row: Row) -> str:
    """A stable Atom id: the release and the sanction's defendant and kind.

    Not the decision id: re-reading a corrected release renumbers its decisions, and a
    reader would show every sanction of it again.
    """
    rank = int(row.get("entry_rank") or 1)
    key = quote(row.get("defendant_key") or row["defendant"], safe="")
    return (f"{TAG_PREFIX}release/{row['release_id']}/{key}/{row['kind']}"
            + (f"/{rank}" if rank > 1 else ""))


def entry_title(row: Row, label: str) -> str:
    """'CNIL (FR): Clearview AI — fine 20,000,000 EUR'."""
    from bot.core.format import amount, plain

    what = row["kind"].replace("_", " ")
    if row["amount"] is not None:
        what += f" {amount(row['amount'], row['currency'])}"
    return f"{label}: {plain(row['defendant'])} — {what}"


def entry_html(row: Row, label: str) -> str:
    """The entry's content: what, when, the evidence sentence and every link, escaped."""
    from bot.core.format import money

    what = html.escape(row["kind"].replace("_", " "))
    if row["amount"] is not None:
        what += " of " + html.escape(money(row["amount"], row["currency"], row["amount_eur"]))
    when = f", decided {html.escape(row['decision_date'])}" if row["decision_date"] else ""
    parts = [f"<p><strong>{html.escape(row['defendant'])}</strong>: {what}{when}, "
             f"by {html.escape(label)}.</p>"]
    if row["evidence"]:
        parts.append(f"<blockquote>{html.escape(row['evidence'])}</blockquote>")
    links = json.loads(row["urls"]) if row.get("urls") else [row["url"]]
    parts.append("<ul>" + "".join(
        f'<li><a href="{html.escape(url)}">{html.escape(url)}</a></li>' for url in links)
        + "</ul>")
    return _xml_text("".join(parts))


class AtomFeed:
    """An Atom 1.0 feed of sanctions, written entry by entry."""

    def __init__(self, *, labels: dict[str, str], updated: str | None, feed_id: str,
                 title: str) -> None:
        self.labels = labels
        self.updated = _instant(updated)
        self.feed_id = feed_id
        self.title = title

    def write(self, out: IO[str], rows: Iterable[Row]) -> int:
        """Write the whole feed; returns the number of entries."""
        head = ElementTree.Element("feed", xmlns=ATOM_NS)
        for tag, text in (("id", self.feed_id), ("title", self.title),
                          ("updated", self.updated)):
            ElementTree.SubElement(head, tag).text = text
        ElementTree.SubElement(ElementTree.SubElement(head, "author"), "name").text = "dpawatch"
        ElementTree.SubElement(head, "generator").text = "dpawatch"
        opening = ElementTree.tostring(head, encoding="unicode").removesuffix("</feed>")
        out.write('<?xml version="1.0" encoding="utf-8"?>\n' + opening + "\n")
        count = 0
        for row in rows:
            out.write(ElementTree.tostring(self.entry(row), encoding="unicode") + "\n")
            count += 1
        out.write("</feed>\n")
        return count

    def entry(self, row: Row) -> ElementTree.Element:
        """One sanction as an <entry>; ElementTree escapes every text."""
        label = str(self.labels.get(row["authority"]) or row["authority"])
        entry = ElementTree.Element("entry")
        ElementTree.SubElement(entry, "id").text = entry_id(row)
        ElementTree.SubElement(entry, "title").text = _xml_text(entry_title(row, label))
        ElementTree.SubElement(entry, "updated").text = _instant(row["changed_at"])
        if row["published"]:
            ElementTree.SubElement(entry, "published").text = _instant(row["published"])
        ElementTree.SubElement(entry, "link", rel="alternate", href=row["url"])
        for term in (row["authority"], row["kind"]):
            ElementTree.SubElement(entry, "category", term=term)
        content = ElementTree.SubElement(entry, "content", type="html")
        content.text = entry_html(row, label)
        return entry
