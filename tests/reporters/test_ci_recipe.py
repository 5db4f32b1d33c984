"""Every `claimlint` command in docs/ci.md runs, with the exit status and output the page promises.

The commands are read from the page itself; the test only supplies the changed files, the
CI variables and this test's rule pack (the built-in pack is tested elsewhere).
"""

from __future__ import annotations

import json
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from claimlint import cli
from tests.reporters.conftest import ROOT, RULES

DOC = ROOT / "docs" / "ci.md"
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
FILES = ["content/tea.md", "content/sleep.html"]
VARIABLES = {"$GITHUB_SERVER_URL": "https://github.com", "$GITHUB_REPOSITORY": "acme/site", "$GITHUB_SHA": "0123abc"}


def documented_commands() -> list[str]:
    commands, in_code = [], False
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
        elif in_code and "claimlint check" in line:
            commands.append(line.strip().removeprefix("- ").strip())
    return commands


def test_the_page_has_the_commands_this_test_expects() -> None:
    commands = documented_commands()
    assert len(commands) == 9
    formats = {word for command in commands for word in shlex.split(command.replace('"${files[@]}"', "")) if word in ("sarif", "github", "junit", "markdown", "html")}
    assert formats == {"sarif", "github", "junit", "markdown", "html"}


def _arguments(command: str, rules: Path) -> list[str]:
    for name, value in VARIABLES.items():
        command = command.replace(name, value)
    words = shlex.split(command.replace('"${files[@]}"', "FILES").removesuffix(" || true"))
    assert words[:2] == ["claimlint", "check"] and not any("$" in word for word in words), command
    words = [item for word in words for item in (FILES if word == "FILES" else [word])]
    return ["check", "--no-default-rules", "--rules", str(rules), "--no-cache", *words[2:]]


def test_every_documented_command_runs(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = in_tmp / "rules"
    rules.mkdir()
    for name, text in RULES.items():
        (rules / name).write_text(text, encoding="utf-8")
    (in_tmp / "content").mkdir()
    (in_tmp / "content" / "tea.md").write_text("# Tea\n\nThis tea cures colds. A miracle brew.\n", encoding="utf-8")
    (in_tmp / "content" / "sleep.html").write_text("<p>Postoperative rest matters.</p>\n", encoding="utf-8")

    for command in documented_commands():
        code = cli.main(_arguments(command, rules))
        out, err = capsys.readouterr()
        if "--write-baseline" in command:
            assert code == 0 and out == "" and "wrote 3 baseline entries" in err, command
        elif "--baseline" in command:
            assert (code, out, err) == (0, "", ""), command
        elif "--fail-on never" in command:
            assert code == 0 and out == "" and err == "", command
        elif command.endswith("|| true"):  # a report at the fail level, the step kept going by the shell
            assert code == 1 and out == "" and err == "", command
        else:  # the gate
            assert code == 1 and "CLM901" in out, command
        if "--format github" in command and "--baseline" not in command:
            assert sorted(line.split(" ", 1)[0] for line in out.splitlines()) == ["::error", "::notice", "::warning"]

    jsonschema.validate(json.loads((in_tmp / "claimlint.sarif").read_text(encoding="utf-8")), SCHEMA)
    assert "(https://github.com/acme/site/blob/0123abc/content/tea.md#L3)" in (in_tmp / "summary.md").read_text(encoding="utf-8")
    assert (in_tmp / "claimlint-report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    cases = ET.parse(in_tmp / "claimlint-junit.xml").getroot().iter("testcase")
    # Failures only at the fail level (error): the CLM901 error; the warnings are output, not failures.
    cases_found = {case.get("name"): (len(case.findall("failure")), len(case.findall("system-out"))) for case in cases}
    assert cases_found == {"content/tea.md": (1, 1), "content/sleep.html": (0, 1)}
