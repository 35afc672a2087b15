"""run_slack: clear refusals without tokens, and a whole run in HTTP mode on loopback."""

from __future__ import annotations

import asyncio
import socket
from datetime import UTC, datetime

import httpx
import pytest

from bot.app import Service
from bot.config import parse_settings
from bot.slack import run_slack, webhook_sender
from bot.slack.app import EVENTS_PATH, SlackSetupError
from bot.slack.sender import SlackWebhookSender
from scrapers.http import Fetcher
from storage import Archive
from tests.slack.helpers import SECRET, SlashCommands, archive_release, eventually
from tests.storage.helpers import CLEARVIEW_FINE, registered, release
from tests.support.fake_slack import TEAM_ID, FakeSlack


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(("mode", "env", "message"), [
    ("socket", {}, "SLACK_BOT_TOKEN"),
    ("socket", {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_APP_TOKEN"),
    ("http", {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
])
async def test_a_missing_token_is_one_clear_error(archive: Archive, mode: str,
                                                  env: dict[str, str], message: str) -> None:
    settings = parse_settings({"slack": {"mode": mode}}, env=env)
    async with Fetcher() as fetcher:
        service = Service(settings, archive, [], fetcher)
        with pytest.raises(SlackSetupError, match=message):
            await run_slack(service)
    assert "slack" not in service.dispatcher.senders


async def test_a_refused_token_is_one_clear_error(archive: Archive, slack: FakeSlack) -> None:
    slack.fail("auth.test", status=200, error="invalid_auth")
    settings = parse_settings({"slack": {"api_base": slack.api_base, "mode": "http"}},
                              env={"SLACK_BOT_TOKEN": "xoxb-bad",
                                   "SLACK_SIGNING_SECRET": SECRET})
    async with Fetcher() as fetcher:
        with pytest.raises(SlackSetupError, match="refused SLACK_BOT_TOKEN: invalid_auth"):
            await run_slack(Service(settings, archive, [], fetcher))


def test_the_webhook_sender_is_the_slack_one() -> None:
    assert isinstance(webhook_sender(parse_settings({}, env={})), SlackWebhookSender)


async def test_http_mode_answers_commands_and_delivers_alerts_until_stopped(
        archive: Archive, slack: FakeSlack) -> None:
    registered(archive)
    port = free_port()
    settings = parse_settings(
        {"slack": {"api_base": slack.api_base, "mode": "http", "http_port": port,
                   "http_host": "127.0.0.1"}},
        env={"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET})
    async with Fetcher() as fetcher:
        service = Service(settings, archive, [], fetcher)
        running = asyncio.create_task(run_slack(service))
        commands = SlashCommands(f"http://127.0.0.1:{port}{EVENTS_PATH}", slack)

        async def listening() -> bool:
            try:
                async with httpx.AsyncClient() as http:
                    await http.get(commands.url)
                return True
            except httpx.TransportError:
                return False

        for _ in range(100):
            if await listening():
                break
            await asyncio.sleep(0.02)
        answer = await commands.run("/subscribe", "authority=cnil", user="U0ADMIN")
        assert answer["text"].startswith("Subscribed (#")
        archive_release(archive, datetime.now(UTC), release(), CLEARVIEW_FINE)
        service.dispatcher.wake()
        [message] = await eventually(lambda: slack.messages["C0ALERTS"])
        assert message["text"].startswith("New sanction by CNIL")
        service.stop.set()
        await asyncio.wait_for(running, 5)
        await service.wait_stopped()
    assert slack.calls[0].method == "auth.test"
    assert slack.calls[0].authorization == "Bearer xoxb-test"


async def test_socket_mode_that_cannot_connect_is_one_clear_error(archive: Archive,
                                                                  slack: FakeSlack) -> None:
    # The fake has no apps.connections.open: Slack refusing the app token looks the same.
    settings = parse_settings({"slack": {"api_base": slack.api_base}},
                              env={"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-1"})
    async with Fetcher() as fetcher:
        service = Service(settings, archive, [], fetcher)
        with pytest.raises(SlackSetupError, match="Socket Mode did not connect"):
            await asyncio.wait_for(run_slack(service), 5)
        service.stop.set()
        await service.wait_stopped()
    [opening] = slack.calls_to("apps.connections.open")  # asked once, not for ever
    assert opening.authorization == "Bearer xapp-1"


async def test_socket_mode_answers_a_slash_command(stocked: Archive, slack: FakeSlack) -> None:
    """The default mode, end to end: Socket Mode connects, a /fines envelope is acked and
    answered on its response_url."""
    slack.socket_mode = True
    settings = parse_settings({"slack": {"api_base": slack.api_base}},
                              env={"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-1"})
    async with Fetcher() as fetcher:
        service = Service(settings, stocked, [], fetcher)
        running = asyncio.create_task(run_slack(service))
        payload = {"team_id": TEAM_ID, "channel_id": "C0ALERTS", "user_id": "U0MEMBER",
                   "command": "/fines", "text": "clearview", "api_app_id": "A0APP",
                   "trigger_id": "1.2.3", "response_url": slack.response_url("socket")}
        ack = await slack.socket_envelope("slash_commands", payload)
        assert ack["envelope_id"]
        await eventually(lambda: slack.responses["socket"])
        answer = str(slack.responses["socket"][0])
        assert "CLEARVIEW AI" in answer
        service.stop.set()
        await asyncio.wait_for(running, 5)
        await service.wait_stopped()
