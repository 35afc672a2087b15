"""`dpawatch doctor` against loopback sites and chat APIs, and with no network at all."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web

from bot.cli import main
from scrapers.registry import load_authorities
from storage import Archive
from storage.migrations import migrations
from tests.support.fakesite import FakeSite, Reply

DISCORD_GOOD = "MTIzNDU2Nzg5MDEy.discord-good-token.abcdefghijklmnop"
SLACK_GOOD = "xoxb-1111-2222-slack-good-token"
SLACK_APP = "xapp-1-A111-slack-app-token-value"

FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<title>Actualités</title><link>{base}/</link><description>x</description>
<item><title>Sanction</title><link>{base}/sanction</link>
<pubDate>Thu, 20 Oct 2022 10:00:00 +0200</pubDate></item></channel></rss>"""


class FakeChat:
    """Discord's /users/@me and Slack's auth.test, answering only the good tokens."""

    def __init__(self) -> None:
        self.authorizations: list[str] = []
        self.app = web.Application()
        self.app.router.add_get("/api/v10/users/@me", self.discord_me)
        self.app.router.add_post("/slack/api/auth.test", self.slack_auth_test)
        self.runner = web.AppRunner(self.app, access_log=None)
        self.origin = ""

    async def start(self) -> FakeChat:
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.origin = f"http://127.0.0.1:{port}"
        return self

    async def discord_me(self, request: web.Request) -> web.Response:
        self.authorizations.append(request.headers.get("Authorization", ""))
        if request.headers.get("Authorization") != f"Bot {DISCORD_GOOD}":
            return web.Response(status=401, body=b'{"message": "401: Unauthorized"}',
                                content_type="application/json")
        return web.Response(body=json.dumps({"id": "1001", "username": "dpawatch-bot"}),
                            content_type="application/json")

    async def slack_auth_test(self, request: web.Request) -> web.Response:
        self.authorizations.append(request.headers.get("Authorization", ""))
        if request.headers.get("Authorization") != f"Bearer {SLACK_GOOD}":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        return web.json_response({"ok": True, "user": "dpawatch", "team": "DPA watchers",
                                  "team_id": "T1", "user_id": "U0BOT"})


@pytest.fixture
async def chat() -> AsyncIterator[FakeChat]:
    fake = await FakeChat().start()
    yield fake
    await fake.runner.cleanup()


@pytest.fixture
async def site() -> AsyncIterator[FakeSite]:
    async with FakeSite() as fake:
        yield fake


def write_config(tmp_path: Path, sources: dict[str, str], *, chat: str = "",
                 extra: str = "") -> str:
    """A config polling only `sources` (id -> feed URL), chat APIs pointed at `chat`."""
    text = (f'[storage]\npath = "{tmp_path / "archive.db"}"\n'
            '[polling]\nbuiltin_sources = false\nmin_delay_seconds = 0.0\n'
            'user_agent_contact = "ops@example.org"\n')
    if chat:
        text += (f'[discord]\napi_base = "{chat}/api/v10"\n'
                 f'[slack]\napi_base = "{chat}/slack/api/"\n')
    text += extra
    for source_id, url in sources.items():
        text += (f'[[sources]]\nid = "{source_id}"\nauthority = "cnil"\ncountry = "FR"\n'
                 f'language = "fr"\nkind = "rss"\nurl = "{url}"\n')
    path = tmp_path / "dpawatch.toml"
    path.write_text(text)
    return str(path)


def make_archive(path: Path) -> None:
    archive = Archive.open(path)
    archive.sync_registry(load_authorities().values(), [])
    archive.close()


async def doctor(config: str, *args: str) -> tuple[int, list[str]]:
    """Run `dpawatch doctor` in a thread, so that the loopback servers keep serving."""
    import contextlib
    import io

    out = io.StringIO()

    def call() -> int:
        with contextlib.redirect_stdout(out):
            return main(["--config", config, "doctor", "--timeout", "2", *args])

    status = await asyncio.to_thread(call)
    return status, out.getvalue().splitlines()


def line_of(lines: list[str], subject: str) -> str:
    """The report line about `subject` (the status takes the first 6 columns)."""
    return next(line for line in lines if line[6:].startswith(subject + " "))


async def test_all_good(tmp_path: Path, site: FakeSite, chat: FakeChat,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    origin = await site.serve_routes({
        "/rss.xml": Reply(body=FEED, content_type="application/rss+xml"),
        "/robots.txt": Reply(body="User-agent: *\nDisallow: /admin\n", content_type="text/plain")})
    make_archive(tmp_path / "archive.db")
    monkeypatch.setenv("DISCORD_TOKEN", DISCORD_GOOD)
    monkeypatch.setenv("SLACK_BOT_TOKEN", SLACK_GOOD)
    monkeypatch.setenv("SLACK_APP_TOKEN", SLACK_APP)
    config = write_config(tmp_path, {"test-feed": f"{origin}/rss.xml"}, chat=chat.origin)

    status, lines = await doctor(config)

    assert status == 0, "\n".join(lines)
    assert not [line for line in lines if line.startswith(("warn", "FAIL"))]
    assert "robots.txt allows" in line_of(lines, "source test-feed")
    assert "dpawatch-bot" in line_of(lines, "discord login")
    assert "DPA watchers" in line_of(lines, "slack login")
    assert line_of(lines, "archive migrations").startswith("ok")
    assert line_of(lines, "DISCORD_TOKEN").split()[-1] == "present"
    assert chat.authorizations == [f"Bot {DISCORD_GOOD}", f"Bearer {SLACK_GOOD}"]
    output = "\n".join(lines)
    for secret in (DISCORD_GOOD, SLACK_GOOD, SLACK_APP):
        assert secret[:8] not in output and secret[-8:] not in output


async def test_refused_tokens_fail_and_stay_secret(tmp_path: Path, chat: FakeChat,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    make_archive(tmp_path / "archive.db")
    monkeypatch.setenv("DISCORD_TOKEN", "revoked-discord-token-0123456789")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-revoked-slack-token-98765")
    config = write_config(tmp_path, {}, chat=chat.origin)

    status, lines = await doctor(config)

    assert status == 1
    discord = line_of(lines, "discord login")
    assert discord.startswith("FAIL") and "401" in discord
    assert "invalid_auth" in line_of(lines, "slack login")
    # Socket Mode (the default) also needs the app-level token.
    assert line_of(lines, "SLACK_APP_TOKEN").startswith("FAIL")
    output = "\n".join(lines)
    assert "revoked" not in output and "0123456789" not in output


async def test_unreachable_and_disallowed_sources_are_warnings(
        tmp_path: Path, site: FakeSite) -> None:
    closed = await site.serve_routes({})
    await site.stop()  # nothing listens there any more
    async with FakeSite() as live:
        allowed = await live.serve_routes({
            "/rss.xml": Reply(body=FEED, content_type="application/rss+xml")})
        private = await live.serve_routes({
            "/rss.xml": Reply(body=FEED, content_type="application/rss+xml"),
            "/robots.txt": Reply(body="User-agent: dpawatch\nDisallow: /\n",
                                 content_type="text/plain")})
        broken = await live.serve_routes({"/rss.xml": Reply(status=503)})
        config = write_config(tmp_path, {
            "feed-ok": f"{allowed}/rss.xml", "feed-private": f"{private}/rss.xml",
            "feed-down": f"{closed}/rss.xml", "feed-503": f"{broken}/rss.xml"})

        status, lines = await doctor(config)

    assert status == 0, "\n".join(lines)
    assert line_of(lines, "source feed-ok").startswith("ok")
    assert "robots.txt disallows" in line_of(lines, "source feed-private")
    assert line_of(lines, "source feed-down").startswith("warn")
    assert "HTTP 503" in line_of(lines, "source feed-503")
    assert live.count(f"{broken}/rss.xml") == 1  # retries=0: doctor reports, not insists
    assert line_of(lines, "archive").startswith("warn")  # not created yet, and not by doctor
    assert not (tmp_path / "archive.db").exists()


def test_no_network_at_all_is_one_warning_per_source(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    # The built-in sources point at the real sites, which pytest-socket makes unreachable.
    config = tmp_path / "dpawatch.toml"
    config.write_text(f'[storage]\npath = "{tmp_path / "a.db"}"\n')
    make_archive(tmp_path / "a.db")

    status = main(["--config", str(config), "doctor", "--timeout", "1"])

    out, err = capsys.readouterr()
    sources = [line for line in out.splitlines() if line.split()[1:2] == ["source"]]
    assert status == 0 and "Traceback" not in out + err
    assert len(sources) >= 20 and all(line.startswith("warn") for line in sources)


def test_offline_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_archive(tmp_path / "archive.db")
    config = write_config(tmp_path, {"f": "http://127.0.0.1:9/rss.xml"})
    assert main(["--config", config, "doctor", "--offline", "--json"]) == 0
    checks = json.loads(capsys.readouterr().out)
    assert {c["status"] for c in checks} == {"ok"}
    assert {"config", "archive", "archive integrity", "network"} <= {c["subject"] for c in checks}


@pytest.mark.parametrize("damage, status, subject, expected", [
    ("pending", "warn", "archive migrations", "pending"),
    ("newer", "FAIL", "archive migrations", "newer dpawatch"),
    ("garbage", "FAIL", "archive", "cannot read"),
    ("journal", "warn", "archive journal", "not WAL"),
])
def test_archive_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str,
                          status: str, subject: str, expected: str) -> None:
    path = tmp_path / "archive.db"
    if damage == "garbage":
        path.write_bytes(b"this is not an SQLite file, it only has its name" * 100)
    else:
        make_archive(path)
        connection = sqlite3.connect(path)
        if damage == "pending":
            last = migrations.applied(Archive.open(path, migrate=False).db)[-1].name
            connection.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [last])
        elif damage == "newer":
            connection.execute("INSERT INTO _sqlite_migrations (migration_set, name, "
                               "applied_at) VALUES ('dpawatch', 'm999_future', 'x')")
        else:
            connection.execute("PRAGMA journal_mode = DELETE")
        connection.commit()
        connection.close()
    config = write_config(tmp_path, {"f": "http://127.0.0.1:9/rss.xml"})

    exit_status = main(["--config", config, "doctor", "--offline"])

    lines = capsys.readouterr().out.splitlines()
    found = line_of(lines, subject)
    assert found.startswith(status) and expected in found
    assert exit_status == (1 if status == "FAIL" else 0)
