"""Helpers for the Slack tests: signed slash commands, settings on the fake, waiting."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import httpx
from slack_sdk.signature import SignatureVerifier

from bot.config import Settings, parse_settings
from scrapers.extract import normalise_defendant
from scrapers.models import Release, Sanction
from storage import Archive
from tests.storage.helpers import harvest
from tests.support.fake_slack import TEAM_ID, FakeSlack

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
MANAGER = "U0MANAGER"
OTHER_TEAM = "T0OTHER"


def archive_release(archive: Archive, now: datetime, item: Release,
                    *sanctions: Sanction) -> int:
    """Archive one release with its sanctions (the real name folding); its id."""
    stored = archive.record_harvest(harvest(item), {item.url: list(sanctions)}, now=now,
                                    backlog=False, defendant_key=normalise_defendant)
    return (stored.new_release_ids or stored.changed_release_ids)[0]


def slack_settings(fake: FakeSlack, **slack: Any) -> Settings:
    """Settings pointing at the fake, with one configured manager."""
    table = {"api_base": fake.api_base, "manager_user_ids": [MANAGER], **slack}
    return parse_settings({"slack": table}, env={})


def signed_headers(body: str, secret: str = SECRET, at: float | None = None
                   ) -> dict[str, str]:
    """The headers Slack adds to a request, signed with `secret` at time `at`."""
    timestamp = str(int(at if at is not None else time.time()))
    return {"X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": SignatureVerifier(secret).generate_signature(
                timestamp=timestamp, body=body),
            "Content-Type": "application/x-www-form-urlencoded"}


class SlashCommands:
    """Sends signed slash commands to the app's HTTP endpoint, as Slack does."""

    def __init__(self, url: str, fake: FakeSlack) -> None:
        self.url = url
        self.fake = fake
        self.sent = 0

    def body(self, command: str, text: str = "", *, user: str = "U0MEMBER",
             team: str = TEAM_ID, channel: str = "C0ALERTS") -> tuple[str, str]:
        self.sent += 1
        name = f"r{self.sent}"
        body = urlencode({
            "token": "unused", "team_id": team, "team_domain": "fake",
            "channel_id": channel, "channel_name": "alerts", "user_id": user,
            "user_name": user.lower(), "command": command, "text": text,
            "api_app_id": "A0APP", "trigger_id": f"1.2.{self.sent}",
            "response_url": self.fake.response_url(name)})
        return body, name

    async def post(self, body: str, headers: dict[str, str]) -> httpx.Response:
        async with httpx.AsyncClient() as http:
            return await http.post(self.url, content=body, headers=headers)

    async def run(self, command: str, text: str = "", **who: str) -> dict[str, Any]:
        """Send `/command text` and wait for the answer on its response_url."""
        body, name = self.body(command, text, **who)
        response = await self.post(body, signed_headers(body))
        assert response.status_code == 200, response.text
        await eventually(lambda: self.fake.responses[name])
        [answer] = self.fake.responses[name]
        return answer


async def eventually(condition: Callable[[], Any], within: float = 3.0) -> Any:
    """Wait for `condition()` to be truthy: Bolt answers after ack, in a task."""
    deadline = time.monotonic() + within
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)
    return result
