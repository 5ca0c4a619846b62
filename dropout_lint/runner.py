"""Linting a list of files: read each one, lint it, collect findings in a stable order."""

from __future__ import annotations

import os
from pathlib import Path

from dropout_lint.config import Effective
from dropout_lint.engine import PARSE_ERROR, lint_bytes, parse_error
from dropout_lint.finding import Finding


def display_path(path: Path) -> str:
    """The path as the user will recognise it: relative to the working folder when inside it."""
    ap = os.path.abspath(path)
    cwd = os.getcwd()
    if ap == cwd or ap.startswith(cwd.rstrip(os.sep) + os.sep):
        return os.path.relpath(ap, cwd).replace(os.sep, "/")
    return str(path)


def lint_file(path: Path, eff: Effective, stats: dict | None = None) -> list[Finding]:
    name = display_path(path)
    settings = eff.for_file(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        if PARSE_ERROR not in settings.enabled:
            return []
        return [parse_error(name, f"cannot read: {exc.strerror or exc}")]
    return lint_bytes(data, name, settings, stats=stats)


def lint_files(files: list[Path], eff: Effective, stats: dict | None = None) -> list[Finding]:
    findings: list[Finding] = []
    for path in files:
        findings.extend(lint_file(path, eff, stats))
    findings.sort(key=Finding.sort_key)
    return findings
