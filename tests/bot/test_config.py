"""Config: where it comes from, what it accepts, and one clear line for what it refuses."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from bot.config import ConfigError, documented_keys, load_settings, parse_settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "config.example.toml"


def test_the_example_documents_every_setting_with_its_default() -> None:
    example = tomllib.loads(EXAMPLE.read_text())
    documented = {section: dict(values) for section, values in example.items()
                  if section != "sources"}
    expected = {section: {key: default for key, (default, _help) in keys.items()}
                for section, keys in documented_keys().items()}
    assert documented == expected


def test_the_example_carries_each_settings_help_text() -> None:
    text = EXAMPLE.read_text()
    for section, keys in documented_keys().items():
        for key, (_default, help_text) in keys.items():
            assert f"# {help_text}\n{key} = " in text, f"{section}.{key} help is stale"


def test_the_example_loads() -> None:
    settings = load_settings(str(EXAMPLE))
    assert settings.storage.path == "dpawatch.db"


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    settings = load_settings(env={}, cwd=tmp_path)
    assert settings.origin == "built-in defaults"
    assert settings.polling.interval_minutes == 60


def test_the_file_is_found_by_flag_then_env_then_cwd(tmp_path: Path) -> None:
    for name, minutes in (("flag.toml", 1), ("env.toml", 2), ("dpawatch.toml", 3)):
        (tmp_path / name).write_text(f"[polling]\ninterval_minutes = {minutes}\n")
    env = {"DPAWATCH_CONFIG": str(tmp_path / "env.toml")}
    flag = str(tmp_path / "flag.toml")
    assert load_settings(flag, env=env, cwd=tmp_path).polling.interval_minutes == 1
    assert load_settings(None, env=env, cwd=tmp_path).polling.interval_minutes == 2
    assert load_settings(None, env={}, cwd=tmp_path).polling.interval_minutes == 3


@pytest.mark.parametrize(("toml", "message"), [
    ("[polling]\ninterval_minutes = 'often'", "polling.interval_minutes: expected int"),
    ("[polling]\ninterval_minutes = true", "polling.interval_minutes: expected int"),
    ("[polling]\ninterval_minutes = 0", "polling.interval_minutes: must be at least 1"),
    ("[polling]\nmin_delay_seconds = -1", "polling.min_delay_seconds: must not be negative"),
    ("[polling]\nintervall = 5", "polling.intervall: unknown key"),
    ("[storage]\npath = 3", "storage.path: expected str"),
    ("[log]\nlevel = 'loud'", "log.level: must be one of"),
    ("[chat]\nx = 1", "chat: unknown section"),
    ("storage = 'x'", "storage: expected a table"),
    ("[[sources]]\nurl = 'https://x.example/rss'", "sources[0].id: missing"),
    ("[[sources]]\nid = 'a'\nurl = 'ftp://x.example/rss'", "sources[0].url: not an http(s)"),
    ("[[sources]]\nid = 'a'\nurl = 'not a url'", "sources[0].url: not an http(s)"),
    ("[[sources]]\nid = 'a'\nenabled = 'no'", "sources[0].enabled: expected bool"),
    ("[storage\npath = 'x'", "invalid TOML"),
    ("[[subscriptions]]\nmin_eur = 5.0", "subscriptions[0]: needs exactly one of"),
    ("[[subscriptions]]\ndiscord_webhook = 'nope'", "subscriptions[0].discord_webhook: not an"),
    ("[[subscriptions]]\nslack_webhook = 'https://h.example/x'\nkinds = 'fine'",
     "subscriptions[0].kinds: expected a list of strings"),
    ("[[subscriptions]]\nslack_webhook = 'https://h.example/x'\nchannel = 'x'",
     "subscriptions[0].channel: unknown key"),
    ("[discord]\napi_base = 'discord.com'", "discord.api_base: not an http(s) URL"),
    ("[slack]\nmode = 'carrier-pigeon'", "slack.mode: must be one of"),
    ("[slack]\nmanager_user_ids = 'U1'", "slack.manager_user_ids: expected a list"),
])
def test_a_bad_config_is_one_line_naming_the_key(tmp_path: Path, toml: str,
                                                 message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError) as caught:
        load_settings(str(path))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_missing_or_binary_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(str(tmp_path / "absent.toml"))
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings(str(binary))


def test_loopback_source_urls_are_accepted() -> None:
    settings = parse_settings({"sources": [{"id": "mirror", "url": "http://127.0.0.1:8000/r"}]})
    assert settings.sources[0]["url"] == "http://127.0.0.1:8000/r"


def test_secrets_come_from_the_environment_only_and_never_show() -> None:
    settings = parse_settings({}, env={"DISCORD_TOKEN": "very-secret-token-value"})
    assert settings.secrets.discord_token == "very-secret-token-value"
    assert "very-secret" not in repr(settings)
    with pytest.raises(ConfigError, match="unknown section"):
        parse_settings({"discord_token": "x"})


def test_every_documented_key_has_help() -> None:
    for keys in documented_keys().values():
        for _key, (_default, help_text) in keys.items():
            assert re.match(r"^[A-Z].*\.$", help_text)
