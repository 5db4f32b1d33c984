#!/usr/bin/env python3
"""How long an editor waits for diagnostics after a change, from `claimlint server`.

    .venv/bin/python bench/lsp_latency.py [--edits 30] [--articles 200] [--words 2000]

A workspace of generated articles (bench/generate_corpus.py, seed 7; no config, so the default
pack and every article as the boilerplate corpus); the Markdown article nearest `--words` words
is the one edited. A pygls client starts the server over stdio,
opens the article (start-up: rules, corpus index, dictionaries), then sends `--edits` changes
one at a time (a word changed in a different paragraph each time) and times each from the
didChange notification to the publishDiagnostics of that version. The server's debounce
(50 ms by default, set by initializationOptions.debounceMs) is part of the wait.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

BENCH = Path(__file__).resolve().parent


def make_workspace(folder: Path, articles: int, words: int) -> Path:
    """The generated site, and the Markdown article of it nearest `words` words, opened as the draft.

    The draft is in the corpus too (as an article being edited is); its saved copy is its own."""
    subprocess.run(
        [sys.executable, str(BENCH / "generate_corpus.py"), str(folder / "site"), "--count", str(articles), "--seed", "7"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    candidates = sorted(folder.glob("site/**/*.md"))
    return min(candidates, key=lambda path: (abs(len(path.read_text(encoding="utf-8").split()) - words), path.name))


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a running process (/proc, 10 ms ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(folder: Path, article: Path, edits: int, debounce_ms: int | None) -> tuple[float, list[float], list[float]]:
    client = LanguageClient("bench", "1")
    published: dict[int, float] = {}
    arrived = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            published[params.version] = time.perf_counter()
            arrived.set()

    await client.start_io(str(Path(sys.executable).with_name("claimlint")), "server", cwd=str(folder))
    options = {"debounceMs": debounce_ms} if debounce_ms is not None else None
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=folder.as_uri(), initialization_options=options)
    )
    client.initialized(types.InitializedParams())
    uri, text = article.as_uri(), article.read_text(encoding="utf-8")

    async def wait_for(version: int, since: float) -> float:
        while version not in published:
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), 120)
        return published[version] - since

    started = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    startup = await wait_for(1, started)
    assert client._server is not None
    pid = client._server.pid
    paragraphs = text.split("\n\n")
    latencies, cpu = [], []
    for edit in range(edits):
        position = 1 + edit % (len(paragraphs) - 1)
        paragraphs[position] = paragraphs[position].replace(" the ", " a ", 1) + f" Note {edit}."
        version = edit + 2
        sent, cpu_before = time.perf_counter(), process_cpu(pid)
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text="\n\n".join(paragraphs))],
            )
        )
        latencies.append(await wait_for(version, sent))
        cpu.append(process_cpu(pid) - cpu_before)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return startup, latencies, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--articles", type=int, default=200, help="generated articles in the workspace (the corpus)")
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--debounce-ms", type=int, help="the server's debounce (default: its own, 50 ms)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="claimlint-lsp-bench-"))
    try:
        article = make_workspace(folder, args.articles, args.words)
        words = len(article.read_text(encoding="utf-8").split())
        startup, latencies, cpu = asyncio.run(measure(folder, article, args.edits, args.debounce_ms))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    ordered = sorted(latencies)
    p90 = ordered[max(0, int(len(ordered) * 0.9) - 1)]
    print(f"article: {words:,} words; workspace: {args.articles} generated articles (corpus)")
    print(f"start-up (open -> first diagnostics): {startup * 1000:.0f} ms")
    print(
        f"change -> diagnostics over {len(latencies)} edits, debounce included: "
        f"min {ordered[0] * 1000:.0f} ms, median {statistics.median(ordered) * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"
    )
    print(f"server CPU per change: median {statistics.median(cpu) * 1000:.0f} ms, max {max(cpu) * 1000:.0f} ms (10 ms ticks)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
