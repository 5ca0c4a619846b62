"""Reporters: one module per ``--output-format``, each with ``render(findings, run) -> str``."""

from __future__ import annotations

import importlib

FORMATS = {
    "text": "dropout_lint.report.text",
    "json": "dropout_lint.report.json_report",
    "json-lines": "dropout_lint.report.json_lines",
    "sarif": "dropout_lint.report.sarif",
    "github": "dropout_lint.report.github",
    "junit": "dropout_lint.report.junit",
    "gitlab": "dropout_lint.report.gitlab",
    "pylint": "dropout_lint.report.pylint",
}


def render(fmt: str, findings, run) -> str:
    return importlib.import_module(FORMATS[fmt]).render(findings, run)
