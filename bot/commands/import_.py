"""`dpawatch import FILE.csv`: seed the archive with past sanctions from a CSV file.

Each URL of the file becomes a backlog release (never alerted) with its sanctions, recorded
through Archive.record_harvest, so the archive's identity and dedup rules apply and
importing the same file again adds nothing. Bad rows are refused with their line number
and the reason; the others go in. The column layout is in docs/import.md.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from bot.commands import UsageError
from bot.progress import Progress

if TYPE_CHECKING:
    from bot.commands._import_rows import ImportRow
    from bot.config import Settings
    from scrapers.models import Authority, Release, Sanction
    from storage import Archive

NAME = "import"
HELP = "seed the archive with past sanctions from a CSV file (never alerted)"

EXIT_OK, EXIT_SOME_REFUSED = 0, 1
# Releases recorded per transaction: big enough to be fast, small enough for the progress
# bar to move and for an interrupted import to keep most of its work.
BATCH_SIZE = 200


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of `dpawatch import`."""
    parser.add_argument("file", metavar="FILE.csv",
                        help="sanctions to import, one per row (columns: docs/import.md)")


@dataclass
class ImportReport:
    """What an import did, for the summary and the exit status."""

    rows: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    notes: list[tuple[int, str]] = field(default_factory=list)  # rows skipped, not wrong
    new_releases: int = 0
    changed_releases: int = 0
    unchanged_releases: int = 0
    new_sanctions: int = 0  # written: those of new releases, and all of changed ones


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Import the file; 0 when every row went in, 1 when some were refused."""
    from bot.commands._import_rows import read_rows
    from bot.wiring import open_archive
    from scrapers.registry import load_authorities

    authorities = load_authorities()
    path = Path(args.file)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            parsed = read_rows(handle, authorities, today=datetime.now(UTC).date())
    except OSError as error:
        raise UsageError(f"dpawatch import: cannot read {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"dpawatch import: {path} is not UTF-8 text") from None
    except ValueError as error:  # the header itself is unusable
        raise UsageError(f"dpawatch import: {path}: {error}") from None
    report = ImportReport(rows=parsed.rows, refused=parsed.refused, notes=parsed.notes)
    for column in parsed.ignored_columns:
        print(f"dpawatch import: ignoring unknown column {column!r}", file=sys.stderr)
    archive = open_archive(settings)
    try:
        record_rows(archive, parsed.accepted, authorities, report)
    finally:
        archive.close()
    print_report(report, path.name)
    return EXIT_SOME_REFUSED if report.refused else EXIT_OK


def record_rows(archive: Archive, rows: Sequence[ImportRow],
                authorities: dict[str, Authority], report: ImportReport) -> None:
    """Group the rows by URL into backlog releases and record them, batch by batch."""
    from scrapers.extract import normalise_defendant
    from scrapers.models import Harvest
    from storage.exchange import import_source_id, register_import_sources, sources_of_urls

    used = sorted({row.authority for row in rows})
    archive.sync_registry([authorities[a] for a in used], [])
    register_import_sources(archive, [
        (a, authorities[a].country, (authorities[a].languages or ("en",))[0],
         authorities[a].website) for a in used])
    groups = group_by_url(rows, report)
    # A page the poller already archived keeps what the poller read: replacing its text
    # and sanctions by the file's would lose the page's own text and extraction.
    for url, owner in sources_of_urls(archive, groups).items():
        if owner == import_source_id(groups[url][0].authority):
            continue  # imported before: record_harvest sees whether it changed
        for row in groups.pop(url):
            report.notes.append((row.line, f"{url} is already archived from source "
                                           f"{owner}: kept as it is"))
    progress = Progress(total=sum(len(g) for g in groups.values()))
    now = datetime.now(UTC)
    for authority in sorted({g[0].authority for g in groups.values()}):
        urls = [url for url, g in groups.items() if g[0].authority == authority]
        for batch in _chunks(urls, BATCH_SIZE):
            releases = [as_release(groups[url], authorities[authority]) for url in batch]
            sanctions = {url: [row.sanction for row in groups[url]] for url in batch}
            stored = archive.record_harvest(
                Harvest(import_source_id(authority), "ok", releases, items_seen=len(batch)),
                sanctions, now=now, backlog=True, defendant_key=normalise_defendant)
            report.new_releases += len(stored.new_release_ids)
            report.changed_releases += len(stored.changed_release_ids)
            report.unchanged_releases += len(batch) - len(stored.new_release_ids) - len(
                stored.changed_release_ids)
            report.new_sanctions += len(stored.new_decision_ids)
            progress.advance(sum(len(groups[url]) for url in batch))
    progress.close()


def group_by_url(rows: Sequence[ImportRow], report: ImportReport) -> dict[str, list[ImportRow]]:
    """The rows of each URL (one release), in file order; conflicting rows are refused."""
    groups: dict[str, list[ImportRow]] = {}
    for row in rows:
        group = groups.setdefault(row.url, [])
        if group and group[0].authority != row.authority:
            report.refused.append((row.line, f"url already given for authority "
                                             f"{group[0].authority} on line {group[0].line}"))
            continue
        same = next((other for other in group if other.sanction == row.sanction), None)
        if same is not None:
            report.notes.append((row.line, f"same sanction as line {same.line}: skipped"))
            continue
        group.append(row)
    return groups


def as_release(group: Sequence[ImportRow], authority: Authority) -> Release:
    """One imported release: the first row's title and dates; a text stating each sanction.

    The text is made from the rows, so that a row added to the file later changes the
    release's content hash and the release is recorded again with all its sanctions.
    """
    from scrapers.models import Release

    first = group[0]
    return Release(
        source_id=f"import:{authority.id}", authority=authority.id, url=first.url,
        title=first.title or first.sanction.defendant,
        language=first.language or (authority.languages or ("en",))[0],
        published=first.published or first.sanction.decision_date,
        body_text="\n".join(_statement(row.sanction) for row in group))


def _statement(sanction: Sanction) -> str:
    if sanction.evidence:
        return sanction.evidence
    what = sanction.kind.replace("_", " ")
    if sanction.amount is not None:
        what += f" of {sanction.amount:,.2f} {sanction.currency}".replace(".00 ", " ")
    return f"{sanction.defendant}: {what}, decided {sanction.decision_date}."


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def print_report(report: ImportReport, name: str) -> None:
    """Refused and skipped rows on stderr, by line; the summary on stdout."""
    for line, reason in sorted(report.notes):
        print(f"{name}:{line}: note: {reason}", file=sys.stderr)
    for line, reason in sorted(report.refused):
        print(f"{name}:{line}: refused: {reason}", file=sys.stderr)
    print(f"{name}: {report.rows} rows, {len(report.refused)} refused; "
          f"{report.new_sanctions} sanctions recorded; releases: {report.new_releases} new, "
          f"{report.changed_releases} changed, {report.unchanged_releases} already "
          "archived (backlog: no alerts)")


