"""Write a folder whole or not at all: a staging folder beside the target, swapped in under a lock.

Used by both steps of a report (execute and render), so an interrupted or failed
step never leaves a half-written folder and never loses the earlier one.
"""

import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


class StepFailed(RuntimeError):
    """A step of the report could not finish for a reason other than bad input (the message says which)."""


def stage_logger(label: str) -> Callable[[str], None]:
    """A one-line-per-stage progress log on standard error, with elapsed seconds."""
    start = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{label} {time.perf_counter() - start:5.1f}s] {message}", file=sys.stderr, flush=True)

    return log


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the lock of ``folder`` (a file beside it): swaps and whole-folder reads of it are serialised."""
    with open(folder.parent / f".{folder.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` by ``staging`` with two renames under a lock; the old folder is removed afterwards.

    The lock serialises two runs for the same folder, so each swap sees a whole folder
    and the last run to finish wins; runs for other folders do not wait.
    """
    old = None
    with folder_lock(out):
        if out.exists():
            old = out.parent / f".{out.name}.old-{os.getpid()}"
            out.rename(old)
        staging.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A fresh staging folder beside ``out``, swapped in when the block succeeds and removed when it fails."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
    staging.chmod(0o755)
    try:
        yield staging
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
