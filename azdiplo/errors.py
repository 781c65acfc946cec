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
    OS_ERROR = 74  # the system refused (EX_IOERR): disk full, output unwritable, too many open files
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


class OSProblem(AzdiploError):
    """The operating system refused a read or a write outside the store and the articles (the output, mostly)."""

    status = ExitStatus.OS_ERROR


#: what to do about an OSError, by errno name
_OS_HINTS = {
    "ENOSPC": "free some disk space, or write the output elsewhere",
    "EDQUOT": "free some of your disk quota, or write the output elsewhere",
    "EROFS": "write the output to a writable file system",
    "EACCES": "check the permissions, or write the output elsewhere",
    "EPERM": "check the permissions, or write the output elsewhere",
    "EIO": "check the disk or device, then run the command again",
    "EMFILE": "raise the limit of open files (ulimit -n) or close other programs",
    "ENFILE": "close other programs, then run the command again",
    "ENOMEM": "free some memory, then run the command again",
    "EFBIG": "write the output to a file system that takes larger files, or split it",
}


def os_error(exc: OSError, doing: str) -> OSProblem:
    """An OSError as a one-line error: ``doing`` (``writing the output``), the system's reason, what to do."""
    import errno
    import os

    name = errno.errorcode.get(exc.errno or 0, "")
    reason = (exc.strerror or (os.strerror(exc.errno) if exc.errno else str(exc)) or type(exc).__name__).lower()
    hint = _OS_HINTS.get(name, "check the disk, the path and the system's limits, then run the command again")
    return OSProblem(f"{doing} failed: {reason}", hint)


#: an output path that names no file azdiplo can create: the argument is wrong, not the system
_BAD_PATH_ERRNOS = {"ENOENT", "ENOTDIR", "EISDIR", "ENAMETOOLONG", "ELOOP"}


def cannot_write(path: object, exc: OSError) -> AzdiploError:
    """Opening an output file (``-o FILE``) failed: a wrong path is a usage error, a refusal a system error."""
    import errno

    if errno.errorcode.get(exc.errno or 0, "") in _BAD_PATH_ERRNOS:
        return UsageError(f"cannot write {path} ({exc.strerror})", "check the path and its folder")
    return os_error(exc, f"writing {path}")
