"""``python -m sharedservices.analysis appraise|share|coalitions FILE.json``.

JSON in, JSON out, through the same ``run`` functions the web app and the API
call; ``coalitions``' time limit counts from the start of the process. ``FILE``
may be ``-`` for standard input. On bad input the errors are printed as
``{"errors": [{"path", "message"}]}`` on standard output, one line per problem
on standard error, and the exit code is 2.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys

COMMANDS = {
    "appraise": "sharedservices.analysis.appraisal",
    "share": "sharedservices.analysis.sharing",
    "coalitions": "sharedservices.analysis.coalitions",
}


def main(argv: list[str] | None = None) -> int:
    from sharedservices.analysis.clock import process_started
    from sharedservices.analysis.errors import InputError, Problem

    started = process_started()  # coalitions' time limit counts from here

    parser = argparse.ArgumentParser(prog="python -m sharedservices.analysis")
    parser.add_argument("command", choices=sorted(COMMANDS))
    parser.add_argument("file", help="input JSON file, or - for standard input")
    parser.add_argument("--indent", type=int, default=2, help="JSON indent (default 2)")
    args = parser.parse_args(argv)

    try:
        if args.file == "-":
            data = json.load(sys.stdin)
        else:
            with open(args.file, encoding="utf-8") as fh:
                data = json.load(fh)
    except OSError as exc:
        err = InputError([Problem("$", f"cannot read {args.file}: {exc.strerror}")])
    except json.JSONDecodeError as exc:
        err = InputError([Problem("$", f"not valid JSON: {exc.msg} at line {exc.lineno}")])
    else:
        module = importlib.import_module(COMMANDS[args.command])
        try:
            result = (
                module.run(data, started=started)
                if args.command == "coalitions"
                else (module.run(data))
            )
        except InputError as exc:
            err = exc
        else:
            json.dump(result, sys.stdout, indent=args.indent or None)
            sys.stdout.write("\n")
            _end_if_solver_left_running()
            return 0
    json.dump(err.as_dict(), sys.stdout, indent=args.indent or None)
    sys.stdout.write("\n")
    for problem in err.problems:
        print(f"error: {problem}", file=sys.stderr)
    return 2


def _end_if_solver_left_running() -> None:
    """End the process now if a HiGHS solve given up at the deadline is still running
    (``packing_lp.ABANDONED``): the answer is written, and waiting for the solver to
    notice would break the time limit. Standard output is flushed first."""
    solving = sys.modules.get("sharedservices.analysis.packing_lp")
    if solving is None or not any(t.is_alive() for t in solving.ABANDONED):
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    code = main()
    # End without the interpreter's tear-down of numba, HiGHS and scipy (a second or
    # two on a loaded machine, after the answer is written): the time limit covers the
    # whole process. Nothing is left to write but the two streams, flushed here.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
