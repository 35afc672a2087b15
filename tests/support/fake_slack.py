"""A fake Slack on 127.0.0.1, for tests: the Web API methods we call, response_url and
incoming-webhook endpoints. It records every call and keeps each channel's messages, so a
test asserts on what Slack would have shown. No mocks of our own code.

    async with FakeSlack() as slack:
        client = AsyncWebClient(token="xoxb-test", base_url=slack.api_base)
        slack.add_user("U1", admin=True)
        slack.fail("chat.postMessage", status=429, retry_after=1)   # the next call only
        slack.fail("chat.postMessage", status=500, times=3)         # the next three
        slack.hang_after_accept("chat.postMessage")  # store the message, never answer
        slack.calls_to("chat.postMessage"), slack.messages["C1"], slack.responses["r1"]

Methods: auth.test, chat.postMessage, chat.update, conversations.history, users.info.
Endpoints: POST /response/{name} (a command's response_url), POST /hooks/{name} (a webhook).
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TEAM_ID = "T0TEAM1"
BOT_USER_ID = "U0BOT"


@dataclass(frozen=True)
class Call:
    """One request the fake received."""

    method: str  # a Web API method, "response:<name>" or "webhook:<name>"
    params: dict[str, Any]
    authorization: str | None


@dataclass(frozen=True)
class Fault:
    status: int
    error: str
    retry_after: float | None = None


def _decode(params: dict[str, Any]) -> dict[str, Any]:
    # Form-encoded calls carry blocks and metadata as JSON strings; JSON calls as objects.
    for key in ("blocks", "metadata"):
        if isinstance(params.get(key), str):
            try:
                params[key] = json.loads(params[key])
            except ValueError:
                pass
    return params


def _truthy(value: Any) -> bool:
    return value in (True, 1, "1", "true", "True")


@dataclass
class FakeSlack:
    """The fake server; use as an async context manager."""

    team_id: str = TEAM_ID
    calls: list[Call] = field(default_factory=list)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    responses: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list))
    webhook_posts: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list))
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    channel_errors: dict[str, str] = field(default_factory=dict)
    #: Off: apps.connections.open is unknown (a refused app token looks the same).
    socket_mode: bool = False

    def __post_init__(self) -> None:
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._hanging: set[str] = set()
        self._release = asyncio.Event()
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._sockets: list[web.WebSocketResponse] = []
        self._acks: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._connected = asyncio.Event()

    # -- lifecycle ---------------------------------------------------------------------

    async def __aenter__(self) -> FakeSlack:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response_url)
        app.router.add_post("/hooks/{name}", self._webhook)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._release.set()
        for ws in self._sockets:
            await ws.close()
        if self._runner:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """The Web API base for AsyncWebClient (with its trailing slash)."""
        return f"{self.base_url}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.base_url}/response/{name}"

    def webhook_url(self, name: str) -> str:
        return f"{self.base_url}/hooks/{name}"

    # -- test controls -----------------------------------------------------------------

    def add_user(self, user_id: str, *, admin: bool = False, owner: bool = False) -> None:
        self.users[user_id] = {"id": user_id, "team_id": self.team_id, "name": user_id.lower(),
                               "is_admin": admin, "is_owner": owner, "is_primary_owner": owner}

    def fail(self, method: str, *, status: int = 500, error: str = "internal_error",
             retry_after: float | None = None, times: int = 1) -> None:
        """The next `times` calls of `method` (or "webhook") fail this way."""
        if status == 429:
            error = "ratelimited"
        self._faults[method].extend([Fault(status, error, retry_after)] * times)

    def hang_after_accept(self, method: str) -> None:
        """Calls of `method` are carried out, then never answered (a crash mid-send)."""
        self._hanging.add(method)

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    async def socket_envelope(self, kind: str, payload: dict[str, Any],
                              wait: float = 5.0) -> dict[str, Any]:
        """Send a Socket Mode envelope (e.g. "slash_commands") to the connected app and
        return its acknowledgement (`{"envelope_id": ..., "payload": ...}`)."""
        await asyncio.wait_for(self._connected.wait(), wait)
        envelope_id = f"env-{next(self._ts)}"
        acked = self._acks[envelope_id] = asyncio.get_running_loop().create_future()
        await self._sockets[-1].send_json({"envelope_id": envelope_id, "type": kind,
                                           "accepts_response_payload": True,
                                           "payload": payload})
        return await asyncio.wait_for(acked, wait)

    # -- handlers ----------------------------------------------------------------------

    def _apps_connections_open(self, params: dict[str, Any]) -> dict[str, Any]:
        if not self.socket_mode:
            return {"ok": False, "error": "unknown_method"}
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        """Slack's Socket Mode: hello, then envelopes down and acknowledgements up."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json({"type": "hello", "num_connections": 1,
                            "debug_info": {"host": "fake"}, "connection_info": {}})
        self._connected.set()
        async for message in ws:
            if message.type != web.WSMsgType.TEXT:
                continue
            ack = message.json()
            future = self._acks.pop(ack.get("envelope_id", ""), None)
            if future is not None and not future.done():
                future.set_result(ack)
        return ws

    def _fault_reply(self, method: str) -> web.Response | None:
        if not self._faults[method]:
            return None
        fault = self._faults[method].popleft()
        headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None \
            else {}
        if fault.status >= 500:
            return web.Response(status=fault.status, text="upstream error", headers=headers)
        return web.json_response({"ok": False, "error": fault.error}, status=fault.status,
                                 headers=headers)

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                params.update(await request.json())
            else:
                params.update(await request.post())
        params = _decode(params)
        self.calls.append(Call(method, params, request.headers.get("Authorization")))
        fault = self._fault_reply(method)
        if fault is not None:
            return fault
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        answer: dict[str, Any] = handler(params)
        if method in self._hanging:
            await self._release.wait()
        return web.json_response(answer)

    def _auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": "https://fake.slack.test/", "team": "Fake team",
                "team_id": self.team_id, "user": "dpawatch", "user_id": BOT_USER_ID,
                "bot_id": "B0BOT", "is_enterprise_install": False}

    def _channel_error(self, channel: str) -> dict[str, Any] | None:
        error = self.channel_errors.get(channel)
        return {"ok": False, "error": error} if error else None

    def _chat_postMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel"))
        if refused := self._channel_error(channel):
            return refused
        n = next(self._ts)
        message = {"type": "message", "user": BOT_USER_ID, "bot_id": "B0BOT",
                   "ts": f"{1_700_000_000 + n}.{n:06d}", "text": params.get("text", ""),
                   "blocks": params.get("blocks", []), "params": params}
        if params.get("metadata"):
            message["metadata"] = params["metadata"]
        self.messages[channel].append(message)
        return {"ok": True, "channel": channel, "ts": message["ts"],
                "message": {k: v for k, v in message.items() if k != "params"}}

    def _chat_update(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel"))
        if refused := self._channel_error(channel):
            return refused
        for message in self.messages[channel]:
            if message["ts"] == params.get("ts"):
                message.update(text=params.get("text", ""), blocks=params.get("blocks", []),
                               edited=True, params=params)
                return {"ok": True, "channel": channel, "ts": message["ts"]}
        return {"ok": False, "error": "message_not_found"}

    def _conversations_history(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel"))
        if refused := self._channel_error(channel):
            return refused
        limit = int(params.get("limit") or 100)
        with_metadata = _truthy(params.get("include_all_metadata"))
        newest_first = list(reversed(self.messages[channel]))[:limit]
        shown = [{k: v for k, v in m.items()
                  if k != "params" and (with_metadata or k != "metadata")}
                 for m in newest_first]
        return {"ok": True, "messages": shown, "has_more": len(self.messages[channel]) > limit}

    def _users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(params.get("user")))
        return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}

    async def _response_url(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        payload = await request.json()
        self.calls.append(Call(f"response:{name}", payload, None))
        self.responses[name].append(payload)
        return web.Response(text="ok")

    async def _webhook(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        payload = await request.json()
        self.calls.append(Call(f"webhook:{name}", payload, None))
        if self._faults["webhook"]:
            fault = self._faults["webhook"].popleft()
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after else {}
            return web.Response(status=fault.status, text=fault.error, headers=headers)
        self.webhook_posts[name].append(payload)
        return web.Response(text="ok")
