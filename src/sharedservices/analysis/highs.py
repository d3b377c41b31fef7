"""A HiGHS solver object that never writes to standard output.

``highspy.Highs()`` prints its two-line banner ("Running HiGHS 1.16.0 ...") on
file descriptor 1 when it is constructed, before ``output_flag`` can be set, so
``python -m sharedservices.analysis coalitions`` would not write pure JSON. The
banner is written by C++ code, so replacing ``sys.stdout`` is not enough: the
descriptor itself is pointed at the null device around the construction.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading

_LOCK = threading.Lock()  # the descriptor swap is process-wide


def quiet_highs():
    """A ``highspy.Highs`` with logging off, constructed with fd 1 muted."""
    import highspy

    with _LOCK:
        with contextlib.suppress(AttributeError, ValueError):  # no stdout, or a closed one
            sys.stdout.flush()
        try:
            saved = os.dup(1)
        except OSError:  # no descriptor 1 at all: nothing to protect
            saved = None
        if saved is None:
            h = highspy.Highs()
        else:
            devnull = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(devnull, 1)
                h = highspy.Highs()
            finally:
                os.dup2(saved, 1)
                os.close(saved)
                os.close(devnull)
    h.setOptionValue("output_flag", False)
    return h
