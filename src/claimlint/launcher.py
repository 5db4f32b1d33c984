"""The `claimlint` command: `check --resident` goes to the resident process, the rest to `cli.main`.

Kept apart from `cli` so that a resident command imports almost nothing: the standard library's
`os` and `sys`, and `resident` (see there), not argparse and the CLI's modules.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # as in resident.py: typing is not imported for a resident command
if TYPE_CHECKING:
    from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if asks_resident(arguments):
        import signal

        from claimlint import resident

        # Ctrl-C interrupts the command, as cli.main makes it do in process, even when this process
        # was started with SIGINT ignored (a background job of a shell script, a test runner).
        previous = signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            code = resident.run_remote(arguments, os.environ) if resident.wanted(os.environ) else None
        except KeyboardInterrupt:  # before the command reached a child: nothing ran
            print("claimlint: interrupted", file=sys.stderr)
            return 130
        finally:
            signal.signal(signal.SIGINT, previous)
        if code is not None:
            return code
    from claimlint.cli import main as run_here

    return run_here(arguments)


def asks_resident(arguments: Sequence[str]) -> bool:
    """`--resident` among the options (before a `--`, after which every word is a path)."""
    options = arguments[: arguments.index("--")] if "--" in arguments else arguments
    return "--resident" in options
