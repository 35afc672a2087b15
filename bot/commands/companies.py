"""`dpawatch companies`: the names the archive groups as one company, and corrections."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from bot.commands import UsageError
from bot.config import Settings
from bot.wiring import open_archive

NAME = "companies"
HELP = "list or correct which names belong to one company (link / unlink)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`companies`, `companies link OLD NEW`, `companies unlink NAME`."""
    parser.add_argument("action", nargs="?", choices=("list", "link", "unlink"),
                        default="list")
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help="link: OLD NEW (OLD is now known as NEW); unlink: NAME")


def run(settings: Settings, args: argparse.Namespace) -> int:
    """List the groups, or record a person's correction."""
    from scrapers.extract import normalise_defendant

    expected = {"list": 0, "link": 2, "unlink": 1}[args.action]
    if len(args.names) != expected:
        raise UsageError(f"dpawatch companies {args.action}: expects {expected} name(s)")
    archive = open_archive(settings)
    try:
        if args.action == "link":
            old, new = args.names
            if not archive.link_names(old, new, fold=normalise_defendant, origin="user",
                                      now=datetime.now(UTC), evidence="set by hand"):
                raise UsageError("dpawatch companies link: these names are the same company")
            print(f"{old!r} is now grouped with {new!r}.")
        elif args.action == "unlink":
            if not archive.unlink_name(normalise_defendant(args.names[0])):
                raise UsageError(f"dpawatch companies unlink: {args.names[0]!r} is not an alias")
            print(f"{args.names[0]!r} stands alone again.")
        else:
            rows = archive.company_aliases()
            if not rows:
                print("No names grouped yet.")
            for row in rows:
                print(f"{row['alias_name']}  ->  {row['company_name']}  ({row['origin']}: "
                      f"{row['evidence'][:80]})")
    finally:
        archive.close()
    return 0
