"""Loading many releases at once, for benchmarks and imports of settled history.

`Archive.record_harvest` is the path of a poll: it matches each sanction against earlier
reports and queues alerts, about 1.6 ms per release, and the matching grows with the
reports of a defendant. History that is already settled needs neither, so this path
writes rows in one transaction: no duplicate folding, no alerts, backlog set.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from scrapers.models import Release, Sanction
from storage.archive import Archive

_RELEASE_COLUMNS = ("source_id", "authority", "url", "guid", "title", "published", "language",
                    "summary", "body_text", "fetched_at", "content_hash", "listing_hash",
                    "pdf_links", "is_sanction", "backlog")
_DECISION_COLUMNS = ("release_id", "authority", "defendant", "defendant_key", "kind", "amount",
                     "currency", "amount_eur", "decision_date", "evidence", "confidence", "note",
                     "sort_date")


def bulk_load(archive: Archive, items: Iterable[tuple[Release, Sequence[Sanction]]], *,
              now: datetime, defendant_key: Callable[[str], str]) -> tuple[int, int]:
    """Insert new releases with their sanctions in one transaction; (releases, decisions).

    Every release must be new (its URL unknown): a known URL fails the whole load.
    """
    release_sql = (f"INSERT INTO releases ({', '.join(_RELEASE_COLUMNS)}) "
                   f"VALUES ({', '.join('?' * len(_RELEASE_COLUMNS))})")
    decision_sql = (f"INSERT INTO decisions ({', '.join(_DECISION_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(_DECISION_COLUMNS))})")
    stamp = now.isoformat()
    releases = decisions = 0
    with archive.db.atomic():
        connection = archive.db.conn
        for release, sanctions in items:
            cursor = connection.execute(release_sql, [
                release.source_id, release.authority, release.url, release.guid,
                release.title, _iso(release.published), release.language, release.summary,
                release.body_text, stamp, release.content_hash, release.listing_hash,
                json.dumps(list(release.pdf_links)), int(bool(sanctions)), 1])
            releases += 1
            connection.executemany(decision_sql, [
                [cursor.lastrowid, s.authority or release.authority, s.defendant,
                 defendant_key(s.defendant), s.kind, s.amount, s.currency, s.amount_eur,
                 _iso(s.decision_date), s.evidence, s.confidence, s.note,
                 _iso(s.decision_date or release.published)]
                for s in sanctions])
            decisions += len(sanctions)
    return releases, decisions


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
