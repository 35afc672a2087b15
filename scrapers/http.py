"""The one module that does HTTP: a polite, conditional, bounded fetcher over httpx.

One `Fetcher` is shared by every source of a run. It names itself in the User-Agent,
honours robots.txt (Crawl-delay included), sends one request at a time per host with a
minimum delay, revalidates with If-None-Match / If-Modified-Since, caps body size and
redirects, and retries 5xx, 429 and network errors with backoff and jitter.

Everything that goes wrong comes out as a `FetchError` with the URL, the status and a
one-line message for people. Imports only scrapers.models, scrapers.pages, scrapers.robots.
"""

from __future__ import annotations

import asyncio
import email.utils
import importlib.metadata
import logging
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from scrapers.models import Validators
from scrapers.pages import decode_bytes
from scrapers.robots import RobotsRules, rules_from_response

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """Base of every fetch failure; `str()` is one line for people."""

    def __init__(self, message: str, *, url: str, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class HttpStatusError(FetchError):
    """The server answered with an error status (after retries, where they apply)."""


class TooLarge(FetchError):
    """The body went past the size cap."""


class Disallowed(FetchError):
    """robots.txt does not let us fetch this URL."""


class TooManyRedirects(FetchError):
    """Redirects went on past the limit (or in a loop)."""


class NetworkError(FetchError):
    """Connection refused, reset, DNS failure, TLS failure or timeout."""


def user_agent(contact: str) -> str:
    """Our User-Agent: the tool, its version and how to reach whoever runs it."""
    try:
        version = importlib.metadata.version("dpawatch")
    except importlib.metadata.PackageNotFoundError:
        version = "0"
    return f"dpawatch/{version} (+{contact})"


@dataclass(frozen=True)
class FetchResult:
    """One answer: the body (empty on 304), where it came from, and validators to keep."""

    url: str  # the final URL, after redirects
    status: int
    content: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    validators: Validators = field(default_factory=Validators)

    @property
    def not_modified(self) -> bool:
        """True when the server said 304: what we had is still current."""
        return self.status == 304

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case ("" if none was sent)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def text(self) -> str:
        """The body decoded with the declared charset, the BOM or the meta tag."""
        return decode_bytes(self.content, _charset(self.headers.get("content-type", "")))


@dataclass
class Tally:
    """Requests made and body bytes downloaded, for one source or a whole run."""

    requests: int = 0
    bytes_downloaded: int = 0


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _retry_after(value: str | None, cap: float) -> float | None:
    """Seconds a Retry-After header asks for (delta or HTTP date), capped; None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(when.timestamp() - time.time(), 0.0), cap)


class _HostGate:
    """One request at a time per host, spaced by the larger of our delay and Crawl-delay."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.last_request = 0.0


class Fetcher:
    """A polite shared HTTP client for all sources of a run."""

    def __init__(
        self,
        *,
        contact: str = "https://github.com/dpawatch/dpawatch",
        client: httpx.AsyncClient | None = None,
        min_delay: float = 1.0,
        timeout: float = 20.0,
        max_bytes: int = 10 * 1024 * 1024,
        max_redirects: int = 5,
        retries: int = 3,
        backoff_base: float = 1.0,
        max_retry_after: float = 120.0,
        robots_ttl: float = 6 * 3600,
        respect_robots: bool = True,
    ) -> None:
        self.user_agent = user_agent(contact)
        self._own_client = client is None
        self._client = client or httpx.AsyncClient(timeout=timeout, follow_redirects=False)
        self._timeout = httpx.Timeout(timeout)
        self.min_delay = min_delay
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.retries = retries
        self.backoff_base = backoff_base
        self.max_retry_after = max_retry_after
        self.robots_ttl = robots_ttl
        self.respect_robots = respect_robots
        self.tally = Tally()
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, tuple[float, RobotsRules]] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the HTTP client if we created it (an injected one belongs to the caller)."""
        if self._own_client:
            await self._client.aclose()

    async def get(
        self,
        url: str,
        validators: Validators | None = None,
        *,
        method: str = "GET",
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        tally: Tally | None = None,
    ) -> FetchResult:
        """Fetch `url` conditionally; a 304 comes back as a result with `not_modified`."""
        request_headers = {"User-Agent": self.user_agent, **(headers or {})}
        if validators and validators.etag:
            request_headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            request_headers["If-Modified-Since"] = validators.last_modified
        seen: set[str] = set()
        current = url
        for _hop in range(self.max_redirects + 1):
            if current in seen:
                raise TooManyRedirects(f"Redirect loop at {current}", url=url)
            seen.add(current)
            result = await self._fetch_with_retries(current, method, json, request_headers, tally)
            if result.status not in REDIRECT_STATUSES:
                return self._finish(url, result, validators)
            location = result.headers.get("location")
            if not location:
                raise HttpStatusError(
                    f"HTTP {result.status} without Location from {current}",
                    url=current, status=result.status)
            current = urljoin(current, location)
            if result.status == 303:
                method, json = "GET", None
        raise TooManyRedirects(f"More than {self.max_redirects} redirects from {url}", url=url)

    def _finish(self, url: str, result: FetchResult, sent: Validators | None) -> FetchResult:
        if result.status == 304:
            kept = Validators(
                etag=result.headers.get("etag") or (sent.etag if sent else None),
                last_modified=result.headers.get("last-modified")
                or (sent.last_modified if sent else None))
            return FetchResult(url=result.url, status=304, headers=result.headers,
                               validators=kept)
        if result.status >= 400:
            raise HttpStatusError(f"HTTP {result.status} from {result.url}", url=result.url,
                                  status=result.status)
        fresh = Validators(etag=result.headers.get("etag"),
                           last_modified=result.headers.get("last-modified"))
        return FetchResult(url=result.url, status=result.status, content=result.content,
                           headers=result.headers, validators=fresh)

    async def _fetch_with_retries(
        self, url: str, method: str, json: Any, headers: Mapping[str, str],
        tally: Tally | None,
    ) -> FetchResult:
        attempt = 0
        while True:
            try:
                result = await self._fetch_once(url, method, json, headers, tally)
            except NetworkError:
                if attempt >= self.retries:
                    raise
                wait = self._backoff(attempt)
            else:
                if result.status not in RETRY_STATUSES or attempt >= self.retries:
                    return result
                asked = _retry_after(result.headers.get("retry-after"), self.max_retry_after)
                wait = asked if asked is not None else self._backoff(attempt)
            attempt += 1
            log.info("retrying %s in %.2fs (attempt %d)", url, wait, attempt + 1)
            await asyncio.sleep(wait)

    def _backoff(self, attempt: int) -> float:
        # Jitter keeps several pollers that failed together from retrying in lockstep.
        return self.backoff_base * (2**attempt) * (0.5 + random.random())

    async def _fetch_once(
        self, url: str, method: str, json: Any, headers: Mapping[str, str],
        tally: Tally | None,
    ) -> FetchResult:
        rules = await self._rules_for(url, tally)
        if not rules.allows(url):
            raise Disallowed(f"robots.txt disallows {url}", url=url)
        host = urlsplit(url).netloc
        gate = self._gates.setdefault(host, _HostGate())
        async with gate.lock:
            delay = max(self.min_delay, rules.crawl_delay())
            wait = gate.last_request + delay - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                return await self._send(url, method, json, headers, tally)
            finally:
                gate.last_request = time.monotonic()

    async def _send(
        self, url: str, method: str, json: Any, headers: Mapping[str, str],
        tally: Tally | None,
    ) -> FetchResult:
        counters = (self.tally, tally) if tally is not None else (self.tally,)
        for counter in counters:
            counter.requests += 1
        try:
            async with self._client.stream(method, url, json=json, headers=dict(headers),
                                           timeout=self._timeout,
                                           follow_redirects=False) as response:
                body = await self._read_capped(response, url)
        except httpx.TimeoutException as error:
            raise NetworkError(f"Timed out fetching {url}", url=url) from error
        except httpx.TransportError as error:
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise NetworkError(f"Network error fetching {url}: {reason}", url=url) from error
        for counter in counters:
            counter.bytes_downloaded += len(body)
        return FetchResult(url=str(response.url), status=response.status_code, content=body,
                           headers={k.lower(): v for k, v in response.headers.items()})

    async def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise TooLarge(f"Body of {url} is {int(declared)} bytes, over {self.max_bytes}",
                           url=url, status=response.status_code)
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise TooLarge(f"Body of {url} passed {self.max_bytes} bytes", url=url,
                               status=response.status_code)
            chunks.append(chunk)
        return b"".join(chunks)

    async def _rules_for(self, url: str, tally: Tally | None) -> RobotsRules:
        if not self.respect_robots:
            return RobotsRules()
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            cached = self._robots.get(origin)
            if cached and cached[0] > time.monotonic():
                return cached[1]
            rules = await self._download_robots(origin, tally)
            self._robots[origin] = (time.monotonic() + self.robots_ttl, rules)
            return rules

    async def _download_robots(self, origin: str, tally: Tally | None) -> RobotsRules:
        robots_url = f"{origin}/robots.txt"
        gate = self._gates.setdefault(urlsplit(origin).netloc, _HostGate())
        async with gate.lock:
            try:
                result = await self._send(robots_url, "GET", None,
                                          {"User-Agent": self.user_agent}, tally)
            except FetchError as error:
                # An unreachable or oversized robots.txt tells us nothing: allowed.
                log.debug("robots.txt of %s unavailable (%s): allowed", origin, error)
                return rules_from_response(None, "")
            finally:
                gate.last_request = time.monotonic()
        return rules_from_response(result.status, result.text)
