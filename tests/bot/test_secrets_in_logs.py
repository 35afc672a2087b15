"""No secret ever reaches a log line or doctor's output, at debug level, text or JSON."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.logs import REDACTED, RedactSecrets, configure_logging
from tests.bot.test_pipeline import FINE, OLD_NEWS, cnil_like_site
from tests.support.fakesite import FakeSite

#: Recognisable values, with characters that JSON escapes, so that an escaped copy counts.
SECRETS = {
    "DISCORD_TOKEN": "MTIzNDU2.discord-secret-ZZ9\\plural/z",
    "SLACK_BOT_TOKEN": "xoxb-slack-bot-secret-7Q4\"quoted",
    "SLACK_APP_TOKEN": "xapp-slack-app-secret-8R5",
    "SLACK_SIGNING_SECRET": "signing-secret-0f9e8d7c6b5a",
}
WEBHOOK = "https://discord.com/api/webhooks/123456789012345678/webhook-secret-Kq8Lm3Nz"


def leaks(text: str) -> list[str]:
    """Any secret, or a telling fragment of one, in `text` (raw or JSON-escaped)."""
    found = []
    for value in [*SECRETS.values(), "webhook-secret-Kq8Lm3Nz"]:
        for spelling in {value, json.dumps(value)[1:-1]}:
            if spelling in text or spelling[-12:] in text:
                found.append(value)
    return found


@pytest.fixture
def restore_logging() -> Iterator[None]:
    yield
    logging.getLogger().handlers.clear()


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_messages_arguments_and_tracebacks_are_redacted(
        restore_logging: None, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    log = logging.getLogger("bot.test")
    configure_logging("debug", fmt, secrets=list(SECRETS.values()))
    token = SECRETS["DISCORD_TOKEN"]
    log.debug("sending with token %s", token)
    log.info(f"header Authorization: Bearer {SECRETS['SLACK_BOT_TOKEN']}")
    log.warning("delivery failed: POST %s answered 404", WEBHOOK)
    try:
        raise RuntimeError(f"login refused for {SECRETS['SLACK_APP_TOKEN']}")
    except RuntimeError:
        log.exception("chat client stopped")
    output = capsys.readouterr().err
    assert leaks(output) == []
    assert output.count(REDACTED) >= 4
    assert "webhooks/123456789012345678/" in output  # the id stays, to tell hooks apart
    if fmt == "json":
        assert all(json.loads(line)["level"] for line in output.splitlines() if line.strip())


def test_the_filter_for_other_handlers_redacts_too() -> None:
    record = logging.LogRecord("bot", logging.INFO, __file__, 1, "token=%s", ("abcdef123",),
                               None)
    RedactSecrets(["abcdef123"]).filter(record)
    assert record.getMessage() == f"token={REDACTED}"


async def test_poll_and_doctor_at_debug_never_show_a_secret(tmp_path: Path) -> None:
    async with FakeSite() as site:
        source = await cnil_like_site(site, OLD_NEWS, FINE)
        config = tmp_path / "dpawatch.toml"
        config.write_text(
            f'[storage]\npath = "{tmp_path / "a.db"}"\n[log]\nlevel = "debug"\n'
            "[polling]\nbuiltin_sources = false\nmin_delay_seconds = 0.0\n"
            f'[discord]\napi_base = "{source.url.rsplit("/", 1)[0]}/api/v10"\n'
            f'[[sources]]\nid = "test-cnil"\nauthority = "cnil"\ncountry = "FR"\n'
            f'language = "fr"\nkind = "rss"\nurl = "{source.url}"\n'
            f'[[subscriptions]]\ndiscord_webhook = "{WEBHOOK}"\n')
        env = {**os.environ, **SECRETS, "PYTHONUNBUFFERED": "1"}
        outputs = []
        for argv in (["poll"], ["--log-format", "json", "poll"], ["doctor", "--timeout", "2"],
                     ["--log-format", "json", "doctor", "--json"]):
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", "--config", str(config), *argv,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env=env)
            async with asyncio.timeout(60):
                out, err = await process.communicate()
            outputs.append((argv, process.returncode, out.decode(), err.decode()))

    for argv, _status, out, err in outputs:
        assert "Traceback" not in err, (argv, err)
        assert leaks(out + err) == [], argv
    poll_status, poll_out = outputs[0][1], outputs[0][2]
    assert poll_status == 0 and "test-cnil" in poll_out
    doctor_out = outputs[2][2]
    assert "DISCORD_TOKEN" in doctor_out and "present" in doctor_out
    assert "discord login" in doctor_out  # it tried the token on the fake, got a 404
