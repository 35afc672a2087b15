"""The archive: intent-named functions over one SQLite file. No SQL outside storage/.

Imports only the plain data types of scrapers (scrapers.models), never the rest of
scrapers/ nor bot/.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from scrapers.models import (
    Authority,
    CaseUpdate,
    Harvest,
    Release,
    Sanction,
    Source,
    Validators,
)
from storage.lookups import Lookups, Row
from storage.migrations import migrations
from storage.outbox import Outbox

# Two reports of one sanction are folded together when their decision dates (else
# publication dates) are this close: the AP's release and the EDPB's news item weeks later.
_SAME_CASE_WINDOW = timedelta(days=120)


class ArchiveError(Exception):
    """The archive file cannot be opened or used; the message says which file and why."""


@dataclass
class StoredHarvest:
    """What recording a harvest changed, for alerts and the poll summary."""

    new_release_ids: list[int] = field(default_factory=list)
    changed_release_ids: list[int] = field(default_factory=list)
    new_decision_ids: list[int] = field(default_factory=list)
    deliveries_queued: int = 0


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


class Archive(Lookups):
    """One dpawatch archive. Open it with `Archive.open(path)`; close it when done."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.outbox = Outbox(db)

    @classmethod
    def open(cls, path: str | Path, *, migrate: bool = True) -> Archive:
        """Open (creating if needed) the archive at `path`, or ":memory:", and migrate it."""
        try:
            if str(path) == ":memory:":
                db = Database(memory=True)
            else:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                db = Database(path)
                db.enable_wal()
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA busy_timeout = 5000")
            if migrate:
                migrations.apply(db)
        except (sqlite3.DatabaseError, OSError) as error:
            raise ArchiveError(f"cannot open the archive {path}: {error}") from error
        return cls(db)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def schema_version(self) -> list[str]:
        """The names of the migrations applied, in order."""
        return [m.name for m in migrations.applied(self.db)]

    # -- the registry ----------------------------------------------------------------

    def sync_registry(self, authorities: Iterable[Authority], sources: Iterable[Source]) -> None:
        """Record the authorities and sources in force, keeping each source's polling state."""
        with self.db.atomic():
            for authority in authorities:
                self.db.execute(
                    "INSERT INTO authorities (id, name, country, website) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET name=excluded.name, "
                    "country=excluded.country, website=excluded.website",
                    [authority.id, authority.name, authority.country, authority.website],
                )
            for source in sources:
                self.db.execute(
                    "INSERT INTO sources (id, authority, kind, url, language, enabled) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                    "authority=excluded.authority, kind=excluded.kind, url=excluded.url, "
                    "language=excluded.language, enabled=excluded.enabled",
                    [source.id, source.authority, source.kind, source.url, source.language,
                     int(source.enabled)],
                )

    def source_states(self) -> list[Row]:
        """Every source with its polling state and release count, by id."""
        return self._rows(
            "SELECT s.*, (SELECT count(*) FROM releases r WHERE r.source_id = s.id) "
            "AS releases, (SELECT max(published) FROM releases r WHERE r.source_id = s.id) "
            "AS newest_release FROM sources s ORDER BY s.id"
        )

    def source_state(self, source_id: str) -> Row | None:
        """One source's polling state, or None when it was never registered."""
        rows = self._rows("SELECT * FROM sources WHERE id = ?", [source_id])
        return rows[0] if rows else None

    def recent_published(self, source_id: str, limit: int = 12) -> list[str]:
        """The publication dates of a source's newest releases, newest first."""
        rows = self._rows(
            "SELECT published FROM releases WHERE source_id = ? AND published IS NOT NULL "
            "ORDER BY published DESC LIMIT ?", [source_id, limit])
        return [row["published"] for row in rows]

    def poll_inputs(self, source_id: str) -> tuple[dict[str, Validators], dict[str, str]]:
        """What a poll of the source needs: validators per URL, listing hash per release."""
        validators = {
            row["url"]: Validators(row["etag"], row["last_modified"])
            for row in self._rows(
                "SELECT url, etag, last_modified FROM http_validators WHERE source_id = ?",
                [source_id])
        }
        # Keyed by URL and by guid: a page's canonical URL may differ from the feed's link,
        # and the guid is what the feed shows again next time.
        known: dict[str, str] = {}
        for row in self._rows(
                "SELECT url, guid, listing_hash FROM releases WHERE source_id = ?", [source_id]):
            known[row["url"]] = row["listing_hash"]
            if row["guid"]:
                known.setdefault(row["guid"], row["listing_hash"])
        return validators, known

    def set_source_health(self, source_id: str, healthy: bool) -> None:
        """Record whether a source is healthy (the poll decides; alerts follow changes)."""
        self.db.execute("UPDATE sources SET healthy = ? WHERE id = ?", [int(healthy), source_id])

    # -- recording a poll ------------------------------------------------------------

    def record_harvest(
        self,
        harvest: Harvest,
        sanctions: Mapping[str, Sequence[Sanction]],
        *,
        now: datetime,
        backlog: bool,
        defendant_key: Callable[[str], str],
    ) -> StoredHarvest:
        """Archive a poll's releases and their sanctions, and the source's new state.

        One transaction: a poll is recorded whole or not at all, so a crash never
        leaves a release without its decisions. `sanctions` maps release URL to what
        extraction found; `backlog` marks releases that must never alert.
        """
        stored = StoredHarvest()
        with self.db.atomic():
            for release in harvest.releases:
                release_id, change = self._upsert_release(release, now=now, backlog=backlog)
                if change == "new":
                    stored.new_release_ids.append(release_id)
                elif change == "changed":
                    stored.changed_release_ids.append(release_id)
                if change == "same":
                    continue
                found = sanctions.get(release.url, ())
                stored.new_decision_ids += self._replace_decisions(
                    release_id, release, found, defendant_key)
                # In this same transaction: an archived sanction never misses its alerts.
                stored.deliveries_queued += self.outbox.enqueue(release_id, now=now)
            self._record_state(harvest, now)
        return stored

    def _upsert_release(self, release: Release, *, now: datetime, backlog: bool
                        ) -> tuple[int, str]:
        existing = self._find_release(release)
        values: dict[str, Any] = {
            "source_id": release.source_id, "authority": release.authority,
            "url": release.url, "guid": release.guid, "title": release.title,
            "published": _iso(release.published), "language": release.language,
            "summary": release.summary, "body_text": release.body_text,
            "content_hash": release.content_hash, "listing_hash": release.listing_hash,
            "pdf_links": json.dumps(list(release.pdf_links)),
        }
        if existing is None:
            values |= {"fetched_at": now.isoformat(), "backlog": int(backlog)}
            cursor = self.db.execute(
                f"INSERT INTO releases ({', '.join(values)}) "
                f"VALUES ({', '.join('?' * len(values))})", list(values.values()))
            assert cursor.lastrowid is not None
            return cursor.lastrowid, "new"
        release_id = int(existing["id"])
        if existing["content_hash"] == release.content_hash:
            # Same text: only the listing entry moved (a new teaser, a date format).
            self.db.execute("UPDATE releases SET listing_hash = ? WHERE id = ?",
                            [release.listing_hash, release_id])
            return release_id, "same"
        revision = int(existing["revision"]) + 1
        self.db.execute(
            "INSERT INTO release_changes (release_id, changed_at, revision, old_title, "
            "old_content_hash, new_content_hash) VALUES (?, ?, ?, ?, ?, ?)",
            [release_id, now.isoformat(), revision, existing["title"],
             existing["content_hash"], release.content_hash])
        assignments = ", ".join(f"{column} = ?" for column in values)
        self.db.execute(
            f"UPDATE releases SET {assignments}, updated_at = ?, revision = ? WHERE id = ?",
            [*values.values(), now.isoformat(), revision, release_id])
        return release_id, "changed"

    def _find_release(self, release: Release) -> Row | None:
        """A release is the same by canonical URL, else by guid, else by content hash
        (the last two within its source: another site's guid means nothing here)."""
        columns = "id, title, content_hash, revision"
        rows = self._rows(f"SELECT {columns} FROM releases WHERE url = ?", [release.url])
        for column, value in (("guid", release.guid), ("content_hash", release.content_hash)):
            if rows or not value:
                continue
            rows = self._rows(
                f"SELECT {columns} FROM releases WHERE {column} = ? AND source_id = ? "
                "ORDER BY id LIMIT 1", [value, release.source_id])
        return rows[0] if rows else None

    def _replace_decisions(self, release_id: int, release: Release,
                           sanctions: Sequence[Sanction],
                           defendant_key: Callable[[str], str]) -> list[int]:
        # Reports of this release's sanctions by other releases pointed at the old rows:
        # unfold them before the old rows go, so that no sanction disappears from `fines`.
        self.db.execute(
            "UPDATE decisions SET duplicate_of = NULL WHERE duplicate_of IN "
            "(SELECT id FROM decisions WHERE release_id = ?)", [release_id])
        self.db.execute("DELETE FROM decisions WHERE release_id = ?", [release_id])
        self.db.execute("UPDATE releases SET is_sanction = ? WHERE id = ?",
                        [int(bool(sanctions)), release_id])
        ids = []
        for sanction in sanctions:
            authority = sanction.authority or release.authority
            key = defendant_key(sanction.defendant)
            duplicate_of = self._same_sanction(sanction, authority, key, release)
            cursor = self.db.execute(
                "INSERT INTO decisions (release_id, authority, defendant, defendant_key, kind,"
                " amount, currency, amount_eur, decision_date, evidence, confidence, note,"
                " duplicate_of, sort_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [release_id, authority, sanction.defendant, key, sanction.kind,
                 sanction.amount, sanction.currency, sanction.amount_eur,
                 _iso(sanction.decision_date), sanction.evidence, sanction.confidence,
                 sanction.note, duplicate_of,
                 _iso(sanction.decision_date or release.published)])
            assert cursor.lastrowid is not None
            ids.append(cursor.lastrowid)
        return ids

    def _same_sanction(self, sanction: Sanction, authority: str, key: str,
                       release: Release) -> int | None:
        """The first report of this same sanction by another release, if any."""
        candidates = self._rows(
            "SELECT d.id, d.decision_date, r.published FROM decisions d "
            "JOIN releases r ON r.id = d.release_id WHERE d.duplicate_of IS NULL "
            "AND d.authority = ? AND d.defendant_key = ? AND d.kind = ? "
            "AND d.amount IS ? AND d.currency IS ? AND r.url != ? ORDER BY d.id",
            [authority, key, sanction.kind, sanction.amount, sanction.currency, release.url])
        ours = sanction.decision_date or release.published
        for row in candidates:
            theirs = row["decision_date"] or row["published"]
            if ours is None or theirs is None:
                return int(row["id"])
            if abs(date.fromisoformat(theirs[:10]) - ours) <= _SAME_CASE_WINDOW:
                return int(row["id"])
        return None

    def _record_state(self, harvest: Harvest, now: datetime) -> None:
        stamp = now.isoformat()
        for url, validators in harvest.validators.items():
            self.db.execute(
                "INSERT INTO http_validators (url, source_id, etag, last_modified, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
                "source_id=excluded.source_id, etag=excluded.etag, "
                "last_modified=excluded.last_modified, updated_at=excluded.updated_at",
                [url, harvest.source_id, validators.etag, validators.last_modified, stamp])
        source_validators = harvest.validators.get(self._source_url(harvest.source_id) or "")
        if harvest.status == "failed":
            self.db.execute(
                "UPDATE sources SET last_polled_at = ?, last_status = ?, last_error = ?, "
                "consecutive_failures = consecutive_failures + 1 WHERE id = ?",
                [stamp, harvest.status, harvest.error, harvest.source_id])
            return
        self.db.execute(
            "UPDATE sources SET last_polled_at = ?, last_ok_at = ?, last_status = ?, "
            "last_error = NULL, consecutive_failures = 0, items_seen = ?, items_new = ?, "
            "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) "
            "WHERE id = ?",
            [stamp, stamp, harvest.status, harvest.items_seen, len(harvest.releases),
             source_validators.etag if source_validators else None,
             source_validators.last_modified if source_validators else None,
             harvest.source_id])

    def record_case_update(self, release_id: int, update: CaseUpdate, *,
                           defendant_key: Callable[[str], str]) -> None:
        """Keep what a court did to an earlier sanction, as the release reports it (a
        release read again replaces its update)."""
        release = self.release(release_id)
        if release is None:
            return
        self.db.execute(
            "INSERT INTO case_updates (release_id, authority, defendant, defendant_key, outcome,"
            " amount, currency, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(release_id) DO UPDATE SET defendant=excluded.defendant, "
            "defendant_key=excluded.defendant_key, outcome=excluded.outcome, "
            "amount=excluded.amount, currency=excluded.currency, evidence=excluded.evidence",
            [release_id, release["authority"], update.defendant, defendant_key(update.defendant),
             update.outcome, update.amount, update.currency, update.evidence])

    def _source_url(self, source_id: str) -> str | None:
        state = self.source_state(source_id)
        return state["url"] if state else None
