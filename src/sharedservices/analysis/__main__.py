"""``python -m sharedservices.analysis appraise|share|coalitions FILE.json``.

JSON in, JSON out, through the same ``run`` functions the web app and the API
call. ``FILE`` may be ``-`` for standard input. On bad input the errors are
printed as ``{"errors": [{"path", "message"}]}`` on standard output, one line per
problem on standard error, and the exit code is 2.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys

COMMANDS = {
    "appraise": "sharedservices.analysis.appraisal",
    "share": "sharedservices.analysis.sharing",
    "coalitions": "sharedservices.analysis.coalitions",
}


def main(argv: list[str] | None = None) -> int:
    from sharedservices.analysis.errors import InputError, Problem

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
            result = module.run(data)
        except InputError as exc:
            err = exc
        else:
            json.dump(result, sys.stdout, indent=args.indent or None)
            sys.stdout.write("\n")
            return 0
    json.dump(err.as_dict(), sys.stdout, indent=args.indent or None)
    sys.stdout.write("\n")
    for problem in err.problems:
        print(f"error: {problem}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
