"""Read-only facts about an archive file, for `dpawatch doctor` and backups.

Nothing here writes: the file is opened with SQLite's `mode=ro`, so a check never
creates a missing archive, applies a migration or takes a write lock from `dpawatch run`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from storage.archive import ArchiveError
from storage.migrations import migrations

#: The tables whose row counts people care about, in the order doctor prints them.
COUNTED_TABLES = ("authorities", "sources", "releases", "decisions", "subscriptions",
                  "deliveries")


@dataclass(frozen=True)
class ArchiveHealth:
    """What a read-only look at an archive file found."""

    path: str
    size_bytes: int
    wal_bytes: int
    journal_mode: str
    integrity: str  # "ok", else SQLite's first complaint
    applied: tuple[str, ...]
    pending: tuple[str, ...]  # known to this dpawatch, not yet applied to the file
    unknown: tuple[str, ...]  # applied by a newer dpawatch: this one may misread the file
    counts: dict[str, int] = field(default_factory=dict)
    pending_deliveries: int = 0


def connect_read_only(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to an existing archive; ArchiveError when it is missing."""
    file = Path(path)
    if not file.is_file():
        raise ArchiveError(f"no archive at {file}")
    try:
        connection = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
        connection.execute("PRAGMA busy_timeout = 5000")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        raise ArchiveError(f"cannot read the archive {file}: {error}") from error
    return connection


def table_counts(connection: sqlite3.Connection,
                 tables: tuple[str, ...] = COUNTED_TABLES) -> dict[str, int]:
    """Rows per table, for the tables that exist (an unmigrated file has fewer)."""
    present = {row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    # Table names come from our own constant, never from input: formatting is safe here.
    return {name: int(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
            for name in tables if name in present}


def _applied_migrations(connection: sqlite3.Connection) -> list[str]:
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
        [migrations.migrations_table]).fetchone()
    if not exists:
        return []
    rows = connection.execute(
        f"SELECT name FROM {migrations.migrations_table} WHERE migration_set = ? "
        "ORDER BY rowid", [migrations.name])
    return [row[0] for row in rows]


def inspect_archive(path: str | Path) -> ArchiveHealth:
    """Open the archive read-only and report its state; ArchiveError if it is unreadable."""
    file = Path(path)
    connection = connect_read_only(file)
    try:
        applied = _applied_migrations(connection)
        known = [m.name for m in migrations._migrations]  # the order this code applies them
        # quick_check skips the index-vs-table cross checks: seconds on a big file, not
        # minutes, which is what a health check that runs every few minutes can afford.
        problems = [row[0] for row in connection.execute("PRAGMA quick_check(5)")]
        counts = table_counts(connection)
        pending_deliveries = 0
        if "deliveries" in counts:
            pending_deliveries = int(connection.execute(
                "SELECT count(*) FROM deliveries WHERE status = 'pending'").fetchone()[0])
        journal_mode = str(connection.execute("PRAGMA journal_mode").fetchone()[0])
    except sqlite3.DatabaseError as error:
        raise ArchiveError(f"cannot read the archive {file}: {error}") from error
    finally:
        connection.close()
    wal = file.with_name(file.name + "-wal")
    return ArchiveHealth(
        path=str(file), size_bytes=file.stat().st_size,
        wal_bytes=wal.stat().st_size if wal.exists() else 0,
        journal_mode=journal_mode.lower(),
        integrity="ok" if problems == ["ok"] else "; ".join(problems),
        applied=tuple(applied), pending=tuple(n for n in known if n not in applied),
        unknown=tuple(n for n in applied if n not in known),
        counts=counts, pending_deliveries=pending_deliveries)
