"""Wiring shared by the commands: the archive, the sources in force, the fetcher."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.config import ConfigError, Settings

if TYPE_CHECKING:
    from scrapers.http import Fetcher
    from scrapers.models import Source
    from storage import Archive


def configured_sources(settings: Settings) -> list[Source]:
    """The built-in sources merged with the config's; a bad entry is a ConfigError."""
    from scrapers.registry import RegistryError, builtin_sources, merge_sources

    try:
        return merge_sources(builtin_sources(), list(settings.sources),
                             use_builtin=settings.polling.builtin_sources)
    except RegistryError as error:
        raise ConfigError(str(error)) from None


def open_archive(settings: Settings) -> Archive:
    """The configured archive, migrated; a file that cannot be opened is a ConfigError."""
    from storage import Archive, ArchiveError

    try:
        return Archive.open(settings.storage.path)
    except ArchiveError as error:
        raise ConfigError(str(error)) from None


def prepare(settings: Settings) -> tuple[Archive, list[Source]]:
    """The archive with the registry in force recorded, and the enabled sources."""
    from scrapers.registry import load_authorities

    sources = configured_sources(settings)
    archive = open_archive(settings)
    archive.sync_registry(load_authorities().values(), sources)
    return archive, [s for s in sources if s.enabled]


def make_fetcher(settings: Settings) -> Fetcher:
    """The polite fetcher, with the operator's contact and limits from the config."""
    from scrapers.http import Fetcher

    polling = settings.polling
    return Fetcher(contact=polling.user_agent_contact or "https://github.com/dpawatch/dpawatch",
                   min_delay=polling.min_delay_seconds, timeout=polling.timeout_seconds,
                   max_bytes=int(polling.max_body_mb * 1024 * 1024))


