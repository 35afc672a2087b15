"""Slack test fixtures: the fake Slack, an archive with sanctions, the app over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from datetime import date, datetime
from typing import Any

import pytest
from aiohttp import web

from bot.slack.app import EVENTS_PATH, build_app, web_client
from storage import Archive
from tests.slack.helpers import SECRET, SlashCommands, archive_release, slack_settings
from tests.storage.helpers import CLEARVIEW_FINE, registered, release
from tests.support.fake_slack import FakeSlack


@pytest.fixture
def stocked(archive: Archive, now: datetime) -> Archive:
    """An archive holding the CNIL's Clearview AI fine."""
    registered(archive)
    archive_release(archive, now, release(title="Reconnaissance faciale : sanction de "
                                                "20 millions d'euros à l'encontre de "
                                                "CLEARVIEW AI",
                                          published=date(2022, 10, 20)), CLEARVIEW_FINE)
    return archive


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as fake:
        fake.add_user("U0ADMIN", admin=True)
        fake.add_user("U0MEMBER")
        yield fake


@pytest.fixture
async def commands(stocked: Archive, slack: FakeSlack, now: datetime
                   ) -> AsyncIterator[SlashCommands]:
    """The Slack app in HTTP mode on 127.0.0.1, over the stocked archive."""
    settings = slack_settings(slack)
    app = build_app(stocked, settings, web_client(settings, "xoxb-test"),
                    signing_secret=SECRET, clock=lambda: now)
    runner = web.AppRunner(app.web_app(path=EVENTS_PATH), shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield SlashCommands(f"http://127.0.0.1:{port}{EVENTS_PATH}", slack)
    await runner.cleanup()


@pytest.fixture
def texts() -> Iterator[Callable[[dict[str, Any]], str]]:
    """All the visible text of a message (its fallback and every block), for asserts."""
    def collect(message: dict[str, Any]) -> str:
        parts = [message.get("text", "")]
        for block in message.get("blocks", []):
            if "text" in block:
                parts.append(block["text"]["text"])
            parts += [f["text"] for f in block.get("fields", [])]
            parts += [e.get("text", "") for e in block.get("elements", [])]
        return "\n".join(parts)
    yield collect
