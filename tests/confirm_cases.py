"""Helpers of the --confirm tests that lay out a small project in ``tmp_path`` and judge its
findings in one worker: write the files, point a finding at a needle, check a verdict."""

from __future__ import annotations

import textwrap
from pathlib import Path

from dropout_lint.finding import Finding, Pos


def lay_out(root: Path, files: dict) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())


def at(root: Path, name: str, code: str, needle: str) -> Finding:
    """A finding of rule ``code`` at the first occurrence of ``needle`` in file ``name``."""
    lines = (root / name).read_text().splitlines()
    row, col = next((i, line.index(needle)) for i, line in enumerate(lines) if needle in line)
    pos = Pos(row + 1, col + 1)
    return Finding(code, "test", "warning", "test", str(root / name), pos, pos)


def check(verdicts: dict, key: str, status: str, *words: str) -> None:
    c = verdicts[key]
    assert c is not None and c.status == status, (key, c)
    for w in words:
        assert w in c.detail, (key, w, c.detail)
