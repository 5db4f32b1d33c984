"""LanguageTool: where one is, one /v2/check request per batch, and its JSON -> Hits.

Where: a server URL (config `settings: {grammar: {url}}` or CLAIMLINT_LANGUAGETOOL_URL), or
a LanguageTool already on disk where language_tool_python keeps its downloads (with java on
PATH; claimlint starts its HTTP server for the run), or - only when the user opts in - a
download by language_tool_python. Deciding that reads settings, the environment and one
folder: no network, so a run with nothing configured never waits.

Offsets: LanguageTool is Java and counts UTF-16 code units; Python counts code points.
`hits_from_response` converts, so an emoji before a mistake does not shift it.
"""

from __future__ import annotations

import bisect
import json
import re
import shutil
import time
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

# http.client, urllib and subprocess (with ssl and email, ~50 ms) are imported where a run
# really talks to a server or starts one: a run without LanguageTool never needs them.
if TYPE_CHECKING:
    import subprocess

from claimlint.checks import CheckStopped, Hit
from claimlint.spec import RuleSpec

URL_VARIABLE = "CLAIMLINT_LANGUAGETOOL_URL"
DOWNLOAD_VARIABLE = "CLAIMLINT_LANGUAGETOOL_DOWNLOAD"  # "1": let language_tool_python download LanguageTool
# language_tool_python's own variable: the folder its downloads go to.
DOWNLOADS_VARIABLE = "LTP_PATH"
# LanguageTool's spelling rules (MORFOLOGIK_RULE_EN_US...) are in category TYPOS. Its issueType
# "misspelling" is not enough: THEIR_IS (confused words) has it too, on a correctly spelled word.
SPELLING_CATEGORY = "TYPOS"

Transport = Callable[[str, Mapping[str, str], float], Mapping[str, Any]]


@dataclass(frozen=True)
class Backend:
    """Where LanguageTool is: a running `server`, a `local` install to start, or a `download` the user allowed."""

    kind: str
    where: str  # the server URL, or the folder of the local install ("" for a download)
    version: str = ""  # of the local install


class ServerHealth:
    """Whether the server of one run has stopped answering (and why): after the first failure
    the remaining documents are not sent, so a dead or hung server costs one timeout, not one
    per file. Per run (it lives in the run's Connection), never shared between runs."""

    def __init__(self) -> None:
        self.failure: str | None = None


@dataclass(frozen=True)
class Connection:
    """A LanguageTool ready for /v2/check requests, for the length of one run."""

    url: str  # base URL, without /v2
    timeout: float
    transport: Transport
    # The LocalServer this run started, if any: referenced so the Java process lives as long
    # as the run (it is stopped when collected or at exit).
    keepalive: object = None
    health: ServerHealth = field(default_factory=ServerHealth, compare=False)

    def check(self, params: Mapping[str, str]) -> list[dict[str, Any]]:
        """The matches of one /v2/check request; CheckStopped when the server fails (now or earlier in the run)."""
        if self.health.failure is not None:
            raise CheckStopped(f"not sent: the LanguageTool server at {self.url} stopped answering earlier in this run ({self.health.failure})")
        import http.client

        try:
            return matches_of(self.transport(self.url, params, self.timeout))
        except (OSError, ValueError, http.client.HTTPException) as error:  # refused, reset, timed out, not its JSON
            self.health.failure = describe(error, self.timeout)
        raise CheckStopped(f"the LanguageTool server at {self.url} stopped answering ({self.health.failure}); the rest of the run is not sent")


def describe(error: Exception, timeout: float) -> str:
    import urllib.error

    if isinstance(error, TimeoutError) or (isinstance(error, urllib.error.URLError) and isinstance(error.reason, TimeoutError)):
        return f"no answer within {timeout:g} s"
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        return str(error.reason)
    if isinstance(error, ValueError):  # matches_of and post_check say what was wrong with the answer
        return str(error)
    return f"{type(error).__name__}: {error}"


def matches_of(answer: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The `matches` of a /v2/check answer, each with integer `offset` and `length`; ValueError for anything else."""
    matches = answer.get("matches") if isinstance(answer, Mapping) else None
    if not isinstance(matches, list):
        raise ValueError("the answer is not LanguageTool's /v2/check JSON (no list of matches)")
    for match in matches:
        if not (
            isinstance(match, dict)
            and all(isinstance(match.get(key), int) and not isinstance(match.get(key), bool) and match[key] >= 0 for key in ("offset", "length"))
            and isinstance(match.get("rule", {}), dict)
        ):
            raise ValueError(f"the answer is not LanguageTool's /v2/check JSON (a match without offset and length: {str(match)[:80]})")
    return matches


def truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def downloads_folder(environ: Mapping[str, str], home: Path) -> Path:
    """Where language_tool_python keeps LanguageTool downloads (its LTP_PATH, else ~/.cache/language_tool_python)."""
    return Path(environ.get(DOWNLOADS_VARIABLE) or home / ".cache" / "language_tool_python")


def installed_versions(folder: Path) -> list[tuple[str, Path]]:
    """(version, folder) of each LanguageTool-<version> under `folder` that has its server jar, newest last."""
    if not folder.is_dir():
        return []
    found = []
    for candidate in folder.glob("LanguageTool-*"):
        if (candidate / "languagetool-server.jar").is_file() or (candidate / "languagetool.jar").is_file():
            found.append((candidate.name.removeprefix("LanguageTool-"), candidate))
    return sorted(found, key=lambda item: _version_key(item[0]))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.replace("-", ".").split("."))


def locate(
    url: str | None,
    allow_download: bool,
    environ: Mapping[str, str],
    home: Path,
    which: Callable[[str], str | None] = shutil.which,
) -> Backend | None:
    """Pick a LanguageTool without touching the network; None when there is none to use."""
    url = url or environ.get(URL_VARIABLE, "").strip()
    if url:
        return Backend("server", base_url(url))
    if which("java") is None:
        return None
    installs = installed_versions(downloads_folder(environ, home))
    if installs:
        version, folder = installs[-1]
        return Backend("local", str(folder), version)
    if allow_download or truthy(environ.get(DOWNLOAD_VARIABLE)):
        return Backend("download", "")
    return None


def base_url(url: str) -> str:
    """'http://host:8081/v2/' and 'http://host:8081' both -> 'http://host:8081'."""
    url = url.strip().rstrip("/")
    return url.removesuffix("/v2").rstrip("/")


def post_check(url: str, params: Mapping[str, str], timeout: float) -> Mapping[str, Any]:
    """POST /v2/check (form-encoded, as documented); the parsed JSON answer."""
    import urllib.parse
    import urllib.request

    data = urllib.parse.urlencode(dict(params)).encode("utf-8")
    request = urllib.request.Request(f"{url}/v2/check", data=data, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - a URL the user configured
        body = response.read()
    try:
        answer = json.loads(body.decode("utf-8"))
    except ValueError:
        raise ValueError(f"the answer is not JSON: {body[:60]!r}") from None
    if not isinstance(answer, dict):
        raise ValueError("the answer is not a JSON object")
    return answer


def probe(url: str, timeout: float) -> str | None:
    """None if the server answers GET /v2/languages, else why not (one line)."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"{url}/v2/languages", timeout=timeout) as response:  # noqa: S310
            json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code} {error.reason}"
    except urllib.error.URLError as error:
        return str(error.reason)
    except Exception as error:  # noqa: BLE001 - whatever stops the probe (a blocked socket too) means no server
        return f"{type(error).__name__}: {error}"
    return None


def connect(backend: Backend, timeout: float, start_timeout: float = 60.0, transport: Transport = post_check) -> Connection | str:
    """A Connection, or why LanguageTool cannot be used in this run (one line)."""
    if backend.kind == "server":
        problem = probe(backend.where, timeout)
        if problem:
            return f"the LanguageTool server at {backend.where} did not answer ({problem})"
        return Connection(backend.where, timeout, transport)
    if backend.kind == "download":
        try:
            from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION, LocalLanguageTool

            LocalLanguageTool.from_version_name(LTP_DOWNLOAD_VERSION).download()  # the user opted in
            folder = LocalLanguageTool.from_version_name(LTP_DOWNLOAD_VERSION).get_directory_path()
        except Exception as error:  # noqa: BLE001 - a failed download means no grammar this run, said once
            return f"downloading LanguageTool failed: {type(error).__name__}: {error}"
        backend = Backend("local", str(folder), LTP_DOWNLOAD_VERSION)
    return start_local(backend, timeout, start_timeout, transport)


class LocalServer:
    """A LanguageTool server process started for this run; stopped when collected or at exit."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self._finalizer = weakref.finalize(self, _stop, process)

    def stop(self) -> None:
        self._finalizer()


def _stop(process: subprocess.Popen[bytes]) -> None:
    import subprocess

    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


def start_local(
    backend: Backend, timeout: float, start_timeout: float, transport: Transport = post_check, port: int | None = None
) -> Connection | str:
    """Start the installed LanguageTool's HTTP server on a free local port: one attempt, bounded wait.

    (language_tool_python would retry on hundreds of ports when the server dies at start,
    minutes with a broken install; this tries once and says why.)
    """
    import socket
    import subprocess

    folder = Path(backend.where)
    jar = next((folder / name for name in ("languagetool-server.jar", "languagetool.jar") if (folder / name).is_file()), None)
    java = shutil.which("java")
    what = f"the local LanguageTool {backend.version} in {backend.where}"
    if jar is None or java is None:
        return f"{what} cannot start: {'no server jar' if jar is None else 'java is not on PATH'}"
    if port is None:
        try:
            with socket.socket() as probe_socket:  # a free port, chosen by the system
                probe_socket.bind(("127.0.0.1", 0))
                port = int(probe_socket.getsockname()[1])
        except Exception as error:  # noqa: BLE001 - no local port (a sandbox) means no local server
            return f"{what} cannot start: no free local port ({error})"
    command = [java, "-cp", str(jar), "org.languagetool.server.HTTPServer", "-p", str(port)]
    try:
        server = LocalServer(subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))  # noqa: S603
    except OSError as error:
        return f"{what} cannot start: {error}"
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + start_timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return f"{what} exited at start with status {server.process.returncode}"
        if probe(url, 1.0) is None:
            return Connection(url, timeout, transport, keepalive=server)
        time.sleep(0.25)
    server.stop()
    return f"{what} did not answer within {start_timeout:g} s of starting"


def request_params(text: str, language: str, disabled_rules: Iterable[str], disabled_categories: Iterable[str]) -> dict[str, str]:
    params = {"text": text, "language": language}
    if rules := ",".join(sorted(disabled_rules)):
        params["disabledRules"] = rules
    if categories := ",".join(sorted(disabled_categories)):
        params["disabledCategories"] = categories
    return params


def utf16_to_index(text: str) -> Callable[[int], int]:
    """A function from UTF-16 offsets (what LanguageTool reports) to offsets in `text`."""
    if all(ord(char) < 0x10000 for char in text):
        return lambda offset: offset
    starts = []  # UTF-16 offset of each code point
    position = 0
    for char in text:
        starts.append(position)
        position += 2 if ord(char) >= 0x10000 else 1
    return lambda offset: bisect.bisect_left(starts, offset)


_WHITESPACE_RUN = re.compile(r"\s{2,}| (?=[.,;:!?)\]])")
_CLOSING = frozenset(".,;:!?)]")


@dataclass(frozen=True)
class Compacted:
    """The prose sent to LanguageTool, with each run of whitespace made one space (or one blank line).

    The document blanks markup, code and URLs with spaces to keep offsets; sent as they are,
    those runs are LanguageTool whitespace findings (CONSECUTIVE_SPACES) nobody typed.
    `origin[i]` is the offset in `source` of sent character i (and `origin[len(text)] == len(source)`).
    """

    source: str
    text: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, source: str, removed_before: Callable[[int], bool] = lambda offset: False) -> Compacted:
        """`removed_before(i)`: markup was left out of the prose just before `source[i]` (a URL, a tag)."""
        pieces: list[str] = []
        origin: list[int] = []
        position = 0
        for run in _WHITESPACE_RUN.finditer(source):
            if run.group() == " " and not removed_before(run.end()):
                continue  # a space typed before a comma: LanguageTool's to judge
            pieces.append(source[position : run.start()])
            origin.extend(range(position, run.start()))
            newlines = run.group().count("\n")
            replacement = "\n\n" if newlines >= 2 else "\n" if newlines else " "
            if not newlines and source[run.end() : run.end() + 1] in _CLOSING:
                replacement = ""  # a left-out URL before its sentence's full stop: "see www.x.org." -> "see."
            pieces.append(replacement)
            origin.extend(range(run.start(), run.start() + len(replacement)))  # nothing when dropped
            position = run.end()
        pieces.append(source[position:])
        origin.extend(range(position, len(source) + 1))
        return cls(source, "".join(pieces), tuple(origin))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in `source` of the sent span [start, end)."""
        start = min(start, len(self.text))
        end = min(max(end, start), len(self.text))
        return self.origin[start], (self.origin[end - 1] + 1 if end > start else self.origin[start])


def hits_from_response(
    matches: Iterable[Mapping[str, Any]],
    sent: Compacted,
    base: int,
    spec: RuleSpec,
    known_word: Callable[[str, int], bool] = lambda word, start: False,
) -> list[Hit]:
    """The matches of a /v2/check answer (`matches_of`) for `sent`, whose source starts at prose
    offset `base` -> Hits in prose offsets.

    Spelling matches on words `known_word(word, prose offset)` accepts (what the spelling
    rule accepts or leaves alone) are dropped. The message is the rule's template with {lt_message}, {lt_rule},
    {lt_category} and {match}; the first replacement is the suggestion.
    """
    to_index = utf16_to_index(sent.text)
    text = sent.source
    hits = []
    for match in matches:
        rule = match.get("rule") or {}
        offset, length = int(match["offset"]), int(match["length"])
        if not 0 <= to_index(offset) < len(sent.text):
            continue
        start, end = sent.span(to_index(offset), to_index(offset + length))
        end = min(max(end, start + 1), len(text))
        word = text[start:end]
        category = (rule.get("category") or {}).get("id", "")
        if category == SPELLING_CATEGORY and known_word(word, base + start):
            continue
        rule_id = str(rule.get("id", "UNKNOWN"))
        if rule.get("subId"):
            rule_id = f"{rule_id}[{rule['subId']}]"
        replacements = tuple(str(r["value"]) for r in match.get("replacements") or () if isinstance(r, dict) and r.get("value") is not None)[:5]
        message = spec.render(lt_message=str(match.get("message", "")).strip(), lt_rule=rule_id, lt_category=category, match=word)
        data: tuple[tuple[str, object], ...] = (("lt_rule", rule_id), ("lt_category", category))
        if replacements:
            data += (("lt_replacements", replacements),)
        hits.append(Hit(base + start, base + end, message, replacements[0] if replacements else None, data=data))
    return hits
