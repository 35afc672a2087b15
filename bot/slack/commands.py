"""Slash commands: Slack's text argument parsed into the core's arguments, and back.

Slack gives a command one string (`/subscribe authority=cnil min_eur=1m watch=meta,google`,
`/fines clearview ai since=2022-01-01`): free words plus key=value options. Everything is
checked here or in the core; whatever is typed, the person gets a reply, never a trace.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.core import commands as core
from bot.core import subscriptions
from bot.core.caller import Caller
from bot.core.errors import CommandError
from bot.core.format import plain
from bot.core.replies import Reply
from bot.slack.render import unescape
from storage import Archive

log = logging.getLogger(__name__)

COMMANDS = ("fines", "latest", "stats", "sources", "subscribe", "unsubscribe",
            "subscriptions", "preview")
#: Slack sends at most a few thousand characters; anything past this is noise.
MAX_TEXT = 2000
#: How long a users.info answer (admin or not) is trusted.
ADMIN_CACHE_SECONDS = 300.0

FILTER_OPTIONS = ("authority", "country", "min_eur", "kind", "watch")
OPTIONS = {
    "fines": ("authority", "since"),
    "latest": ("authority", "count"),
    "stats": ("authority", "year"),
    "sources": (),
    "subscribe": FILTER_OPTIONS,
    "unsubscribe": ("id",),
    "subscriptions": (),
    "preview": FILTER_OPTIONS,
}
ALIASES = {"min": "min_eur", "minimum": "min_eur", "authorities": "authority",
           "kinds": "kind", "countries": "country", "from": "since"}
USAGE = {
    "fines": "/fines clearview ai [authority=cnil] [since=2022-01-01]",
    "latest": "/latest [authority=cnil] [count=10]",
    "stats": "/stats [year=2024] [authority=cnil]",
    "subscribe": "/subscribe [authority=cnil] [country=FR] [min_eur=1m] "
                 "[kind=fine|reprimand|…|news] [watch=meta,google]",
    "unsubscribe": "/unsubscribe 12 (or all)",
    "preview": "/preview [authority=cnil] [min_eur=1m] [kind=fine] [watch=meta]",
}
# key=value, where the value may be quoted to hold spaces: watch="meta platforms,tiktok".
_OPTION = re.compile(r"""(?<!\S)([A-Za-z_]+)=("[^"]*"|“[^”]*”|\S*)""")


@dataclass(frozen=True)
class Arguments:
    """A command's text split into its free words and its key=value options."""

    words: str
    options: dict[str, str]


def parse_arguments(command: str, text: str) -> Arguments:
    """Split the text of `/command text`; unknown or repeated options are refused."""
    text = plain(unescape(text[:MAX_TEXT]))
    allowed = OPTIONS[command]
    options: dict[str, str] = {}
    for match in _OPTION.finditer(text):
        key = ALIASES.get(match.group(1).lower(), match.group(1).lower())
        if key not in allowed:
            known = ", ".join(f"{k}=" for k in allowed) or "no options"
            raise CommandError(f"/{command} does not take {plain(match.group(1))[:30]}= "
                               f"(it takes {known}).")
        if key in options:
            raise CommandError(f"{key}= is given twice.")
        options[key] = match.group(2).strip('"“”').strip()
    words = " ".join(_OPTION.sub(" ", text).split())
    return Arguments(words, options)


def parse_since(text: str | None) -> date | None:
    """ "2022-01-01" or "2022" (its first day); refuses anything else."""
    if not text:
        return None
    try:
        return date(int(text), 1, 1) if text.isdigit() and len(text) == 4 \
            else date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"since must be a date such as 2022-01-01, not "
                           f"{plain(text)[:20]!r}.") from None


def parse_whole(name: str, text: str | None, low: int, high: int) -> int | None:
    """A whole number between low and high, or None when not given."""
    if not text:
        return None
    if not text.isdigit() or not low <= int(text) <= high:
        raise CommandError(f"{name} must be a whole number from {low} to {high}.")
    return int(text)


def _no_words(command: str, arguments: Arguments) -> None:
    if arguments.words:
        raise CommandError(f"Options are written key=value, as in: {USAGE[command]}")


@dataclass
class SlackCommands:
    """Answers slash commands from the archive, with the same rules as every surface."""

    archive: Archive
    manager_user_ids: frozenset[str] = frozenset()
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    _admins: dict[tuple[str, str], tuple[float, bool]] = field(default_factory=dict)

    async def can_manage(self, client: AsyncWebClient, team_id: str, user_id: str) -> bool:
        """Workspace admins and owners (users.info), and the configured manager ids."""
        if user_id in self.manager_user_ids:
            return True
        cached = self._admins.get((team_id, user_id))
        if cached and time.monotonic() - cached[0] < ADMIN_CACHE_SECONDS:
            return cached[1]
        try:
            response = await client.users_info(user=user_id)
        except (SlackApiError, SlackClientError, OSError) as error:
            # Without an answer nobody is an admin: refusing is the safe side.
            log.warning("Slack users.info failed for %s: %s", user_id, error)
            return False
        user = response.get("user") or {}
        allowed = bool(user.get("is_admin") or user.get("is_owner")
                       or user.get("is_primary_owner"))
        self._admins[(team_id, user_id)] = (time.monotonic(), allowed)
        return allowed

    async def answer(self, body: Mapping[str, Any], client: AsyncWebClient) -> Reply:
        """The reply to one slash-command payload; errors become one private sentence."""
        command = str(body.get("command", "")).lstrip("/").lower()
        try:
            if command not in OPTIONS:
                raise CommandError(f"Unknown command /{plain(command)[:30]}.")
            arguments = parse_arguments(command, str(body.get("text") or ""))
            return await self._run(command, arguments, body, client)
        except CommandError as error:
            return Reply(text=str(error), ephemeral=True)
        except Exception:
            log.exception("Slack /%s failed", command)
            return Reply(text="Something went wrong on our side; it has been logged.",
                         ephemeral=True)

    async def _caller(self, body: Mapping[str, Any], client: AsyncWebClient, *,
                      managing: bool) -> Caller:
        team = str(body.get("team_id") or "")
        user = str(body.get("user_id") or "")
        if not team or not body.get("channel_id"):
            raise CommandError("This command works in a channel of a workspace.")
        allowed = managing and await self.can_manage(client, team, user)
        return Caller("slack", team, str(body["channel_id"]), user, can_manage=allowed)

    async def _run(self, command: str, arguments: Arguments, body: Mapping[str, Any],
                   client: AsyncWebClient) -> Reply:
        options, words = arguments.options, arguments.words
        authority = (options.get("authority") or "").lower() or None
        if command == "fines":
            if not words:
                raise CommandError(f"Give a company name, as in: {USAGE['fines']}")
            return core.fines_reply(self.archive, words, authority=authority,
                                    since=parse_since(options.get("since")))
        if command in ("latest", "stats"):
            # A bare word is the authority and a bare number the count (or year).
            number_key = "count" if command == "latest" else "year"
            for word in words.split():
                if word.isdigit() and number_key not in options:
                    options = {**options, number_key: word}
                elif authority is None:
                    authority = word.lower()
                else:
                    raise CommandError(f"Try: {USAGE[command]}")
            if command == "latest":
                count = parse_whole("count", options.get("count"), 1, 25) or 5
                return core.latest_reply(self.archive, authority=authority, count=count)
            year = parse_whole("year", options.get("year"), 1995, 2100)
            return core.stats_reply(self.archive, year=year, authority=authority)
        if command == "sources":
            return core.sources_reply(self.archive)
        if command == "subscriptions":
            return subscriptions.list_subscriptions(
                self.archive, await self._caller(body, client, managing=False))
        if command == "unsubscribe":
            which = options.get("id") or words or None
            caller = await self._caller(body, client, managing=True)
            return subscriptions.unsubscribe(self.archive, caller, which)
        _no_words(command, arguments)
        filters = {key: options.get(key) for key in FILTER_OPTIONS}
        if command == "preview":
            return subscriptions.preview(self.archive, self.clock(), **filters)
        caller = await self._caller(body, client, managing=True)
        return subscriptions.subscribe(self.archive, caller, self.clock(), **filters)
