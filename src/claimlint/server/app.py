"""The language server: pygls handles the protocol; this module says what happens when.

- open, save: lint at once; change: lint after a short pause in typing (debounce);
- hover: the rationale and how to fix; code actions: see convert.code_actions;
- config and rule files are stat'ed before each lint and reloaded when changed; a change the
  client reports (watched files, a saved config) re-lints every open document;
- a saved article refreshes the corpus the boilerplate rules compare against.

State (open documents' results, loaded projects, pending lints) lives on the server object,
one per process.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from claimlint import __version__
from claimlint.config import CONFIG_NAMES, ConfigError
from claimlint.positions import LineIndex
from claimlint.spec import RuleFileError
from claimlint.server import convert
from claimlint.server.project import Linted, Project, lint_buffer, load_project, refresh_corpus, settings_stamp

DEFAULT_DEBOUNCE = 0.05  # seconds of quiet after a change before linting (a burst of keystrokes, a paste)
_SETTINGS_FILES = (*CONFIG_NAMES, "pyproject.toml")


class ClaimlintServer(LanguageServer):
    def __init__(self) -> None:
        # Whole texts, not incremental edits: pygls applies edits by str.splitlines lines, which
        # also break at U+2028 and form feeds where the client's do not, and would corrupt the buffer.
        super().__init__("claimlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.debounce = DEFAULT_DEBOUNCE
        self.presentation = convert.Presentation()
        self.projects: dict[Path, Project] = {}
        self.results: dict[str, tuple[int | None, Linted]] = {}  # uri -> (document version, result)
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.reported: set[str] = set()  # notices and errors already shown, so each shows once
        # Other articles' line indexes (for related locations), by path, kept while size and mtime hold.
        self.other_files: dict[str, tuple[tuple[int, int], LineIndex | None]] = {}

    # --- which project a document belongs to ------------------------------------------------

    def folder_for(self, path: str) -> Path:
        """The deepest workspace folder holding `path`; else the file's own folder."""
        real = os.path.realpath(path)
        best: Path | None = None
        for folder in self.workspace.folders.values():
            root = Path(os.path.realpath(_path_of(folder.uri)))
            if (real + os.sep).startswith(str(root) + os.sep) and (best is None or len(str(root)) > len(str(best))):
                best = root
        if best is None and self.workspace.root_path:
            root = Path(os.path.realpath(self.workspace.root_path))
            if (real + os.sep).startswith(str(root) + os.sep):
                best = root
        return best or Path(real).parent

    def project_for(self, path: str) -> Project:
        folder = self.folder_for(path)
        project = self.projects.get(folder)
        if project is None or project.stamp != settings_stamp(folder):
            project = self.projects[folder] = load_project(folder)
            for notice in project.notices:
                self.tell_once(notice.message, types.MessageType.Warning)
        return project

    def other_file(self, path: str) -> LineIndex | None:
        try:
            status = os.stat(path)
        except OSError:
            return None
        stamp = (status.st_size, status.st_mtime_ns)
        cached = self.other_files.get(path)
        if cached is None or cached[0] != stamp:
            cached = self.other_files[path] = (stamp, convert.read_line_index(path))
        return cached[1]

    def tell_once(self, message: str, kind: types.MessageType) -> None:
        if message not in self.reported:
            self.reported.add(message)
            self.window_show_message(types.ShowMessageParams(type=kind, message=f"claimlint: {message}"))

    # --- linting ------------------------------------------------------------------------------

    def lint(self, uri: str) -> None:
        document = self.workspace.get_text_document(uri)
        path = document.path or _path_of(uri)
        try:
            project = self.project_for(path)
            linted = lint_buffer(project, path, document.source, document.language_id)
        except (ConfigError, RuleFileError) as error:
            self.results.pop(uri, None)
            self.tell_once(str(error), types.MessageType.Error)
            self.publish(uri, document.version, [_settings_problem(str(error))])
            return
        except Exception as error:  # noqa: BLE001 - a bug of ours must not take the editor's server down
            self.tell_once(f"cannot lint {path}: {type(error).__name__}: {error}", types.MessageType.Error)
            return
        self.results[uri] = (document.version, linted)
        specs = convert.rule_specs(project.ruleset.known)
        self.publish(uri, document.version, convert.diagnostics(linted, specs, self.presentation, self.other_file))

    def publish(self, uri: str, version: int | None, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics))

    def lint_soon(self, uri: str) -> None:
        """Lint after `debounce` seconds without another change to this document."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri))

    async def _lint_later(self, uri: str) -> None:
        await asyncio.sleep(self.debounce)
        self.pending.pop(uri, None)
        if uri in self.workspace.text_documents:
            self.lint(uri)

    def lint_now(self, uri: str) -> None:
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.lint(uri)

    def lint_open_documents(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.lint_now(uri)

    def current(self, uri: str) -> Linted | None:
        """The result for the document as it is now (linting it first if a change is pending)."""
        if uri not in self.workspace.text_documents:
            return None
        stored = self.results.get(uri)
        if stored is None or stored[0] != self.workspace.get_text_document(uri).version:
            self.lint_now(uri)
            stored = self.results.get(uri)
        return stored[1] if stored else None

    def specs_for(self, uri: str) -> dict[str, Any]:
        document = self.workspace.get_text_document(uri)
        project = self.projects.get(self.folder_for(document.path or _path_of(uri)))
        return convert.rule_specs(project.ruleset.known) if project else {}


def _path_of(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else unquote(parsed.path or uri)


def _settings_problem(message: str) -> types.Diagnostic:
    """A config or rule file that cannot be used, shown on the document it stops linting."""
    start = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=start, end=start),
        message=f"claimlint cannot lint: {message}",
        severity=types.DiagnosticSeverity.Error,
        source=convert.SOURCE,
    )


def build_server() -> ClaimlintServer:
    server = ClaimlintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: ClaimlintServer, params: types.InitializeParams) -> None:
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        debounce = options.get("debounceMs")
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and debounce >= 0:
            ls.debounce = debounce / 1000
        docs_url = options.get("docsUrl")
        encoding = ls.workspace.position_encoding
        ls.presentation = convert.Presentation(
            encoding=str(encoding.value if isinstance(encoding, types.PositionEncodingKind) else encoding or "utf-16"),
            docs_url=docs_url if isinstance(docs_url, str) and docs_url else None,
        )

    @server.feature(types.INITIALIZED)
    async def initialized(ls: ClaimlintServer, params: types.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watched and watched.dynamic_registration:
            watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in _SETTINGS_FILES]
            watchers += [types.FileSystemWatcher(glob_pattern="**/*.{yaml,yml}")]
            options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
            registration = types.Registration(id="claimlint-settings", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
            except Exception as error:  # noqa: BLE001 - a client that refuses still gets stamps checked on each lint
                ls.window_log_message(types.LogMessageParams(type=types.MessageType.Log, message=f"claimlint: no file watchers: {error}"))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ClaimlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint_now(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ClaimlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.lint_soon(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ClaimlintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        name = os.path.basename(_path_of(uri))
        if name in _SETTINGS_FILES or name.endswith((".yaml", ".yml")):
            ls.lint_open_documents()  # a config or rule file: project stamps see it
            return
        # A saved article changes the corpus: boilerplate compares with it as saved from now on.
        folder = ls.folder_for(_path_of(uri))
        if folder in ls.projects:
            ls.projects[folder] = refresh_corpus(ls.projects[folder])
        ls.lint_open_documents()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ClaimlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.results.pop(uri, None)
        ls.publish(uri, None, [])

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(ls: ClaimlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.lint_open_documents()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ClaimlintServer, params: types.HoverParams) -> types.Hover | None:
        linted = ls.current(params.text_document.uri)
        if linted is None:
            return None
        return convert.hover(linted, ls.specs_for(params.text_document.uri), params.position, ls.presentation)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: ClaimlintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        linted = ls.current(uri)
        if linted is None:
            return None
        return convert.code_actions(linted, uri, params.range, ls.specs_for(uri), ls.presentation, ls.other_file)

    return server
