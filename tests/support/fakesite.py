"""A fake web of authority sites on 127.0.0.1, for tests and benchmarks. No mocks.

Each source is served from its own port (its own origin, so relative links and per-host
politeness behave as on the real web), from the fixture folder
tests/fixtures/sources/<source_id>/. The folder's site.toml maps URL paths to files:

    [routes]
    "/fr/rss.xml" = "feed.xml"                       # path (+ ?query) -> file in the folder
    "/api/search" = { file = "search.json", content_type = "application/json" }

`{base}` in any served file becomes the origin it is served from (http://127.0.0.1:PORT).
A robots.txt file in the folder is served at /robots.txt; otherwise robots.txt is a 404.
Every file has an ETag and a Last-Modified; If-None-Match / If-Modified-Since get a 304.
Other keys of site.toml ([[expect]]...) are for the tests and ignored here.

Usage:

    async with FakeSite() as site:
        source = await site.serve(builtin_source)        # a Source pointed at the fake
        origin = await site.serve_routes({"/feed.xml": Reply(body=b"...")})
        site.add_fault(source.url, Reply(status=500))   # the next request gets a 500
        site.set_reply(url, Reply(body=b"new"))         # the page changes from now on
        site.count(source.url)                          # requests seen for that URL
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import tomllib
from collections import defaultdict, deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from scrapers.models import Source
from scrapers.registry import point_source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"

#: When every fixture file was "last modified", for If-Modified-Since.
LAST_MODIFIED = "Mon, 04 Mar 2024 09:00:00 GMT"

_CONTENT_TYPES = {
    ".xml": "application/rss+xml; charset=utf-8", ".atom": "application/atom+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8", ".json": "application/json",
    ".txt": "text/plain; charset=utf-8", ".pdf": "application/pdf",
}


@dataclass
class Reply:
    """What the fake answers for one URL: a page, an error, a redirect, a slow answer."""

    status: int = 200
    body: bytes | str = b""
    content_type: str = "text/html; charset=utf-8"
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (timeouts)
    stream_bytes: int = 0  # send this many filler bytes instead of `body` (size caps)
    conditional: bool = True  # honour If-None-Match / If-Modified-Since

    def payload(self, origin: str) -> bytes:
        """The body with `{base}` replaced by the origin it is served from."""
        raw = self.body.encode() if isinstance(self.body, str) else self.body
        return raw.replace(b"{base}", origin.encode())


@dataclass(frozen=True)
class Hit:
    """One request the fake received."""

    method: str
    url: str
    headers: Mapping[str, str]


class FakeSite:
    """Local HTTP servers playing authority sites from fixture folders."""

    def __init__(self, fixtures: Path = FIXTURES) -> None:
        self.fixtures = fixtures
        self.hits: list[Hit] = []
        self._routes: dict[int, dict[str, Reply]] = {}
        self._faults: dict[str, deque[Reply]] = defaultdict(deque)
        self._runner: web.AppRunner | None = None

    async def __aenter__(self) -> FakeSite:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def start(self) -> None:
        """Start the (still empty) web application."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()

    async def stop(self) -> None:
        """Stop every server."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def serve(self, source: Source) -> Source:
        """Serve the source's fixture folder on a new port; the source pointed there."""
        folder = self.fixtures / source.id
        manifest = tomllib.loads((folder / "site.toml").read_text("utf-8"))
        routes: dict[str, Reply] = {}
        for path, spec in manifest.get("routes", {}).items():
            spec = {"file": spec} if isinstance(spec, str) else dict(spec)
            file = folder / spec.pop("file")
            content_type = spec.pop("content_type", _CONTENT_TYPES.get(file.suffix, "text/html"))
            routes[path] = Reply(body=file.read_bytes(), content_type=content_type, **spec)
        if (folder / "robots.txt").exists():
            routes["/robots.txt"] = Reply(body=(folder / "robots.txt").read_bytes(),
                                          content_type=_CONTENT_TYPES[".txt"])
        origin = await self.serve_routes(routes)
        return point_source(source, origin)

    async def serve_routes(self, routes: Mapping[str, Reply]) -> str:
        """Serve ad-hoc replies ("/path?query" -> Reply) on a new port; the origin."""
        assert self._runner is not None, "start() the FakeSite first"
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._routes[port] = dict(routes)
        return f"http://127.0.0.1:{port}"

    def add_fault(self, url: str, *replies: Reply) -> None:
        """The next requests to `url` get these replies, in order, then the normal one."""
        self._faults[_key(url)].extend(replies)

    def set_reply(self, url: str, reply: Reply) -> None:
        """From now on `url` answers with `reply` (a page that changed, or appeared)."""
        parts = urlsplit(url)
        self._routes[parts.port or 80][_key(url)] = reply

    def count(self, url: str) -> int:
        """How many requests reached `url`."""
        return sum(1 for hit in self.hits if _key(hit.url) == _key(url)
                   and urlsplit(hit.url).port == urlsplit(url).port)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        port = request.transport.get_extra_info("sockname")[1]  # type: ignore[union-attr]
        origin = f"http://127.0.0.1:{port}"
        url = origin + request.path_qs
        self.hits.append(Hit(request.method, url, dict(request.headers)))
        faults = self._faults.get(_key(url))
        reply = faults.popleft() if faults else self._routes.get(port, {}).get(request.path_qs)
        if reply is None:
            return web.Response(status=404, text="Not found", content_type="text/plain")
        if reply.delay:
            await asyncio.sleep(reply.delay)
        if reply.stream_bytes:
            return await _stream(request, reply)
        body = reply.payload(origin)
        headers = dict(reply.headers)
        if reply.status == 200 and reply.conditional:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            headers.setdefault("ETag", etag)
            headers.setdefault("Last-Modified", LAST_MODIFIED)
            if _unchanged(request, headers["ETag"], headers["Last-Modified"]):
                return web.Response(status=304, headers=headers)
        headers["Content-Type"] = reply.content_type
        return web.Response(status=reply.status, body=body, headers=headers)


def _key(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _unchanged(request: web.Request, etag: str, last_modified: str) -> bool:
    sent_etag = request.headers.get("If-None-Match")
    if sent_etag is not None:
        return etag in [tag.strip() for tag in sent_etag.split(",")]
    since = request.headers.get("If-Modified-Since")
    if since is None:
        return False
    try:
        return email.utils.parsedate_to_datetime(since) >= \
            email.utils.parsedate_to_datetime(last_modified)
    except (TypeError, ValueError):
        return False


async def _stream(request: web.Request, reply: Reply) -> web.StreamResponse:
    response = web.StreamResponse(status=reply.status,
                                  headers={"Content-Type": reply.content_type})
    await response.prepare(request)
    chunk = b"<p>filler</p>" * 5000
    sent = 0
    try:
        while sent < reply.stream_bytes:
            await response.write(chunk)
            sent += len(chunk)
    except (ConnectionResetError, RuntimeError):
        pass  # the client stopped reading at its cap, as it should
    return response


def fixture_manifest(source_id: str, fixtures: Path = FIXTURES) -> dict[str, Any]:
    """The parsed site.toml of a source's fixture folder."""
    return tomllib.loads((fixtures / source_id / "site.toml").read_text("utf-8"))
