"""numba for the compiled kernels, with an on-disk cache that works wherever we run.

Why: compiling the partition kernels takes tens of seconds, loading them from
numba's cache a fraction of one, so every process after the first must find the
cache. numba keeps it in ``__pycache__`` beside the source when it can write
there, else in the user's cache folder; when the package is installed read-only
and the home folder is not writable either (a locked-down server, a container),
it would refuse to decorate at all. So, before numba is imported, a package
folder we cannot write sends the cache to a folder of our own in the system's
temporary folder (``NUMBA_CACHE_DIR``, unless the environment already names
one), and a function numba still cannot cache is compiled without the cache
rather than failing.

Only the modules holding kernels import this one, and only the searches that
need them import those (numba takes about a second to import): see
``partition_exact`` and ``coalitions``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def writable(folder: Path) -> bool:
    """Whether numba could keep its cache in ``folder/__pycache__``."""
    cache = folder / "__pycache__"
    if cache.is_dir():
        return os.access(cache, os.W_OK | os.X_OK)
    return os.access(folder, os.W_OK | os.X_OK)


def cache_dir(environ: Mapping[str, str], package_dir: Path = PACKAGE_DIR) -> str | None:
    """The ``NUMBA_CACHE_DIR`` to set, or ``None`` to leave numba's own choice.

    ``None`` when the environment names a folder already, or when the cache can
    live beside the source (numba's first choice, shared by every process that
    runs this copy of the code).
    """
    if environ.get("NUMBA_CACHE_DIR") or writable(package_dir):
        return None
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return str(Path(tempfile.gettempdir()) / f"sharedservices-numba-{uid}")


def _prepare() -> None:
    folder = cache_dir(os.environ)
    if folder is None:
        return
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return  # numba falls back to its user-wide folder, or to no cache (below)
    os.environ["NUMBA_CACHE_DIR"] = folder


_prepare()

import numba  # noqa: E402  (after the cache folder is chosen: numba reads it on import)

nb = numba


def njit(**options) -> Callable:
    """``numba.njit(cache=True, **options)``; without the cache if it cannot be kept."""

    def decorate(fn: Callable) -> Callable:
        try:
            return numba.njit(cache=True, **options)(fn)
        except RuntimeError:  # "cannot cache function ...: no locator available"
            return numba.njit(**options)(fn)

    return decorate
