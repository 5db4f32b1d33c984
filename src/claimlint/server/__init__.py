"""`claimlint server`: a Language Server Protocol server on standard input and output.

Built on pygls (the protocol) and lsprotocol (its types); imported only by this command.
project.py is claimlint's side (config, rules, corpus, one buffer), convert.py turns findings
into diagnostics, hovers and code actions, app.py wires them to the protocol's events.
"""

from __future__ import annotations

import logging
import sys


class _OneLine(logging.Formatter):
    """A log record as one line on standard error (the editor's log): the reason, no traceback."""

    def format(self, record: logging.LogRecord) -> str:
        message = f"claimlint server: {record.levelname.lower()}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            message += f" ({type(error).__name__}: {error})"
        return message.replace("\n", " ")


def serve() -> int:
    from claimlint.server.app import build_server

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    build_server().start_io()
    return 0
