"""Writing a whole output file (``report -o``, ``export --format sqlite -o``) without harming what the path names.

A regular file is replaced atomically: the new content is written aside, then
renamed over it, so a reader never sees half a file. A path that names
something else is never replaced: a device (``/dev/full``), a named pipe, a
terminal or ``/dev/stdout`` is written *through*, as ``open(path, "w")``
would (renaming over ``/dev/stdout`` would delete it for the whole machine
when run as root); a symbolic link keeps pointing where it did, and its
target is replaced.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Callable


def replace(path: Path | str, fill: Callable[[Path], None]) -> None:
    """Make ``path`` hold what ``fill(tmp)`` writes into the empty file ``tmp``.

    Errors are the OSError of the step that failed (ENOSPC while copying into
    a full device, ENOENT for a missing folder); the temporary file is removed.
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode  # follows links: what a write would reach
    except FileNotFoundError:
        mode = None
    special = mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)
    target = Path(os.path.realpath(path)) if path.is_symlink() and not special else path
    # beside the target, so the rename stays on one file system; a special file's folder may be /dev
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=None if special else target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        fill(tmp)
        if special:
            with open(tmp, "rb") as src, open(path, "wb") as dst:
                shutil.copyfileobj(src, dst)
        else:
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
