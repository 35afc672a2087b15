"""Online backups of the archive with SQLite's backup API, safe while `dpawatch run` writes.

The copy is written to a temporary file beside the destination, checked, switched out of
WAL mode (one self-contained file) and only then renamed into place: a backup that was
cut short never looks like a good one.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from storage.archive import ArchiveError
from storage.health import connect_read_only, table_counts

#: Pages copied per step; between steps the writer may take the lock, so a running
#: poll is delayed by one step at most (1024 pages of 4 kB: a few milliseconds).
PAGES_PER_STEP = 1024


@dataclass(frozen=True)
class BackupReport:
    """What a backup wrote and how long it took."""

    source: str
    destination: str
    size_bytes: int
    seconds: float
    counts: dict[str, int]


def backup_archive(source: str | Path, destination: str | Path, *,
                   overwrite: bool = False) -> BackupReport:
    """Copy the archive at `source` to `destination` online; ArchiveError on failure."""
    source_file, target = Path(source), Path(destination)
    if target.exists() and not overwrite:
        raise ArchiveError(f"{target} already exists (pass overwrite to replace it)")
    if target.resolve() == source_file.resolve():
        raise ArchiveError("the backup must go to another file than the archive")
    started = time.monotonic()
    reader = connect_read_only(source_file)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer, pages=PAGES_PER_STEP)
            # The copy inherits WAL mode; DELETE keeps it one file that can be moved alone.
            writer.execute("PRAGMA journal_mode = DELETE")
            check = writer.execute("PRAGMA quick_check(1)").fetchone()[0]
            if check != "ok":
                raise ArchiveError(f"the backup of {source_file} failed its check: {check}")
            counts = table_counts(writer)
        finally:
            writer.close()
        os.replace(partial, target)
    except (sqlite3.DatabaseError, OSError) as error:
        raise ArchiveError(f"cannot back up {source_file} to {target}: {error}") from error
    finally:
        reader.close()
        partial.unlink(missing_ok=True)
    return BackupReport(source=str(source_file), destination=str(target),
                        size_bytes=target.stat().st_size,
                        seconds=time.monotonic() - started, counts=counts)
