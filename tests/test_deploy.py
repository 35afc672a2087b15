"""The deployment files keep their essentials. Docker cannot run here, so the Dockerfile
is read, not built: multi-stage, pinned install, non-root, volume, health check.
"""

from __future__ import annotations

import configparser
import re
import shlex
from pathlib import Path

from bot.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments gone."""
    joined = re.sub(r"\\\n", " ", "\n".join(
        line for line in text.splitlines() if not line.lstrip().startswith("#")))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1].strip())
            for line in joined.splitlines() if line.strip()]


def test_dockerfile_essentials() -> None:
    steps = instructions((ROOT / "Dockerfile").read_text())
    stages = [args for op, args in steps if op == "FROM"]
    assert len(stages) >= 2 and " AS builder" in stages[0]
    runtime = steps[max(i for i, (op, _) in enumerate(steps) if op == "FROM"):]
    installs = [args for op, args in steps if op == "RUN" and "pip install" in args]
    assert installs and all("-c constraints.txt" in args for args in installs)
    assert ("COPY", "--from=builder /opt/dpawatch /opt/dpawatch") in runtime
    assert not any(op == "RUN" and "pip install" in args for op, args in runtime)
    users = [args for op, args in runtime if op == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert any(op == "VOLUME" and "/data" in args for op, args in runtime)
    health = next(args for op, args in runtime if op == "HEALTHCHECK")
    assert "dpawatch" in health and "doctor" in health


def test_the_health_check_and_unit_commands_exist() -> None:
    """`doctor --offline`, as the Dockerfile and the unit call it, is a valid command line."""
    parser = build_parser()
    args = parser.parse_args(["doctor", "--offline"])
    assert args.command == "doctor" and args.offline


def test_systemd_unit_is_hardened() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string((ROOT / "deploy" / "dpawatch.service").read_text())
    service = unit["Service"]
    assert service["User"] == "dpawatch" and service["Restart"] == "on-failure"
    assert service["ProtectSystem"] == "strict"
    assert service["ReadWritePaths"] == "/var/lib/dpawatch"
    assert service["EnvironmentFile"].lstrip("-").startswith("/etc/dpawatch/")
    assert service["NoNewPrivileges"] == "true"
    assert shlex.split(service["ExecStart"])[1:] == ["run"]
    assert unit["Install"]["WantedBy"] == "multi-user.target"
