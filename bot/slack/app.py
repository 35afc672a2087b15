"""The Slack app: Bolt's AsyncApp on the service's loop, over Socket Mode or HTTP.

`build_app` wires the slash commands to the core; `run_slack` checks the tokens, gives the
dispatcher a Slack sender, starts the service's background work and serves until stopped.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.core.replies import Reply, health_reply
from bot.dispatch import SendFailure
from bot.slack.commands import COMMANDS, SlackCommands
from bot.slack.render import render
from bot.slack.sender import SlackBotSender
from storage import Archive

if TYPE_CHECKING:
    from bot.app import Service
    from bot.pipeline import PollReport

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


class SlackSetupError(Exception):
    """The Slack app cannot start: a token is missing or refused. One line, no trace."""


def web_client(settings: Settings, token: str) -> AsyncWebClient:
    """A Web API client on the configured base URL, without the SDK's own retries."""
    base = settings.slack.api_base
    # slack_sdk joins method names to the base as is: without the slash, "…/apichat.…".
    base = base if base.endswith("/") else base + "/"
    # The dispatcher owns retries; an SDK retry after a dropped connection could post twice.
    return AsyncWebClient(token=token, base_url=base, retry_handlers=[])


def response_payload(reply: Reply) -> dict[str, Any]:
    """What goes to a command's response_url: private for errors and settings changes."""
    message = render(reply)
    if reply.more:
        pages = len(reply.more) + 1
        message["blocks"].append({"type": "context", "elements": [{
            "type": "mrkdwn",
            "text": f"Page 1 of {pages}: narrow the search with authority= or since=."}]})
    return {"response_type": "ephemeral" if reply.ephemeral else "in_channel", **message}


def build_app(archive: Archive, settings: Settings, client: AsyncWebClient, *,
              signing_secret: str | None,
              clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> AsyncApp:
    """The Bolt app with every slash command. Requests are verified when a signing
    secret is given (HTTP mode); Socket Mode needs none, its socket is authenticated."""
    app = AsyncApp(client=client, signing_secret=signing_secret or "",
                   request_verification_enabled=signing_secret is not None)
    commands = SlackCommands(archive, frozenset(settings.slack.manager_user_ids), clock)

    async def on_command(ack: Callable[..., Awaitable[Any]], body: dict[str, Any],
                         respond: Callable[..., Awaitable[Any]],
                         client: AsyncWebClient) -> None:
        # Slack wants the ack within 3 s; the answer follows through response_url.
        await ack()
        reply = await commands.answer(body, client)
        try:
            await respond(response_payload(reply))
        except (SlackClientError, OSError) as error:
            log.warning("Slack response to %s not delivered: %s", body.get("command"), error)

    for name in COMMANDS:
        app.command(f"/{name}")(on_command)
    return app


async def serve_http(app: AsyncApp, port: int, stop: asyncio.Event, *,
                     host: str = "0.0.0.0") -> None:
    """Serve the Events API endpoint (slash commands POST here) until `stop` is set."""
    runner = web.AppRunner(app.web_app(path=EVENTS_PATH, port=port))
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        log.info("Slack: listening on %s:%s%s", host, port, EVENTS_PATH)
        await stop.wait()
    finally:
        await runner.cleanup()


async def serve_socket_mode(app: AsyncApp, app_token: str, stop: asyncio.Event) -> None:
    """Hold a Socket Mode connection (no public URL needed) until `stop` is set."""
    # Imported here: Socket Mode pulls in a websocket client that HTTP mode never needs.
    from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

    # The Socket Mode client retries a refused app token for ever, logging each time: ask
    # once ourselves first, so that a bad token is one clear error. (The URL this opens
    # is left unused and expires.)
    try:
        await app.client.apps_connections_open(app_token=app_token)
    except SlackApiError as error:
        raise SlackSetupError(f"Slack Socket Mode did not connect: SLACK_APP_TOKEN refused "
                              f"({error.response.get('error', 'no reason given')})") from None
    except (SlackClientError, OSError) as error:
        raise SlackSetupError(f"Slack Socket Mode did not connect: {error}") from None
    handler = AsyncSocketModeHandler(app, app_token)
    await handler.connect_async()
    log.info("Slack: connected in Socket Mode")
    try:
        await stop.wait()
    finally:
        await handler.close_async()


def _required_secrets(settings: Settings) -> tuple[str, str | None]:
    secrets, mode = settings.secrets, settings.slack.mode
    if not secrets.slack_bot_token:
        raise SlackSetupError("Slack needs SLACK_BOT_TOKEN (the xoxb- bot token).")
    if mode == "socket" and not secrets.slack_app_token:
        raise SlackSetupError("Slack Socket Mode needs SLACK_APP_TOKEN (an xapp- app-level "
                              "token with connections:write), or set [slack] mode = \"http\".")
    if mode == "http" and not secrets.slack_signing_secret:
        raise SlackSetupError("Slack HTTP mode needs SLACK_SIGNING_SECRET to verify requests.")
    return secrets.slack_bot_token, secrets.slack_signing_secret if mode == "http" else None


def _health_notice(sender: SlackBotSender, channel_id: str
                   ) -> Callable[[PollReport], Awaitable[None]]:
    async def notice(report: PollReport) -> None:
        reply = health_reply(report.source_id, report.healthy, report.error)
        try:
            await sender.post({"channel_id": channel_id}, reply, secrets.token_hex(12))
        except SendFailure as failure:
            log.warning("could not post to the Slack admin channel: %s", failure)
    return notice


async def run_slack(service: Service) -> None:
    """Run the Slack app with the service until `service.stop` is set."""
    settings = service.settings
    token, signing_secret = _required_secrets(settings)
    client = web_client(settings, token)
    try:
        identity = await client.auth_test()
    except SlackApiError as error:
        raise SlackSetupError(f"Slack refused SLACK_BOT_TOKEN: "
                              f"{error.response.get('error', error)}") from None
    except (SlackClientError, OSError) as error:
        raise SlackSetupError(f"Slack is unreachable at {settings.slack.api_base}: "
                              f"{error}") from None
    log.info("Slack: signed in to team %s as %s", identity.get("team_id"),
             identity.get("user_id"))
    app = build_app(service.archive, settings, client, signing_secret=signing_secret)
    sender = SlackBotSender(client)
    service.add_senders({"slack": sender})
    if settings.slack.admin_channel_id:
        service.health_watchers.append(_health_notice(sender, settings.slack.admin_channel_id))
    service.start_background()
    if settings.slack.mode == "http":
        await serve_http(app, settings.slack.http_port, service.stop,
                         host=settings.slack.http_host)
    else:
        assert settings.secrets.slack_app_token is not None  # checked above
        await serve_socket_mode(app, settings.secrets.slack_app_token, service.stop)
