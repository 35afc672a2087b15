"""The command line as a user meets it: output, JSON, exit codes, and a clean stop."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.cli import main
from scrapers.extract import normalise_defendant
from scrapers.models import Harvest, Release, Sanction
from scrapers.registry import builtin_sources, load_authorities
from storage import Archive
from tests.bot.test_pipeline import FINE, OLD_NEWS, cnil_like_site
from tests.support.fakesite import FakeSite, Reply

NOW = datetime(2026, 11, 26, tzinfo=UTC)


def seed(path: Path) -> None:
    archive = Archive.open(path)
    archive.sync_registry(load_authorities().values(), builtin_sources())
    releases = [
        ("cnil", "fr-cnil-rss", "https://www.cnil.fr/clearview", date(2022, 10, 20),
         [Sanction("CLEARVIEW AI", "fine", 20e6, "EUR", 20e6, date(2022, 10, 17))]),
        ("garante", "garante-news", "https://www.garanteprivacy.it/clearview", date(2022, 3, 9),
         [Sanction("Clearview AI Inc.", "fine", 20e6, "EUR", 20e6, date(2022, 2, 10))]),
        ("ico", "ico-news", "https://ico.org.uk/clearview", date(2022, 5, 23),
         [Sanction("Clearview AI Inc", "fine", 7_552_800, "GBP", 8_908_390.0)]),
        ("cnil", "fr-cnil-rss", "https://www.cnil.fr/google", date(2022, 1, 6),
         [Sanction("Google LLC", "fine", 90e6, "EUR", 90e6),
          Sanction("Google Ireland Limited", "fine", 60e6, "EUR", 60e6)]),
        ("aepd", "aepd-noticias", "https://www.aepd.es/caixa", date(2021, 1, 13),
         [Sanction("CaixaBank, S.A.", "fine", 6e6, "EUR", 6e6)]),
    ]
    sources = {s.id for s in builtin_sources()}
    for authority, source_id, url, published, sanctions in releases:
        source_id = source_id if source_id in sources else next(
            s.id for s in builtin_sources() if s.authority == authority)
        release = Release(source_id, authority, url, f"Sanction {url}", "en", published,
                          body_text=f"Press release {url}")
        archive.record_harvest(Harvest(source_id, "ok", [release]), {url: sanctions},
                               now=NOW, backlog=True, defendant_key=normalise_defendant)
    archive.close()


@pytest.fixture
def config(tmp_path: Path) -> str:
    db = tmp_path / "archive.db"
    seed(db)
    path = tmp_path / "dpawatch.toml"
    path.write_text(f'[storage]\npath = "{db}"\n')
    return str(path)


@pytest.mark.parametrize("query", ["clearview", "CLEARVIEW AI", "Clearview AI Inc.",
                                   "clear view", "clearveiw", "Clearview"])
def test_fines_finds_a_company_however_it_is_written(config: str, query: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", config, "fines", query, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {f["authority"] for f in found} == {"cnil", "garante", "ico"}
    assert [f["decision_date"] or f["published"] for f in found] == sorted(
        (f["decision_date"] or f["published"] for f in found), reverse=True)
    for key in ("authority", "defendant", "kind", "amount", "currency", "amount_eur",
                "decision_date", "published", "title", "url"):
        assert key in found[0]


def test_fines_table_has_a_eur_total(config: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", config, "fines", "clearview"]) == 0
    out = capsys.readouterr().out
    assert "CLEARVIEW AI" in out and "7,552,800 GBP" in out
    assert "3 sanctions, €48.91M in total." in out


def test_fines_filters(config: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--config", config, "fines", "clearview", "--authority", "ico", "--json"])
    assert [f["authority"] for f in json.loads(capsys.readouterr().out)] == ["ico"]
    main(["--config", config, "fines", "clearview", "--since", "2022-04-01", "--json"])
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_google_does_not_find_caixabank(config: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--config", config, "fines", "google", "--json"])
    assert {f["defendant"] for f in json.loads(capsys.readouterr().out)} == {
        "Google LLC", "Google Ireland Limited"}


@pytest.mark.parametrize("query", ['"', "OR", "*", "NEAR(", "clearview OR google",
                                   "x" * 10_000, "'; DROP TABLE decisions; --",
                                   "\x00\x07\x1b[2J", "title:clearview", "-", "^*"])
def test_hostile_queries_never_error(config: str, query: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", config, "fines", query]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert captured.err == ""


def test_latest(config: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", config, "latest", "--limit", "2", "--json"]) == 0
    latest = json.loads(capsys.readouterr().out)
    assert [f["published"] for f in latest] == ["2022-10-20", "2022-05-23"]


@pytest.mark.parametrize("argv", [
    ["fines"], ["latest", "--limit", "0"], ["latest", "--limit", "many"],
    ["fines", "x", "--since", "yesterday"], ["nonsense"], [],
    ["poll", "--source", "no-such-source"],
])
def test_usage_errors_are_one_line_and_exit_2(config: str, argv: list[str],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", config, *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("dpawatch")


def test_a_bad_config_is_one_line_and_exit_2(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[polling]\ninterval_minutes = 'hourly'\n")
    assert main(["--config", str(path), "latest"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "polling.interval_minutes" in err


def test_sources_lists_every_builtin_source(config: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", config, "sources", "--json"]) == 0
    listed = {s["id"] for s in json.loads(capsys.readouterr().out)}
    assert listed == {s.id for s in builtin_sources()}


async def test_run_polls_prints_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    async with FakeSite() as site:
        source = await cnil_like_site(site, OLD_NEWS, FINE)
        # A second source that never answers in time: a poll still under way at the stop.
        slow = await site.serve_routes({"/rss.xml": Reply(delay=8)})
        config = tmp_path / "dpawatch.toml"
        config.write_text(
            f'[storage]\npath = "{tmp_path / "run.db"}"\n'
            "[polling]\nbuiltin_sources = false\nmin_delay_seconds = 0.0\njitter_seconds = 0\n"
            f'[[sources]]\nid = "test-slow"\nauthority = "ico"\ncountry = "GB"\n'
            f'language = "en"\nkind = "rss"\nurl = "{slow}/rss.xml"\n'
            f'[[sources]]\nid = "test-cnil"\nauthority = "cnil"\ncountry = "FR"\n'
            f'language = "fr"\nkind = "rss"\nurl = "{source.url}"\n')
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "--config", str(config), "run",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        lines = []
        assert process.stdout is not None
        async with asyncio.timeout(30):
            while True:
                line = (await process.stdout.readline()).decode()
                lines.append(line)
                if "test-cnil: 2 new" in line or not line:
                    break
        process.send_signal(signal.SIGINT)
        async with asyncio.timeout(10):
            rest, err = await process.communicate()
        output = "".join(lines) + rest.decode()
        assert process.returncode == 0, err.decode()
        assert "no chat configured" in output
        assert "test-cnil: 2 new" in output
        assert output.rstrip().endswith("dpawatch: stopped.")
        assert "Traceback" not in err.decode()
        assert "poll of test-slow stopped before it finished" in err.decode()


async def test_backfill_archives_as_backlog_and_resumes_without_refetching(
        tmp_path: Path, site: FakeSite) -> None:
    source = await cnil_like_site(site, OLD_NEWS, FINE)
    config = tmp_path / "dpawatch.toml"
    config.write_text(
        f'[storage]\npath = "{tmp_path / "b.db"}"\n'
        "[polling]\nbuiltin_sources = false\nmin_delay_seconds = 0.0\n"
        f'[[sources]]\nid = "test-cnil"\nauthority = "cnil"\ncountry = "FR"\n'
        f'language = "fr"\nkind = "rss"\nurl = "{source.url}"\n')
    argv = ["--config", str(config), "backfill", "--pages", "3"]
    assert await asyncio.to_thread(main, argv) == 0
    article = source.url.rsplit("/", 1)[0] + "/clearview"
    assert site.count(article) == 1
    assert await asyncio.to_thread(main, argv) == 0
    assert site.count(article) == 1  # resumed: nothing read twice
    archive = Archive.open(tmp_path / "b.db")
    rows = list(archive.db.query("SELECT backlog FROM releases"))
    assert [r["backlog"] for r in rows] == [1, 1]
    assert archive.outbox.counts() == {}
    archive.close()
