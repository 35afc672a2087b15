"""Data flows one way: scrapers -> storage -> bot (docs/adr/0001-pipeline-and-boundaries.md).

An AST check rather than import-linter: it needs nothing installed and reads every import,
including the ones inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# package -> the first-party modules it may import (prefixes)
ALLOWED = {
    "scrapers": ("scrapers",),
    "storage": ("storage", "scrapers.models"),
    "bot": ("bot", "scrapers", "storage"),
}
FIRST_PARTY = tuple(ALLOWED)


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_package_imports_only_what_it_may(package: str) -> None:
    wrong = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in imports_of(path):
            if name.split(".")[0] not in FIRST_PARTY:
                continue
            if not any(name == ok or name.startswith(ok + ".") for ok in ALLOWED[package]):
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []


def test_only_bot_discord_imports_discord_and_only_bot_slack_imports_slack() -> None:
    wrong = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv", "tests", "bench")):
            continue
        for name in imports_of(path):
            top = name.split(".")[0]
            if top == "discord" and not relative.startswith("bot/discord/"):
                wrong.append(f"{relative} imports {name}")
            if top in ("slack_sdk", "slack_bolt") and not relative.startswith("bot/slack/"):
                wrong.append(f"{relative} imports {name}")
    assert wrong == []


def test_no_sql_outside_storage() -> None:
    wrong = []
    for package in ("scrapers", "bot"):
        for path in sorted((ROOT / package).rglob("*.py")):
            text = path.read_text()
            if "sqlite3" in imports_of(path) or "sqlite_utils" in text:
                wrong.append(str(path.relative_to(ROOT)))
    assert wrong == []
