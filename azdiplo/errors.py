"""Exit statuses and the typed errors that carry them.

Every domain error names what went wrong and what to do about it; the CLI
prints both on one line and exits with the error's status. Exit codes follow
grep: 0 found, 1 nothing matched, everything else a problem.
"""

from __future__ import annotations

import enum


class ExitStatus(enum.IntEnum):
    """The one table of exit codes (documented in README and ``--help``)."""

    OK = 0  # results were found / the command did its job
    NO_MATCH = 1  # the query matched nothing (like grep)
    USAGE = 2  # bad option, bad argument
    STORE = 3  # the store is missing, corrupt, locked, newer, unwritable
    MODEL = 4  # no spaCy model could be loaded
    INPUT = 5  # an input file was unreadable, undecodable, empty or too big
    UNKNOWN_ACTOR = 6  # --actor / actor NAME names nobody azdiplo knows
    INTERNAL = 70  # a bug (EX_SOFTWARE): rerun with --debug and report it
    INTERRUPTED = 130  # Ctrl-C


class AzdiploError(Exception):
    """Base of all errors azdiplo reports to the user.

    Args:
        what: what went wrong, one short clause.
        hint: what the user can do about it, one short clause.
    """

    status: ExitStatus = ExitStatus.USAGE

    def __init__(self, what: str, hint: str | None = None):
        super().__init__(what)
        self.what = what
        self.hint = hint

    def message(self) -> str:
        return f"{self.what} — {self.hint}" if self.hint else self.what


class UsageError(AzdiploError):
    status = ExitStatus.USAGE


class UnknownActorError(AzdiploError):
    """An ``--actor``/``actor NAME`` that no dictionary entry or stored actor has."""

    status = ExitStatus.UNKNOWN_ACTOR

    def __init__(self, name: str, suggestions: list[str]):
        hint = (
            "did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
            if suggestions
            else "list known actors with 'azdiplo actors'"
        )
        super().__init__(f"unknown actor {name!r}", hint)
        self.name = name
        self.suggestions = suggestions


class StoreError(AzdiploError):
    status = ExitStatus.STORE


class ModelError(AzdiploError):
    status = ExitStatus.MODEL


class InputError(AzdiploError):
    status = ExitStatus.INPUT
