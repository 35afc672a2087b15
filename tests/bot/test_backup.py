"""`dpawatch backup FILE`: a good copy while dpawatch holds the archive open."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from scrapers.extract import normalise_defendant
from scrapers.models import Harvest, Release, Sanction
from storage import Archive
from storage.health import inspect_archive
from tests.bot.test_cli import seed

NOW = datetime(2026, 11, 26, tzinfo=UTC)


def rows(path: Path, table: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    finally:
        connection.close()


@pytest.fixture
def config(tmp_path: Path) -> str:
    seed(tmp_path / "archive.db")
    path = tmp_path / "dpawatch.toml"
    path.write_text(f'[storage]\npath = "{tmp_path / "archive.db"}"\n')
    return str(path)


def test_backup_while_the_archive_is_open_and_being_written(
        tmp_path: Path, config: str, capsys: pytest.CaptureFixture[str]) -> None:
    running = Archive.open(tmp_path / "archive.db")  # what `dpawatch run` holds
    expected = rows(tmp_path / "archive.db", "decisions")
    running.db.execute("BEGIN IMMEDIATE")  # a poll is writing, not yet committed
    release = Release("cnil-rss", "cnil", "https://www.cnil.fr/uncommitted", "Sanction",
                      "fr", body_text="Sanction de 1 000 euros")
    running.record_harvest(Harvest("cnil-rss", "ok", [release]),
                           {release.url: [Sanction("Uncommitted SAS", "fine", 1000.0, "EUR")]},
                           now=NOW, backlog=True, defendant_key=normalise_defendant)
    try:
        assert main(["--config", config, "backup", str(tmp_path / "copy.db")]) == 0
    finally:
        running.db.execute("ROLLBACK")
        running.close()

    copy = tmp_path / "copy.db"
    assert "backed up" in capsys.readouterr().out
    assert rows(copy, "decisions") == expected  # the committed rows, and only them
    assert rows(copy, "releases") == rows(tmp_path / "archive.db", "releases")
    health = inspect_archive(copy)
    assert health.integrity == "ok" and not health.pending
    assert health.journal_mode == "delete"  # one file, movable alone
    assert not copy.with_name("copy.db-wal").exists()
    reopened = Archive.open(copy)  # and dpawatch itself can use it
    assert reopened.search_fines("clearview", "clearview")
    reopened.close()


def test_backup_refuses_to_overwrite_unless_asked(
        tmp_path: Path, config: str, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "copy.db"
    target.write_text("an older backup")
    assert main(["--config", config, "backup", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_text() == "an older backup"
    assert main(["--config", config, "backup", str(target), "--overwrite"]) == 0
    assert rows(target, "decisions") == rows(tmp_path / "archive.db", "decisions")
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_backup_of_a_missing_archive_is_a_clear_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "dpawatch.toml"
    config.write_text(f'[storage]\npath = "{tmp_path / "nothing.db"}"\n')
    assert main(["--config", str(config), "backup", str(tmp_path / "copy.db")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no archive at" in err
    assert not (tmp_path / "copy.db").exists() and not (tmp_path / "nothing.db").exists()
