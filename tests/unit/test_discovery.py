"""Which files a run lints: folders and globs filtered by the include and exclude globs, files
named outright always."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimlint.config import DEFAULT_EXCLUDE, DEFAULT_INCLUDE
from claimlint.discovery import discover

TREE = [
    "docs/a.md", "docs/b.txt", "docs/page.HTML", "docs/notes.rst", "docs/drafts/c.md", "docs/skip.min.md",
    "docs/deep/er/d.markdown", "node_modules/pkg/readme.md", "build/out.md", ".git/x.md", "docs/.claimlint_cache/e.md",
]


@pytest.fixture
def tree(in_tmp: Path) -> Path:
    for name in TREE:
        (in_tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (in_tmp / name).write_text("Text.\n", encoding="utf-8")
    return in_tmp


def test_folders_keep_the_included_files_outside_excluded_names(tree: Path) -> None:
    found = discover(["."], DEFAULT_INCLUDE, DEFAULT_EXCLUDE).files
    assert found == ("docs/a.md", "docs/b.txt", "docs/skip.min.md", "docs/deep/er/d.markdown", "docs/drafts/c.md")


def test_excluded_globs_match_any_part_or_the_whole_relative_path(tree: Path) -> None:
    found = discover(["docs"], ("*.md", "*.txt"), ("drafts", "*.min.*", "deep/*", ".claimlint_cache")).files
    assert found == ("docs/a.md", "docs/b.txt")


def test_globs_and_files_named_outright(tree: Path) -> None:
    assert discover(["docs/*.md"], ("*.md",), ("*.min.*",)).files == ("docs/a.md",)
    # A file named on the command line is linted whatever the globs say.
    assert discover(["docs/notes.rst", "build/out.md"], DEFAULT_INCLUDE, DEFAULT_EXCLUDE).files == ("docs/notes.rst", "build/out.md")


def test_no_include_globs_find_nothing_in_a_folder(tree: Path) -> None:
    assert discover(["docs"], (), ()).files == ()
