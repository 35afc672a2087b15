"""The schema migrates from an empty file and from every earlier version, keeping data."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from storage import Archive, ArchiveError
from storage.migrations import migrations

ALL = [m.name for m in migrations.pending(Database(memory=True))]


def test_an_empty_file_gets_every_migration(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path / "new.db")
    assert archive.schema_version() == ALL
    assert archive.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert archive.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    archive.close()


def test_opening_twice_applies_nothing_again(tmp_path: Path) -> None:
    Archive.open(tmp_path / "a.db").close()
    archive = Archive.open(tmp_path / "a.db")
    assert archive.schema_version() == ALL
    archive.close()


@pytest.mark.parametrize("stop_before", ALL[1:])
def test_each_earlier_version_upgrades_and_keeps_its_rows(tmp_path: Path,
                                                           stop_before: str) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before=stop_before)
    db.execute("INSERT INTO authorities VALUES ('cnil', 'CNIL', 'FR', 'https://www.cnil.fr')")
    db.execute("INSERT INTO sources (id, authority, kind, url) "
               "VALUES ('fr-cnil-rss', 'cnil', 'rss', 'https://www.cnil.fr/fr/rss.xml')")
    db.execute("INSERT INTO releases (source_id, authority, url, title, fetched_at, "
               "content_hash) VALUES ('fr-cnil-rss', 'cnil', 'https://x/1', 'Sanction', "
               "'2022-10-20T00:00:00', 'h')")
    db.execute("INSERT INTO decisions (release_id, authority, defendant, kind, amount, "
               "currency) VALUES (1, 'cnil', 'Clearview AI', 'fine', 20000000, 'EUR')")
    db.close()

    archive = Archive.open(path)
    assert archive.schema_version() == ALL
    fines = list(archive.db.query("SELECT defendant, amount, url FROM fines"))
    assert fines == [{"defendant": "Clearview AI", "amount": 20000000.0, "url": "https://x/1"}]
    found = archive.db.query(
        "SELECT rowid FROM decisions_fts WHERE decisions_fts MATCH 'clearview'")
    assert len(list(found)) == 1
    archive.close()


def test_a_file_that_is_not_sqlite_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database" * 100)
    with pytest.raises(ArchiveError, match="cannot open the archive"):
        Archive.open(path)
