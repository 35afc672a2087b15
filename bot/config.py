"""Settings: typed, with defaults and help in code, from one TOML file, secrets from env.

Where the file comes from: --config PATH, else $DPAWATCH_CONFIG, else ./dpawatch.toml when
present, else the defaults. config.example.toml documents every key; a test keeps the two
in step. Secrets (chat tokens) are read only from the environment and never logged.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ENV_CONFIG = "DPAWATCH_CONFIG"
DEFAULT_CONFIG_FILE = "dpawatch.toml"
SECRET_ENV = ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")


class ConfigError(Exception):
    """A config problem, as one line that names the key: `polling.interval_minutes: ...`."""


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class StorageSettings:
    path: str = _setting("dpawatch.db", "The SQLite archive file (created when missing).")
    keep_deliveries_days: int = _setting(
        180, "Days a settled alert delivery is kept (to edit its message on a correction).")


@dataclass(frozen=True)
class PollingSettings:
    interval_minutes: int = _setting(
        60, "Minutes between two polls of a source, unless the source sets its own.")
    builtin_sources: bool = _setting(
        True, "Poll the built-in sources; false polls only the [[sources]] of this file.")
    user_agent_contact: str = _setting(
        "", "A URL or e-mail sent in the User-Agent so that a site can reach the operator.")
    min_delay_seconds: float = _setting(
        2.0, "Minimum seconds between two requests to one host (robots Crawl-delay wins).")
    timeout_seconds: float = _setting(30.0, "Seconds before one request is given up.")
    max_body_mb: float = _setting(10.0, "Largest body downloaded, in MB; larger is refused.")
    jitter_seconds: int = _setting(
        120, "Up to this many seconds added at random to each scheduled poll.")


@dataclass(frozen=True)
class LogSettings:
    level: str = _setting("info", "One of debug, info, warning or error.")
    format: str = _setting("text", "Either text (readable) or json (for log collectors).")


@dataclass(frozen=True)
class DiscordSettings:
    api_base: str = _setting(
        "https://discord.com/api/v10",
        "Discord's REST API base for the bot and webhooks (a fake one in tests).")
    gateway_url: str = _setting(
        "", "A gateway URL to use instead of the one Discord gives (tests and proxies).")
    admin_channel_id: str = _setting(
        "", "A channel id where the bot posts source health changes; empty for none.")


@dataclass(frozen=True)
class SlackSettings:
    api_base: str = _setting(
        "https://slack.com/api/", "Slack's Web API base, ending with / (a mock in tests).")
    mode: str = _setting(
        "socket", "Either socket (Socket Mode, no public URL) or http (Events API).")
    http_host: str = _setting(
        "0.0.0.0", "The address the HTTP endpoint listens on in http mode.")
    http_port: int = _setting(3000, "The port of the HTTP endpoint in http mode.")
    manager_user_ids: tuple[str, ...] = _setting(
        (), "Slack user ids that may change subscriptions besides admins and owners.")
    admin_channel_id: str = _setting(
        "", "A channel id where the app posts source health changes; empty for none.")


@dataclass(frozen=True)
class Secrets:
    """Chat credentials, from the environment only. repr hides them."""

    discord_token: str | None = field(default=None, repr=False)
    slack_bot_token: str | None = field(default=None, repr=False)
    slack_app_token: str | None = field(default=None, repr=False)
    slack_signing_secret: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, env: dict[str, str] | os._Environ[str]) -> Secrets:
        """Read the secrets; empty values count as absent."""
        return cls(*(env.get(name) or None for name in SECRET_ENV))


@dataclass(frozen=True)
class Settings:
    storage: StorageSettings = field(default_factory=StorageSettings)
    polling: PollingSettings = field(default_factory=PollingSettings)
    log: LogSettings = field(default_factory=LogSettings)
    discord: DiscordSettings = field(default_factory=DiscordSettings)
    slack: SlackSettings = field(default_factory=SlackSettings)
    #: Alert-only subscriptions, as written ([[subscriptions]]), checked by
    #: `subscription_entries`.
    subscriptions: tuple[dict[str, Any], ...] = ()
    #: Declared sources, as written ([[sources]]): scrapers.registry validates and merges
    #: them with the built-in registry.
    sources: tuple[dict[str, Any], ...] = ()
    secrets: Secrets = field(default_factory=Secrets)
    origin: str = "built-in defaults"  # where the settings came from, for `run` to say


SECTIONS: dict[str, type] = {
    "storage": StorageSettings,
    "polling": PollingSettings,
    "log": LogSettings,
    "discord": DiscordSettings,
    "slack": SlackSettings,
}
_CHOICES = {("log", "level"): ("debug", "info", "warning", "error"),
            ("log", "format"): ("text", "json"), ("slack", "mode"): ("socket", "http")}
_URL_KEYS = {("discord", "api_base"), ("slack", "api_base")}
# The fields of a [[sources]] entry that this file checks; scrapers.registry knows the rest.
_SOURCE_REQUIRED_WHEN_NEW = ("id", "authority", "country", "language", "kind", "url")


def _check_type(key: str, value: Any, expected: type) -> Any:
    if expected in (list, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{key}: expected a list of strings")
        return tuple(value)
    # bool is an int in Python; a config saying `interval_minutes = true` is still wrong.
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise ConfigError(
            f"{key}: expected {expected.__name__}, got {type(value).__name__} {value!r}")
    return value


def _section(name: str, table: Any) -> Any:
    cls = SECTIONS[name]
    if not isinstance(table, dict):
        raise ConfigError(f"{name}: expected a table [{name}]")
    known = {f.name: f for f in fields(cls)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(f"{name}.{key}: unknown key (known: {', '.join(known)})")
        expected = type(known[key].default)
        values[key] = _check_type(f"{name}.{key}", value, expected)
        choices = _CHOICES.get((name, key))
        if choices and value not in choices:
            raise ConfigError(f"{name}.{key}: must be one of {', '.join(choices)}")
        if isinstance(values[key], int | float) and values[key] < 0:
            raise ConfigError(f"{name}.{key}: must not be negative")
        if (name, key) in _URL_KEYS:
            check_url(f"{name}.{key}", value)
    if values.get("interval_minutes") == 0:
        raise ConfigError(f"{name}.interval_minutes: must be at least 1")
    return cls(**values)


def check_url(key: str, value: Any) -> str:
    """An http(s) URL with a host, loopback included (mirrors and tests use it)."""
    if not isinstance(value, str):
        raise ConfigError(f"{key}: expected a URL string, got {type(value).__name__}")
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError(f"{key}: not an http(s) URL: {value!r}")
    return value


def _sources(entries: Any) -> tuple[dict[str, Any], ...]:
    if not isinstance(entries, list):
        raise ConfigError("sources: expected an array of tables [[sources]]")
    for index, entry in enumerate(entries):
        where = f"sources[{index}]"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: expected a table")
        if not isinstance(entry.get("id"), str) or not entry["id"]:
            raise ConfigError(f"{where}.id: missing (every declared source needs an id)")
        if "url" in entry:
            check_url(f"{where}.url", entry["url"])
        if "enabled" in entry:
            _check_type(f"{where}.enabled", entry["enabled"], bool)
        if "interval_minutes" in entry:
            _check_type(f"{where}.interval_minutes", entry["interval_minutes"], int)
    return tuple(entries)


_SUBSCRIPTION_KEYS = {"discord_webhook", "slack_webhook", "authorities", "countries",
                      "min_eur", "kinds", "watch", "all_news"}


def _subscriptions(entries: Any) -> tuple[dict[str, Any], ...]:
    if not isinstance(entries, list):
        raise ConfigError("subscriptions: expected an array of tables [[subscriptions]]")
    for index, entry in enumerate(entries):
        where = f"subscriptions[{index}]"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: expected a table")
        unknown = sorted(set(entry) - _SUBSCRIPTION_KEYS)
        if unknown:
            raise ConfigError(f"{where}.{unknown[0]}: unknown key (known: "
                              f"{', '.join(sorted(_SUBSCRIPTION_KEYS))})")
        hooks = [k for k in ("discord_webhook", "slack_webhook") if k in entry]
        if len(hooks) != 1:
            raise ConfigError(f"{where}: needs exactly one of discord_webhook, slack_webhook")
        check_url(f"{where}.{hooks[0]}", entry[hooks[0]])
        for key in ("authorities", "countries", "kinds", "watch"):
            if key in entry:
                _check_type(f"{where}.{key}", entry[key], list)
        if "min_eur" in entry:
            _check_type(f"{where}.min_eur", entry["min_eur"], float)
        if "all_news" in entry:
            _check_type(f"{where}.all_news", entry["all_news"], bool)
    return tuple(entries)


def parse_settings(data: dict[str, Any], *, origin: str = "",
                   env: dict[str, str] | os._Environ[str] | None = None) -> Settings:
    """Settings from parsed TOML; raises ConfigError naming the first bad key."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in SECTIONS:
            values[key] = _section(key, value)
        elif key == "sources":
            values[key] = _sources(value)
        elif key == "subscriptions":
            values[key] = _subscriptions(value)
        else:
            known = ", ".join([*SECTIONS, "sources", "subscriptions"])
            raise ConfigError(f"{key}: unknown section (known: {known})")
    secrets = Secrets.from_env(os.environ if env is None else env)
    return Settings(**values, secrets=secrets, origin=origin or "built-in defaults")


def config_path(explicit: str | None, env: dict[str, str] | os._Environ[str] | None = None,
                cwd: Path | None = None) -> Path | None:
    """Which file to read: --config, else $DPAWATCH_CONFIG, else ./dpawatch.toml if present."""
    environ = os.environ if env is None else env
    if explicit:
        return Path(explicit)
    if environ.get(ENV_CONFIG):
        return Path(environ[ENV_CONFIG])
    candidate = (cwd or Path.cwd()) / DEFAULT_CONFIG_FILE
    return candidate if candidate.is_file() else None


def load_settings(explicit: str | None = None, *,
                  env: dict[str, str] | os._Environ[str] | None = None,
                  cwd: Path | None = None) -> Settings:
    """Load the settings in force; raises ConfigError with one clear line."""
    path = config_path(explicit, env, cwd)
    if path is None:
        return parse_settings({}, env=env)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the config file ({error.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    try:
        return parse_settings(data, origin=str(path), env=env)
    except ConfigError as error:
        raise ConfigError(f"{path}: {error}") from None


def documented_keys() -> dict[str, dict[str, tuple[Any, str]]]:
    """Every setting with its default and help, by section (for docs and the example test)."""
    return {
        name: {f.name: (list(f.default) if isinstance(f.default, tuple) else f.default,
                        f.metadata["help"]) for f in fields(cls)}
        for name, cls in SECTIONS.items()
    }
