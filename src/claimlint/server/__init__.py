"""`claimlint server`: a Language Server Protocol server on standard input and output.

Built on pygls (the protocol) and lsprotocol (its types); imported only by this command.
project.py is claimlint's side (config, rules, corpus, one buffer), convert.py turns findings
into diagnostics, hovers and code actions, app.py wires them to the protocol's events.
"""

from __future__ import annotations


def serve() -> int:
    from claimlint.server.app import build_server

    build_server().start_io()
    return 0
