"""`dpawatch doctor`: is this installation ready to run? One line per check.

Each line is `ok`, `warn` or `FAIL`, what was checked, what was found, and a hint when
something needs doing. Exit status 0 when nothing FAILed, 1 otherwise, so that a
container HEALTHCHECK or a deploy script can rely on it. Secrets are reported as present
or absent, never shown, not even in part.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from bot.config import ConfigError, Settings

if TYPE_CHECKING:
    import httpx

    from scrapers.http import Fetcher
    from scrapers.models import Source

NAME = "doctor"
HELP = "check the config, the archive, the tokens, the sources and the chat connections"

OK, WARN, FAIL = "ok", "warn", "FAIL"
#: Sources checked at once: enough to finish 25 sources in one timeout, few enough to
#: stay polite (each host still gets one request at a time from the Fetcher).
_CONCURRENT_SOURCES = 8


@dataclass(frozen=True)
class Check:
    """One line of the report."""

    status: str  # OK, WARN or FAIL
    subject: str
    detail: str
    hint: str = ""

    def line(self) -> str:
        """The check as one line for people."""
        text = f"{self.status:<4}  {self.subject:<32} {self.detail}"
        return f"{text}  (hint: {self.hint})" if self.hint else text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--offline, --timeout and --json."""
    parser.add_argument("--offline", action="store_true",
                        help="skip the network checks (sources and chat connections)")
    parser.add_argument("--timeout", type=float, default=5.0, metavar="SECONDS",
                        help="seconds before a source or chat API counts as unreachable")
    parser.add_argument("--json", action="store_true", help="print a JSON array of checks")


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Run every check, print one line each, exit 1 if any FAILed."""
    from bot.commands import UsageError

    if not 0 < args.timeout <= 120:
        raise UsageError("dpawatch doctor: --timeout must be between 0 and 120 seconds")
    checks = asyncio.run(diagnose(settings, offline=args.offline,
                                    wait_seconds=args.timeout))
    if args.json:
        print(json.dumps([asdict(c) for c in checks], ensure_ascii=False, indent=2))
    else:
        for check in checks:
            print(check.line(), flush=True)
        tally = {status: sum(c.status == status for c in checks) for status in (OK, WARN, FAIL)}
        print(f"\n{tally[OK]} ok, {tally[WARN]} warn, {tally[FAIL]} FAIL")
    return 1 if any(c.status == FAIL for c in checks) else 0


async def diagnose(settings: Settings, *, offline: bool = False,
                   wait_seconds: float = 5.0) -> list[Check]:
    """Every check, in the order they are printed."""
    checks = [config_check(settings)]
    sources, source_check = _sources(settings)
    checks += [source_check, *archive_checks(settings.storage.path), *token_checks(settings)]
    if offline:
        checks.append(Check(OK, "network", "skipped (--offline)"))
        return checks
    checks += await source_checks([s for s in sources if s.enabled], settings, wait_seconds)
    checks += await chat_checks(settings, wait_seconds)
    return checks


# -- config and archive --------------------------------------------------------------


def config_check(settings: Settings) -> Check:
    """Which config file is in force (it parsed, or this command would not be running)."""
    declared = f"{len(settings.sources)} declared sources, {len(settings.subscriptions)} " \
               "webhook subscriptions"
    if settings.origin == "built-in defaults":
        return Check(OK, "config", f"no file: built-in defaults ({declared})",
                     "write dpawatch.toml, or pass --config / $DPAWATCH_CONFIG")
    hint = "" if settings.polling.user_agent_contact else \
        "set [polling] user_agent_contact so that sites can reach you"
    return Check(WARN if hint else OK, "config", f"{settings.origin} parsed ({declared})",
                 hint)


def _sources(settings: Settings) -> tuple[list[Source], Check]:
    from bot.wiring import configured_sources

    try:
        sources = configured_sources(settings)
    except ConfigError as error:
        return [], Check(FAIL, "sources", str(error), "fix the [[sources]] entry named")
    enabled = sum(s.enabled for s in sources)
    if not enabled:
        return sources, Check(FAIL, "sources", "no source enabled",
                              "set [polling] builtin_sources = true or declare [[sources]]")
    return sources, Check(OK, "sources", f"{enabled} enabled of {len(sources)}")


def archive_checks(path: str) -> list[Check]:
    """The archive: readable, migrated, in WAL mode, sound, and what it holds."""
    from pathlib import Path

    from storage import ArchiveError
    from storage.health import inspect_archive

    if not Path(path).exists():
        return [Check(WARN, "archive", f"{path} does not exist yet",
                      "it is created by the first `dpawatch poll` or `run`")]
    try:
        health = inspect_archive(path)
    except ArchiveError as error:
        return [Check(FAIL, "archive", str(error),
                      "check the path and its permissions, or restore a backup")]
    size = f"{health.size_bytes / 1e6:.1f} MB" + (
        f" + {health.wal_bytes / 1e6:.1f} MB WAL" if health.wal_bytes else "")
    checks = [Check(OK, "archive", f"{path} opens read-only, {size}")]
    if health.unknown:
        checks.append(Check(FAIL, "archive migrations",
                            f"applied by a newer dpawatch: {', '.join(health.unknown)}",
                            "upgrade dpawatch, or restore the backup taken before upgrading"))
    elif health.pending:
        checks.append(Check(WARN, "archive migrations",
                            f"{len(health.pending)} pending: {', '.join(health.pending)}",
                            "they apply at the next start; take `dpawatch backup FILE` first"))
    else:
        checks.append(Check(OK, "archive migrations", f"all {len(health.applied)} applied"))
    checks.append(Check(OK, "archive journal", "WAL") if health.journal_mode == "wal" else
                  Check(WARN, "archive journal", f"{health.journal_mode}, not WAL",
                        "the next `dpawatch poll` switches it; readers then never block"))
    checks.append(Check(OK, "archive integrity", "quick_check ok") if health.integrity == "ok"
                  else Check(FAIL, "archive integrity", health.integrity[:200],
                             "restore the latest backup; keep this file for analysis"))
    counts = ", ".join(f"{n} {table}" for table, n in health.counts.items())
    checks.append(Check(OK, "archive contents",
                        f"{counts}; {health.pending_deliveries} alerts waiting"))
    return checks


def token_checks(settings: Settings) -> list[Check]:
    """Which chat secrets are set: present or absent, never their values."""
    secrets = settings.secrets
    checks = [Check(OK, "DISCORD_TOKEN", "present") if secrets.discord_token else
              Check(OK, "DISCORD_TOKEN", "absent: no Discord bot (webhooks still work)")]
    if not secrets.slack_bot_token:
        checks.append(Check(OK, "SLACK_BOT_TOKEN", "absent: no Slack app (webhooks still work)"))
        return checks
    checks.append(Check(OK, "SLACK_BOT_TOKEN", "present"))
    mode = settings.slack.mode
    needed = "SLACK_APP_TOKEN" if mode == "socket" else "SLACK_SIGNING_SECRET"
    have = secrets.slack_app_token if mode == "socket" else secrets.slack_signing_secret
    checks.append(Check(OK, needed, f"present ({mode} mode)") if have else
                  Check(FAIL, needed, f"absent, but [slack] mode = {mode!r} needs it",
                        f"set {needed}, or change [slack] mode"))
    return checks


# -- the network ---------------------------------------------------------------------


async def source_checks(sources: list[Source], settings: Settings,
                        wait_seconds: float) -> list[Check]:
    """Each source: reachable, and allowed by robots.txt. Failures are warnings."""
    from scrapers.http import Fetcher

    gate = asyncio.Semaphore(_CONCURRENT_SOURCES)
    contact = settings.polling.user_agent_contact or "https://github.com/dpawatch/dpawatch"
    # retries=0 and a short timeout: doctor reports, it does not insist. Robots is read
    # here rather than by the Fetcher, so that "disallowed" is told apart from "down".
    async with Fetcher(contact=contact, min_delay=0, timeout=wait_seconds, retries=0,
                       max_bytes=int(settings.polling.max_body_mb * 1024 * 1024),
                       respect_robots=False) as fetcher:

        async def one(source: Source) -> Check:
            async with gate:
                try:
                    return await _source_check(source, fetcher)
                except Exception as error:
                    # Offline, a blocked socket can surface as an ExceptionGroup from the
                    # HTTP stack rather than a FetchError: still one line, never a crash.
                    return Check(WARN, f"source {source.id}",
                                 f"unreachable: {_one_line(error)}",
                                 "check the network from this host")

        return list(await asyncio.gather(*(one(s) for s in sources)))


async def _source_check(source: Source, fetcher: Fetcher) -> Check:
    from urllib.parse import urlsplit

    from scrapers.http import FetchError, HttpStatusError
    from scrapers.robots import rules_from_response

    parts = urlsplit(source.url)
    robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
    subject = f"source {source.id}"
    try:
        answer = await fetcher.get(robots_url)
        rules = rules_from_response(answer.status, answer.text)
    except HttpStatusError as error:
        rules = rules_from_response(error.status, "")
    except FetchError as error:
        return Check(WARN, subject, f"unreachable: {error}", "check the network or the URL")
    if not rules.allows(source.url):
        return Check(WARN, subject, "robots.txt disallows it: it will not be polled",
                     f"disable it ([[sources]] id = {source.id!r}, enabled = false)")
    method = str(source.options.get("method", "POST")) if source.kind == "json" else "GET"
    json_body = source.options.get("request_json") if method == "POST" else None
    try:
        result = await fetcher.get(source.url, method=method, json=json_body)
    except HttpStatusError as error:
        return Check(WARN, subject, f"HTTP {error.status} from {source.url}",
                     "the site may be down, or the URL moved: see docs/sources.md")
    except FetchError as error:
        return Check(WARN, subject, f"unreachable: {error}", "check the network or the URL")
    return Check(OK, subject, f"HTTP {result.status}, robots.txt allows, "
                              f"{len(result.content) / 1000:.0f} kB")


async def chat_checks(settings: Settings, wait_seconds: float) -> list[Check]:
    """Log in to Discord and Slack with the tokens that are set; skipped when absent."""
    import httpx

    secrets = settings.secrets
    checks = []
    async with httpx.AsyncClient(timeout=wait_seconds, follow_redirects=False) as client:
        if secrets.discord_token:
            checks.append(await _discord_check(client, settings.discord.api_base,
                                               secrets.discord_token))
        else:
            checks.append(Check(OK, "discord login", "skipped: DISCORD_TOKEN absent"))
        if secrets.slack_bot_token:
            checks.append(await _slack_check(client, settings.slack.api_base,
                                             secrets.slack_bot_token))
        else:
            checks.append(Check(OK, "slack login", "skipped: SLACK_BOT_TOKEN absent"))
    return checks


async def _discord_check(client: httpx.AsyncClient, api_base: str, token: str) -> Check:
    import httpx

    url = api_base.rstrip("/") + "/users/@me"
    try:
        response = await client.get(url, headers={"Authorization": f"Bot {token}"})
    except httpx.HTTPError as error:
        return Check(WARN, "discord login", f"{url} unreachable: {_one_line(error)}",
                     "check the network, or [discord] api_base")
    if response.status_code == 401:
        return Check(FAIL, "discord login", "Discord refused DISCORD_TOKEN (401)",
                     "reset the bot token in the Developer Portal and set it again")
    if response.status_code != 200:
        return Check(WARN, "discord login", f"HTTP {response.status_code} from {url}",
                     "Discord may be having trouble: try again later")
    user = _json_object(response)
    name = str(user.get("username", "?"))[:40]
    return Check(OK, "discord login", f"logged in as {name} (id {str(user.get('id', '?'))[:24]})")


async def _slack_check(client: httpx.AsyncClient, api_base: str, token: str) -> Check:
    import httpx

    url = api_base if api_base.endswith("/") else api_base + "/"
    url += "auth.test"
    try:
        response = await client.post(url, headers={"Authorization": f"Bearer {token}"})
    except httpx.HTTPError as error:
        return Check(WARN, "slack login", f"{url} unreachable: {_one_line(error)}",
                     "check the network, or [slack] api_base")
    answer = _json_object(response)
    if response.status_code != 200 or not answer:
        return Check(WARN, "slack login", f"HTTP {response.status_code} from {url}",
                     "Slack may be having trouble: try again later")
    if not answer.get("ok"):
        # Slack's error codes (invalid_auth, token_revoked, ...) name no secret.
        reason = str(answer.get("error", "unknown error"))[:60]
        return Check(FAIL, "slack login", f"Slack refused SLACK_BOT_TOKEN: {reason}",
                     "reinstall the app to the workspace and copy the new xoxb- token")
    return Check(OK, "slack login", f"logged in as {str(answer.get('user', '?'))[:40]} "
                                    f"in {str(answer.get('team', '?'))[:40]}")


def _json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _one_line(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:160]
