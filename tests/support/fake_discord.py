"""A fake Discord on loopback: REST API and gateway websocket, enough for the real discord.py.

The bot under test logs in, connects the gateway, syncs its commands, answers interactions
and posts to channels exactly as it would against Discord; the fake records every request.
Like Discord it honours `enforce_nonce` (a second message with a nonce it has seen returns
the first message), and it can answer with 429s and 5xx on demand, or enforce Discord's
documented rate limits (50 requests/s globally, 5 per 5 s per channel) for the bench.

Payload builders live here only: the fields discord.py requires change between versions
(2.7 added `attachment_size_limit`).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

APP_ID = "1100000000000000001"
GUILD_ID = "1200000000000000001"
CHANNEL_ID = "1200000000000000002"
OTHER_GUILD_ID = "1200000000000000011"
OTHER_CHANNEL_ID = "1200000000000000012"
ADMIN_CHANNEL_ID = "1200000000000000003"
VALID_TOKEN = "fake-token"
ALL_PERMISSIONS = "2147483647"
#: View Channel + Send Messages + Read Message History: a member without Manage Channels.
MEMBER_PERMISSIONS = str((1 << 10) | (1 << 11) | (1 << 16))
EPHEMERAL = 64  # the message flag of a reply only its asker sees
TS = "2026-11-26T12:00:00.000000+00:00"

BOT_USER = {"id": APP_ID, "username": "dpawatch", "discriminator": "0", "global_name": None,
            "avatar": None, "bot": True, "flags": 0}
HUMAN = {"id": "1300000000000000001", "username": "alice", "discriminator": "0",
         "global_name": "Alice", "avatar": None}
OPTION_TYPES = {str: 3, int: 4, bool: 5, float: 10}

GLOBAL_LIMIT_PER_SECOND = 50
CHANNEL_LIMIT = 5
CHANNEL_WINDOW_SECONDS = 5.0


def json_response(payload: Any, status: int = 200, headers: dict[str, str] | None = None
                  ) -> web.Response:
    """JSON with Content-Type exactly application/json: discord.py decodes nothing else."""
    return web.Response(body=json.dumps(payload).encode(), status=status,
                        content_type="application/json", headers=headers)


def rate_limited(retry_after: float, *, is_global: bool = False) -> web.Response:
    """A 429 as Discord sends it; discord.py only trusts one with a Via header."""
    headers = {"Retry-After": f"{retry_after:.3f}", "Via": "1.1 google",
               "X-RateLimit-Scope": "global" if is_global else "user"}
    if is_global:
        headers["X-RateLimit-Global"] = "true"
    return json_response({"message": "You are being rate limited.", "retry_after": retry_after,
                          "global": is_global, "code": 0}, 429, headers)


@dataclass
class Recorded:
    """One request the fake received."""

    method: str
    path: str
    body: Any
    query: dict[str, str]
    status: int = 200


@dataclass
class FakeDiscord:
    """REST + gateway on 127.0.0.1; start() it, point discord.py at `api_base`/`gateway`."""

    enforce_limits: bool = False
    requests: list[Recorded] = field(default_factory=list)
    messages: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> message
    commands: list[dict[str, Any]] = field(default_factory=list)
    # (method, path regex) -> statuses to answer, one per matching request, before normal
    faults: list[tuple[str, re.Pattern[str], deque[int]]] = field(default_factory=list)
    on_channel_message: Callable[[dict[str, Any]], None] | None = None
    rate_limited_count: int = 0
    # Set: channel posts are created at once but answered only when it is set (a crash
    # between Discord's accepting a message and the bot's recording it).
    hold_channel_responses: asyncio.Event | None = None

    def __post_init__(self) -> None:
        self._ids = itertools.count(1400000000000000001)
        self._nonces: dict[tuple[str, str], str] = {}
        self._global_times: deque[float] = deque()
        self._channel_times: dict[str, deque[float]] = defaultdict(deque)
        self._sockets: list[web.WebSocketResponse] = []
        self._seq = 0
        self.app = web.Application()
        self.app.router.add_get("/gateway", self._gateway)
        self.app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)

    # -- lifecycle -----------------------------------------------------------------------

    async def start(self) -> FakeDiscord:
        """Serve on a free loopback port."""
        self._runner = web.AppRunner(self.app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        """Close the sockets and the server."""
        for ws in self._sockets:
            if not ws.closed:
                await ws.close()
        await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        """What [discord] api_base should say."""
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway(self) -> str:
        """What [discord] gateway_url should say."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    def webhook_url(self, webhook_id: str = "1500000000000000001",
                    token: str = "hooktoken-" + "x" * 60) -> str:
        """An incoming-webhook URL served by this fake."""
        return f"http://127.0.0.1:{self.port}/api/webhooks/{webhook_id}/{token}"

    # -- what tests look at --------------------------------------------------------------

    def fail(self, method: str, path_pattern: str, *statuses: int) -> None:
        """Answer the next matching requests with these statuses (429, 500, 404...)."""
        self.faults.append((method, re.compile(path_pattern), deque(statuses)))

    def sent(self, method: str, pattern: str) -> list[Recorded]:
        """Requests that matched, whatever their answer."""
        regex = re.compile(pattern)
        return [r for r in self.requests if r.method == method and regex.fullmatch(r.path)]

    def channel_messages(self, channel_id: str | None = None) -> list[dict[str, Any]]:
        """The messages that exist in channels (each nonce once), oldest first."""
        return [m for m in self.messages.values() if m.get("kind") == "channel"
                and (channel_id is None or m["channel_id"] == channel_id)]

    async def wait_for(self, condition: Callable[[], Any], within: float = 5.0) -> Any:
        """Poll until `condition()` is truthy; returns it."""
        deadline = time.monotonic() + within
        while not (result := condition()):
            if time.monotonic() > deadline:
                raise TimeoutError("fake Discord: condition not met in time")
            await asyncio.sleep(0.01)
        return result

    # -- REST ----------------------------------------------------------------------------

    def _message(self, body: dict[str, Any], channel_id: str, kind: str,
                 flags: int = 0) -> dict[str, Any]:
        message = {"id": str(next(self._ids)), "channel_id": channel_id, "author": BOT_USER,
                   "content": body.get("content") or "", "timestamp": TS,
                   "edited_timestamp": None, "tts": False, "mention_everyone": False,
                   "mentions": [], "mention_roles": [], "attachments": [],
                   "embeds": body.get("embeds") or [], "components": [], "pinned": False,
                   "type": 0, "flags": flags, "nonce": body.get("nonce")}
        self.messages[message["id"]] = message | {"kind": kind, "body": body}
        return message

    def _fault(self, method: str, path: str) -> int | None:
        for want, regex, statuses in self.faults:
            if want == method and statuses and regex.fullmatch(path):
                return statuses.popleft()
        return None

    def _limit(self, path: str) -> web.Response | None:
        """Discord's documented limits: 50/s for the bot, 5 per 5 s per channel route."""
        now = time.monotonic()
        while self._global_times and now - self._global_times[0] >= 1.0:
            self._global_times.popleft()
        if len(self._global_times) >= GLOBAL_LIMIT_PER_SECOND:
            return rate_limited(1.0 - (now - self._global_times[0]), is_global=True)
        channel = re.fullmatch(r"/channels/(\d+)/messages.*", path)
        if channel:
            times = self._channel_times[channel.group(1)]
            while times and now - times[0] >= CHANNEL_WINDOW_SECONDS:
                times.popleft()
            if len(times) >= CHANNEL_LIMIT:
                return rate_limited(CHANNEL_WINDOW_SECONDS - (now - times[0]))
            times.append(now)
        self._global_times.append(now)
        return None

    def _channel_headers(self, channel_id: str) -> dict[str, str]:
        times = self._channel_times[channel_id]
        remaining = max(CHANNEL_LIMIT - len(times), 0) if self.enforce_limits else CHANNEL_LIMIT
        reset_after = (CHANNEL_WINDOW_SECONDS - (time.monotonic() - times[0])) if times else 0
        return {"X-RateLimit-Limit": str(CHANNEL_LIMIT), "X-RateLimit-Remaining": str(remaining),
                "X-RateLimit-Reset-After": f"{max(reset_after, 0.001):.3f}",
                "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
                "X-RateLimit-Bucket": "fake-channel-messages"}

    async def _rest(self, request: web.Request) -> web.Response:
        path, method = "/" + request.match_info["tail"], request.method
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            body = json.loads(raw) if request.content_type == "application/json" else raw
        record = Recorded(method, path, body, dict(request.query))
        self.requests.append(record)
        response = await self._answer(request, method, path, body)
        record.status = response.status
        if response.status == 429:
            self.rate_limited_count += 1
        return response

    async def _answer(self, request: web.Request, method: str, path: str, body: Any
                      ) -> web.Response:
        if path == "/users/@me":
            if request.headers.get("Authorization") != f"Bot {VALID_TOKEN}":
                return json_response({"message": "401: Unauthorized", "code": 0}, 401)
            return json_response(BOT_USER)
        fault = self._fault(method, path)
        if fault == 429:
            return rate_limited(0.05)
        if fault is not None:
            return json_response({"message": f"fake fault {fault}", "code": 0}, fault)
        if self.enforce_limits and (limited := self._limit(path)):
            return limited
        if method == "GET" and path == "/oauth2/applications/@me":
            return json_response({"id": APP_ID, "name": "dpawatch", "description": "",
                                  "icon": None, "bot_public": False,
                                  "bot_require_code_grant": False, "owner": HUMAN,
                                  "verify_key": "00" * 32, "flags": 0})
        if method == "GET" and path == "/gateway/bot":
            return json_response({"url": self.gateway, "shards": 1, "session_start_limit": {
                "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}})
        if method == "PUT" and re.fullmatch(r"/applications/\d+/commands", path):
            self.commands = [dict(c, id=str(next(self._ids)), application_id=APP_ID,
                                  version="1") for c in body]
            return json_response(self.commands)
        if match := re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", path):
            return self._callback(match.group(1), body)
        if match := re.fullmatch(r"/channels/(\d+)/messages", path):
            response = self._channel_post(match.group(1), body)
            if self.hold_channel_responses is not None:
                await self.hold_channel_responses.wait()
            return response
        if match := re.fullmatch(r"/channels/(\d+)/messages/(\d+)", path):
            return self._edit(match.group(2), body, self._channel_headers(match.group(1)))
        if re.fullmatch(r"/webhooks/\d+/[^/]+", path) and method == "POST":
            flags = int(body.get("flags") or 0)
            return json_response(self._message(body, CHANNEL_ID, "webhook", flags))
        if match := re.fullmatch(r"/webhooks/\d+/[^/]+/messages/(@original|\d+)", path):
            if method == "DELETE":
                return web.Response(status=204)
            return self._edit(match.group(1), body, {})
        return json_response({"message": f"fake: unhandled {method} {path}", "code": 0}, 404)

    def _callback(self, interaction_id: str, body: dict[str, Any]) -> web.Response:
        data = body.get("data") or {}
        message = self._message(data, CHANNEL_ID, "interaction", int(data.get("flags") or 0))
        return json_response({
            "interaction": {"id": interaction_id, "type": 2,
                            "response_message_id": message["id"],
                            "response_message_loading": body["type"] == 5,
                            "response_message_ephemeral": bool(int(data.get("flags") or 0)
                                                               & 64)},
            "resource": {"type": body["type"], "message": message}})

    def _channel_post(self, channel_id: str, body: dict[str, Any]) -> web.Response:
        nonce = body.get("nonce")
        if body.get("enforce_nonce") and nonce and (channel_id, nonce) in self._nonces:
            # Discord's enforce_nonce: the same nonce again returns the first message.
            return json_response(self.messages[self._nonces[(channel_id, nonce)]],
                                 headers=self._channel_headers(channel_id))
        message = self._message(body, channel_id, "channel")
        if nonce:
            self._nonces[(channel_id, nonce)] = message["id"]
        if self.on_channel_message:
            self.on_channel_message(message)
        return json_response(message, headers=self._channel_headers(channel_id))

    def _edit(self, message_id: str, body: dict[str, Any], headers: dict[str, str]
              ) -> web.Response:
        if message_id == "@original":
            message_id = next(reversed(self.messages), "")
        if message_id not in self.messages:
            return json_response({"message": "Unknown Message", "code": 10008}, 404)
        stored = self.messages[message_id]
        stored.update({k: body[k] for k in ("content", "embeds") if k in body},
                      edited_timestamp=TS, body=body)
        reply = {k: v for k, v in stored.items() if k not in ("kind", "body")}
        return json_response(reply, headers=headers)

    # -- gateway -------------------------------------------------------------------------

    async def _send_op(self, ws: web.WebSocketResponse, op: int, data: Any = None,
                       event: str | None = None) -> None:
        if op == 0:
            self._seq += 1
        await ws.send_str(json.dumps({"op": op, "d": data, "s": self._seq if op == 0 else None,
                                      "t": event}))

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await self._send_op(ws, 10, {"heartbeat_interval": 41250})
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            payload = json.loads(message.data)
            if payload["op"] == 1:
                await self._send_op(ws, 11)
            elif payload["op"] == 2:
                await self._send_op(ws, 0, {
                    "v": 10, "user": BOT_USER, "session_id": "fake-session",
                    "guilds": [{"id": GUILD_ID, "unavailable": True},
                               {"id": OTHER_GUILD_ID, "unavailable": True}],
                    "resume_gateway_url": self.gateway, "shard": [0, 1],
                    "application": {"id": APP_ID, "flags": 0}}, "READY")
                for guild_id, channel_id in ((GUILD_ID, CHANNEL_ID),
                                             (OTHER_GUILD_ID, OTHER_CHANNEL_ID)):
                    await self._send_op(ws, 0, guild_payload(guild_id, channel_id),
                                        "GUILD_CREATE")
        return ws

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway event to every connected bot."""
        for ws in self._sockets:
            if not ws.closed:
                await self._send_op(ws, 0, data, event)

    async def slash(self, name: str, *, guild_id: str = GUILD_ID,
                    channel_id: str = CHANNEL_ID, permissions: str = ALL_PERMISSIONS,
                    **options: Any) -> str:
        """A member runs /name with options; returns the interaction token."""
        return await self._interaction(2, name, guild_id, channel_id, permissions, [
            {"name": k, "type": OPTION_TYPES[type(v)], "value": v}
            for k, v in options.items()])

    async def autocomplete(self, name: str, focused: str, **options: Any) -> str:
        """A member types into option `focused` of /name; returns the interaction token."""
        return await self._interaction(4, name, GUILD_ID, CHANNEL_ID, ALL_PERMISSIONS, [
            {"name": k, "type": 3, "value": v, **({"focused": True} if k == focused else {})}
            for k, v in options.items()])

    async def _interaction(self, kind: int, name: str, guild_id: str, channel_id: str,
                           permissions: str, options: list[dict[str, Any]]) -> str:
        token = f"itok{next(self._ids)}"
        command_id = next((c["id"] for c in self.commands if c["name"] == name),
                          str(next(self._ids)))
        await self.dispatch("INTERACTION_CREATE", {
            "id": str(next(self._ids)), "application_id": APP_ID, "type": kind,
            "token": token, "version": 1, "guild_id": guild_id, "channel_id": channel_id,
            "channel": channel_payload(guild_id, channel_id),
            "member": {"user": HUMAN, "roles": [], "joined_at": TS, "deaf": False,
                       "mute": False, "permissions": permissions, "flags": 0},
            "app_permissions": ALL_PERMISSIONS, "locale": "en-US", "guild_locale": "en-US",
            "entitlements": [], "attachment_size_limit": 8388608,
            "authorizing_integration_owners": {"0": guild_id}, "context": 0,
            "data": {"id": command_id, "name": name, "type": 1, "guild_id": guild_id,
                     "options": options}})
        return token

    def callbacks(self, token: str) -> list[Recorded]:
        """The interaction callbacks sent for one interaction."""
        return [r for r in self.requests if r.method == "POST"
                and re.fullmatch(rf"/interactions/\d+/{token}/callback", r.path)]

    def followups(self, token: str) -> list[Recorded]:
        """The followup messages sent for one interaction."""
        return [r for r in self.requests if r.method == "POST"
                and r.path == f"/webhooks/{APP_ID}/{token}"]

    async def reply_to(self, token: str, within: float = 5.0) -> dict[str, Any]:
        """The visible answer to an interaction: its type-4 callback data, or its
        first followup after a defer (the body, with `flags`)."""
        def found() -> dict[str, Any] | None:
            for callback in self.callbacks(token):
                if callback.body["type"] in (4, 8):
                    return dict(callback.body["data"])
            followups = self.followups(token)
            return dict(followups[0].body) if followups else None

        return await self.wait_for(found, within)


def channel_payload(guild_id: str, channel_id: str) -> dict[str, Any]:
    """A guild text channel."""
    return {"id": channel_id, "type": 0, "guild_id": guild_id, "name": "alerts", "position": 0,
            "permission_overwrites": [], "nsfw": False, "parent_id": None}


def guild_payload(guild_id: str, channel_id: str) -> dict[str, Any]:
    """A GUILD_CREATE with one text channel."""
    return {"id": guild_id, "name": f"Guild {guild_id[-2:]}", "owner_id": HUMAN["id"],
            "member_count": 2, "roles": [{
                "id": guild_id, "name": "@everyone", "permissions": MEMBER_PERMISSIONS,
                "position": 0, "color": 0, "hoist": False, "managed": False,
                "mentionable": False, "flags": 0}],
            "channels": [channel_payload(guild_id, channel_id)], "members": [], "emojis": [],
            "stickers": [], "features": [], "threads": [], "stage_instances": [],
            "guild_scheduled_events": [], "voice_states": [], "presences": []}
