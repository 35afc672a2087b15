"""More `dpawatch` commands, one module each, found here at start.

A command module defines NAME, HELP, `add_arguments(parser)` and
`run(settings, args) -> int` (the exit status), and imports its heavy dependencies inside
`run`, so that every command starts fast. Adding a command touches no other file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from types import ModuleType


class UsageError(Exception):
    """A bad argument: one line on stderr, exit status 2."""


def command_modules() -> dict[str, ModuleType]:
    """The command modules of this package, by command name."""
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            found[module.NAME] = module
    return found


def add_parsers(subparsers: argparse._SubParsersAction,
                modules: dict[str, ModuleType]) -> None:
    """Register each module's sub-command."""
    for name, module in modules.items():
        parser = subparsers.add_parser(name, help=module.HELP)
        module.add_arguments(parser)
