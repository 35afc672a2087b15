"""Shared fixtures: an in-memory archive, a fixed clock, and a clean environment."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import pytest

from bot.config import ENV_CONFIG, SECRET_ENV
from scrapers.http import Fetcher
from storage import Archive
from tests.support.fakesite import FakeSite


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's config or tokens."""
    for name in (ENV_CONFIG, *SECRET_ENV):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def archive() -> Iterator[Archive]:
    """A fresh, migrated archive in memory."""
    opened = Archive.open(":memory:")
    yield opened
    opened.close()


@pytest.fixture
def now() -> datetime:
    """A fixed 'now' so that tests never depend on the clock."""
    return datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


@pytest.fixture
async def site() -> AsyncIterator[FakeSite]:
    """Authority sites played on loopback (tests/support/fakesite.py)."""
    async with FakeSite() as fake:
        yield fake


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    """The real fetcher, without the politeness delays that would slow tests down."""
    async with Fetcher(min_delay=0.0, backoff_base=0.01, timeout=2.0, retries=1) as client:
        yield client
