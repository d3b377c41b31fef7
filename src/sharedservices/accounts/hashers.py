"""Argon2id, with Django's parameters, computed without crowding out the pages.

A password check costs what it costs by design (Argon2id: 100 MiB and about 0.35 s of
CPU, spread over 8 lanes). The library runs each lane in a thread of its own, so one
sign-in puts 8 runnable threads in front of the scheduler, and the 13 sign-ins of a
busy start put a hundred: every page being served meanwhile got an eighth of its
share of the CPU, and took seconds.

Here each hash is computed in one thread per process kept at a lower priority (10
nicer than the process); the library's lane threads inherit it, so a sign-in's 8
lanes together weigh about what one page does (8 x 110 against 1024 in Linux's
scheduler). The hash, its parameters and its cost are Argon2PasswordHasher's,
unchanged: hashes verify either way, and an idle server computes one as fast as
before. Where the priority cannot be set (not Linux), the work runs at the normal one.
"""

from __future__ import annotations

import contextlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth.hashers import Argon2PasswordHasher

NICENESS = 10  # added to the process's own niceness, up to Linux's 19

_lock = threading.Lock()
_executor: tuple[int, ThreadPoolExecutor] | None = None


def _lower_priority() -> None:
    # On Linux, PRIO_PROCESS with a thread id sets that thread's niceness, and threads
    # it starts inherit it; elsewhere this may fail, and the work runs as it would.
    with contextlib.suppress(AttributeError, OSError):
        thread = threading.get_native_id()
        own = os.getpriority(os.PRIO_PROCESS, thread)
        os.setpriority(os.PRIO_PROCESS, thread, min(19, own + NICENESS))


def _hashing_thread() -> ThreadPoolExecutor:
    """This process's hashing thread (a forked worker starts its own)."""
    global _executor
    with _lock:
        if _executor is None or _executor[0] != os.getpid():
            _executor = (
                os.getpid(),
                ThreadPoolExecutor(
                    max_workers=1, thread_name_prefix="password-hash", initializer=_lower_priority
                ),
            )
        return _executor[1]


def run_at_low_priority(func, *args):
    """``func(*args)`` in this process's low-priority hashing thread; its result."""
    return _hashing_thread().submit(func, *args).result()


class LowPriorityArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2PasswordHasher (same algorithm name, parameters and hashes), run at a
    lower CPU priority. Listed first in ``PASSWORD_HASHERS``."""

    def encode(self, password, salt):
        return run_at_low_priority(super().encode, password, salt)

    def verify(self, password, encoded):
        return run_at_low_priority(super().verify, password, encoded)
