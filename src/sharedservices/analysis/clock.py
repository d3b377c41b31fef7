"""The partner finder's time limit as a wall-clock promise: one deadline for every phase.

``time_limit`` covers everything from the start (of the process, for the command line;
of ``run``, for a job worker) to the answer: reading, enumerating and valuing the
candidate partnerships, the bound, the search and writing the result. A ``Clock``
holds that deadline less a small reserve for writing the answer, and every long loop
asks it how much is left; a phase that finds no time left hands back what it has, and
the answer is the best found with its proven bound and gap.
"""

from __future__ import annotations

import os
import time

# Kept back from the search for what comes after it: each partnership's split (a few
# hundred Shapley values of at most 2**5 coalitions: 0.05 s, 0.2 s on a loaded machine)
# and writing the JSON. The search's deadline is ``limit - reserve`` after the start.
RESERVE_SECONDS = 0.6
RESERVE_SHARE = 0.02
# The same work in CPU seconds (0.15-0.3 s measured). On a machine busy with other work
# this process gets a fraction of a core, so the reserve in wall time is this divided by
# the share of a core the process has had so far (``Clock.settle``).
RESERVE_CPU_SECONDS = 0.3


class OutOfTime(Exception):
    """A phase reached the deadline; ``partial`` holds what it had done."""

    def __init__(self, partial=None) -> None:
        super().__init__("the time limit was reached")
        self.partial = partial


def process_started() -> float:
    """The ``time.perf_counter()`` reading at which this process started.

    From ``/proc/self/stat`` (start time in clock ticks since boot) against
    ``/proc/uptime``, so the interpreter's own start-up and the imports before
    any of our code runs count against the limit too. Where ``/proc`` is not
    there (not Linux), the moment of the call.
    """
    now = time.perf_counter()
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        age = uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return now
    # /proc/uptime has two decimals: never put the start in the future, or years back
    return now - age if 0.0 <= age < 3600.0 else now


class Clock:
    """The deadline of one search: ``limit`` seconds after ``started`` (a
    ``time.perf_counter()`` reading; now when not given), less the reserve for
    writing the answer."""

    def __init__(self, limit: float, started: float | None = None) -> None:
        self.started = time.perf_counter() if started is None else float(started)
        self.limit = float(limit)
        self.reserve = min(RESERVE_SECONDS + RESERVE_SHARE * self.limit, 0.2 * self.limit)
        self.deadline = self.started + self.limit - self.reserve
        self._since = (time.perf_counter(), time.process_time())

    def settle(self) -> float:
        """Move the deadline earlier when this process has been getting only a small
        share of a core (a loaded machine), so that writing the answer still fits;
        returns the deadline. Never later than before, never more than a third of the
        limit early."""
        wall = time.perf_counter() - self._since[0]
        cpu = time.process_time() - self._since[1]
        if wall > 0.2:
            share = min(1.0, max(cpu / wall, 0.05))
            reserve = min(max(self.reserve, RESERVE_CPU_SECONDS / share), self.limit / 3)
            self.deadline = min(self.deadline, self.started + self.limit - reserve)
        return self.deadline

    def left(self) -> float:
        """Seconds left for the search (negative once the deadline has passed)."""
        return self.deadline - time.perf_counter()

    def up(self) -> bool:
        return time.perf_counter() >= self.deadline

    def elapsed(self) -> float:
        return time.perf_counter() - self.started
