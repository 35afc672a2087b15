"""Every change to the archive's schema, in order. The schema is a public interface
(docs/schema.md): people query it with sqlite3, sqlite-utils and Datasette, so a
migration adds, it does not rename, and each one is tested from the one before.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("dpawatch")


def _run(db: Database, statements: Iterable[str]) -> None:
    for statement in statements:
        db.execute(statement)


def _fts(table: str, columns: tuple[str, ...], key: str = "id") -> list[str]:
    """An external-content FTS5 index over `table`, kept in sync by triggers.

    unicode61 with remove_diacritics 2 makes search accent- and case-insensitive.
    """
    fts = f"{table}_fts"
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', "
        f"content_rowid='{key}', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.{key}, {new}); END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.{key}, {old}); END",
        f"CREATE TRIGGER {table}_au AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.{key}, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.{key}, {new}); END",
    ]


@migrations()
def m001_initial(db: Database) -> None:
    """Authorities, sources with their polling state, releases, decisions, search, `fines`."""
    _run(db, [
        """CREATE TABLE authorities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            country TEXT NOT NULL,
            website TEXT
        )""",
        """CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            authority TEXT NOT NULL REFERENCES authorities(id),
            kind TEXT NOT NULL,
            url TEXT NOT NULL,
            language TEXT,
            enabled INTEGER NOT NULL DEFAULT 1,
            etag TEXT,
            last_modified TEXT,
            last_polled_at TEXT,
            last_ok_at TEXT,
            last_status TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        )""",
        """CREATE TABLE releases (
            id INTEGER PRIMARY KEY,
            source_id TEXT NOT NULL REFERENCES sources(id),
            authority TEXT NOT NULL REFERENCES authorities(id),
            url TEXT NOT NULL UNIQUE,
            guid TEXT,
            title TEXT NOT NULL DEFAULT '',
            published TEXT,
            language TEXT,
            summary TEXT NOT NULL DEFAULT '',
            body_text TEXT NOT NULL DEFAULT '',
            fetched_at TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            is_sanction INTEGER NOT NULL DEFAULT 0,
            backlog INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX releases_published ON releases(published)",
        "CREATE INDEX releases_source ON releases(source_id)",
        "CREATE INDEX releases_guid ON releases(guid)",
        """CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            authority TEXT NOT NULL REFERENCES authorities(id),
            defendant TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN
                ('fine', 'periodic_penalty', 'reprimand', 'order', 'warning')),
            amount REAL,
            currency TEXT,
            amount_eur REAL,
            decision_date TEXT,
            evidence TEXT NOT NULL DEFAULT '',
            confidence REAL NOT NULL DEFAULT 0.5
        )""",
        "CREATE INDEX decisions_release ON decisions(release_id)",
        "CREATE INDEX decisions_date ON decisions(decision_date)",
        *_fts("releases", ("title", "body_text")),
        *_fts("decisions", ("defendant",)),
        """CREATE VIEW fines AS
            SELECT d.id AS decision_id, d.authority, d.defendant, d.kind, d.amount,
                   d.currency, d.amount_eur, d.decision_date, r.published, r.title, r.url,
                   d.evidence, d.release_id
            FROM decisions d JOIN releases r ON r.id = d.release_id""",
    ])


@migrations()
def m002_identity_and_changes(db: Database) -> None:
    """Per-URL validators, listing hashes, release revisions, one sanction seen twice.

    - `http_validators` keeps ETag/Last-Modified per URL, not only per source.
    - `releases.listing_hash` lets a poll skip pages whose listing entry did not change;
      `release_changes` records each change of a release so that alerts can follow it.
    - `decisions.defendant_key` is the name folded for matching, and `duplicate_of`
      points a sanction reported again (the AP's release and the EDPB's news item) at
      the first report, so that `fines` lists it once, with both links.
    """
    _run(db, [
        """CREATE TABLE http_validators (
            url TEXT PRIMARY KEY,
            source_id TEXT REFERENCES sources(id) ON DELETE CASCADE,
            etag TEXT,
            last_modified TEXT,
            updated_at TEXT NOT NULL
        )""",
        "ALTER TABLE sources ADD COLUMN items_seen INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE sources ADD COLUMN items_new INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE sources ADD COLUMN healthy INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE releases ADD COLUMN listing_hash TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE releases ADD COLUMN pdf_links TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE releases ADD COLUMN updated_at TEXT",
        "ALTER TABLE releases ADD COLUMN revision INTEGER NOT NULL DEFAULT 1",
        """CREATE TABLE release_changes (
            id INTEGER PRIMARY KEY,
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            changed_at TEXT NOT NULL,
            revision INTEGER NOT NULL,
            old_title TEXT,
            old_content_hash TEXT NOT NULL,
            new_content_hash TEXT NOT NULL
        )""",
        "CREATE INDEX release_changes_release ON release_changes(release_id)",
        "ALTER TABLE decisions ADD COLUMN defendant_key TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE decisions ADD COLUMN note TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE decisions ADD COLUMN duplicate_of INTEGER REFERENCES decisions(id)",
        "CREATE INDEX decisions_key ON decisions(defendant_key)",
        "UPDATE decisions SET defendant_key = lower(defendant)",
        "DROP VIEW fines",
        # One row per sanction: a sanction reported again by another release is folded
        # into the first report, and `urls` lists every release that reported it.
        """CREATE VIEW fines AS
            SELECT d.id AS decision_id, d.authority, d.defendant, d.kind, d.amount,
                   d.currency, d.amount_eur, d.decision_date, r.published, r.title, r.url,
                   d.evidence, d.note, d.release_id, d.defendant_key,
                   (SELECT json_group_array(r2.url) FROM (
                        SELECT r2.url FROM decisions d2
                        JOIN releases r2 ON r2.id = d2.release_id
                        WHERE d2.id = d.id OR d2.duplicate_of = d.id
                        ORDER BY r2.published, r2.id) AS r2) AS urls
            FROM decisions d JOIN releases r ON r.id = d.release_id
            WHERE d.duplicate_of IS NULL""",
    ])


@migrations()
def m003_subscriptions_and_deliveries(db: Database) -> None:
    """Who wants which alerts, and the outbox of alerts to deliver.

    A delivery is one message about one release (one embed or block per sanction) to one
    subscription. It is written in the same transaction as the release, so an archived
    sanction can never miss its alerts; the dispatcher sends pending rows and records the
    platform's message id, so a restart resumes and nothing is posted twice. A corrected
    release adds a row with action `edit` for the message already posted.
    """
    _run(db, [
        """CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            platform TEXT NOT NULL CHECK (platform IN
                ('discord', 'slack', 'discord_webhook', 'slack_webhook')),
            workspace_id TEXT,
            channel_id TEXT,
            webhook_url TEXT,
            authorities TEXT NOT NULL DEFAULT '[]',
            countries TEXT NOT NULL DEFAULT '[]',
            min_eur REAL,
            kinds TEXT NOT NULL DEFAULT '[]',
            watch TEXT NOT NULL DEFAULT '[]',
            all_news INTEGER NOT NULL DEFAULT 0,
            origin TEXT NOT NULL DEFAULT 'chat' CHECK (origin IN ('chat', 'config')),
            created_by TEXT,
            created_at TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1
        )""",
        "CREATE INDEX subscriptions_channel ON subscriptions(platform, workspace_id, channel_id)",
        """CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
            release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
            revision INTEGER NOT NULL DEFAULT 1,
            action TEXT NOT NULL DEFAULT 'post' CHECK (action IN ('post', 'edit')),
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
                ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_error TEXT,
            nonce TEXT NOT NULL UNIQUE,
            message_id TEXT,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            UNIQUE (subscription_id, release_id, revision)
        )""",
        "CREATE INDEX deliveries_pending ON deliveries(status, next_attempt_at)",
    ])


@migrations()
def m004_company_aliases(db: Database) -> None:
    """One company under several names: "Facebook Ireland Ltd" is now "Meta Platforms
    Ireland Limited". People read and correct this table; `fines` searches follow it.
    """
    _run(db, [
        """CREATE TABLE company_aliases (
            alias_key TEXT PRIMARY KEY,
            company_key TEXT NOT NULL,
            alias_name TEXT NOT NULL,
            company_name TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('release', 'user')),
            evidence TEXT NOT NULL DEFAULT '',
            release_id INTEGER REFERENCES releases(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX company_aliases_company ON company_aliases(company_key)",
    ])


@migrations()
def m005_fines_year_and_duplicate_index(db: Database) -> None:
    """`fines` gains a `year` column (for Datasette facets and per-year questions), and
    `urls` stops scanning every decision per row (an index on duplicate_of: minutes on a
    30,000-sanction archive before, milliseconds after)."""
    _run(db, [
        "CREATE INDEX decisions_duplicate_of ON decisions(duplicate_of)",
        "DROP VIEW fines",
        """CREATE VIEW fines AS
            SELECT d.id AS decision_id, d.authority, d.defendant, d.kind, d.amount,
                   d.currency, d.amount_eur, d.decision_date, r.published, r.title, r.url,
                   d.evidence, d.note, d.release_id, d.defendant_key,
                   (SELECT json_group_array(r2.url) FROM (
                        SELECT r2.url FROM decisions d2
                        JOIN releases r2 ON r2.id = d2.release_id
                        WHERE d2.id = d.id OR d2.duplicate_of = d.id
                        ORDER BY r2.published, r2.id) AS r2) AS urls,
                   substr(coalesce(d.decision_date, r.published), 1, 4) AS year
            FROM decisions d JOIN releases r ON r.id = d.release_id
            WHERE d.duplicate_of IS NULL""",
    ])


@migrations()
def m006_fast_lookups(db: Database) -> None:
    """Lookups in milliseconds on a large archive (measured by bench/lookup.py).

    - `decisions.sort_date` (the decision date, else the release's publication date) with
      a partial index per defendant: the newest sanctions of a company without a sort.
    - `fines.urls` looks its releases up by id, and the duplicate_of index is partial: no
      plan scans every release or decision per row, which SQLite chose once the file had
      been ANALYZEd.
    """
    _run(db, [
        "ALTER TABLE decisions ADD COLUMN sort_date TEXT",
        "UPDATE decisions SET sort_date = coalesce(decision_date, "
        "(SELECT published FROM releases r WHERE r.id = decisions.release_id))",
        "CREATE INDEX decisions_key_date ON decisions(defendant_key, sort_date DESC, id DESC)"
        " WHERE duplicate_of IS NULL",
        "CREATE INDEX decisions_date_first ON decisions(sort_date DESC, id DESC)"
        " WHERE duplicate_of IS NULL",
        # Partial: ANALYZE counted every NULL of the full index as one huge group and then
        # preferred scanning all decisions for `duplicate_of = ?` (1.5 s per lookup).
        "DROP INDEX decisions_duplicate_of",
        "CREATE INDEX decisions_duplicate_of ON decisions(duplicate_of)"
        " WHERE duplicate_of IS NOT NULL",
        "DROP VIEW fines",
        """CREATE VIEW fines AS
            SELECT d.id AS decision_id, d.authority, d.defendant, d.kind, d.amount,
                   d.currency, d.amount_eur, d.decision_date, r.published, r.title, r.url,
                   d.evidence, d.note, d.release_id, d.defendant_key,
                   (SELECT json_group_array(u.url) FROM (
                        SELECT r2.url FROM releases r2 WHERE r2.id IN (
                            SELECT release_id FROM decisions WHERE id = d.id
                            UNION ALL
                            SELECT release_id FROM decisions WHERE duplicate_of = d.id)
                        ORDER BY r2.published, r2.id) AS u) AS urls,
                   substr(coalesce(d.decision_date, r.published), 1, 4) AS year
            FROM decisions d JOIN releases r ON r.id = d.release_id
            WHERE d.duplicate_of IS NULL""",
    ])


@migrations()
def m007_case_updates(db: Database) -> None:
    """What courts did to earlier sanctions (upheld, reduced, annulled), as releases report
    it: kept as updates of the case, shown with the sanction, never as new sanctions."""
    _run(db, [
        """CREATE TABLE case_updates (
            id INTEGER PRIMARY KEY,
            release_id INTEGER NOT NULL UNIQUE REFERENCES releases(id) ON DELETE CASCADE,
            authority TEXT NOT NULL REFERENCES authorities(id),
            defendant TEXT NOT NULL,
            defendant_key TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('upheld', 'reduced', 'annulled', 'ruled')),
            amount REAL,
            currency TEXT,
            evidence TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX case_updates_key ON case_updates(defendant_key)",
    ])
