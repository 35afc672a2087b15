"""Errors the commands report to people: one sentence, shown privately, never a traceback."""


class CommandError(Exception):
    """A refusal or a bad argument, worded for the person who typed the command."""
