"""SARIF 2.1.0, as GitHub code scanning reads it (``github/codeql-action/upload-sarif``).

One run: ``tool.driver`` lists the whole rule catalogue (id, name, short description = the
docstring's first line, full description = its "What it does", help = the whole rule doc,
default level from the severity: error -> error, warning -> warning, info -> note). Each result
has ``ruleId``/``ruleIndex``/``level``/``message`` and one physical location whose ``uri`` is
relative to the working directory (``uriBaseId`` ``%SRCROOT%``), with a 1-based region whose
``endColumn`` is exclusive and whose columns count Unicode code points (``columnKind``).

A notebook result points at the ``.ipynb`` file; its region holds the row within the cell and
``properties.cell`` the 1-based cell number (markdown cells counted), which the message names
too, since SARIF viewers show the region against the file's JSON text. Fixes are included for
``.py`` files (``fixes[].artifactChanges[].replacements``).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from dropout_lint import __version__
from dropout_lint.finding import URL_BASE

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/dropout-lint/dropout-lint"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def level(severity: str) -> str:
    return LEVELS.get(severity, "warning")


def _rule_entry(rule) -> dict:
    doc = rule.doc()
    full = " ".join(rule.doc_section("What it does").split()) or rule.summary()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": full},
        "help": {"text": doc or rule.summary(), "markdown": doc or rule.summary()},
        "helpUri": URL_BASE + rule.code.lower() + "-" + rule.name,
        "defaultConfiguration": {"level": level(rule.severity), "enabled": bool(rule.default)},
        "properties": {"tags": ["dropout", "keras"], "severity": rule.severity, "fixable": bool(rule.fixable)},
    }


def artifact(filename: str) -> dict:
    """The artifactLocation of a finding's file: relative to the working directory if inside it."""
    p = Path(filename)
    if not p.is_absolute():
        return {"uri": quote(p.as_posix()), "uriBaseId": SRCROOT}
    try:
        rel = p.resolve().relative_to(Path.cwd().resolve())
        return {"uri": quote(rel.as_posix()), "uriBaseId": SRCROOT}
    except ValueError:
        return {"uri": p.resolve().as_uri()}


def region(start, end) -> dict:
    r = {"startLine": max(start.row, 1), "startColumn": max(start.column, 1)}
    if (end.row, end.column) > (start.row, start.column):
        r["endLine"] = end.row
        r["endColumn"] = max(end.column, 1)
    return r  # an empty range: SARIF then means the rest of the start line


def _result(f, index: dict[str, int]) -> dict:
    text = f.message if f.cell is None else f"cell {f.cell}: {f.message}"
    res: dict = {
        "ruleId": f.code,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [
            {"physicalLocation": {"artifactLocation": artifact(f.filename), "region": region(f.start, f.end)}}
        ],
    }
    if f.code in index:
        res["ruleIndex"] = index[f.code]
    props: dict = {"name": f.name, "url": f.url}
    if f.cell is not None:
        props["cell"] = f.cell
    if f.confirmation is not None:
        props["confirmation"] = f.confirmation.as_json()
    res["properties"] = props
    if f.fix is not None and f.cell is None and f.fix.edits:
        res["fixes"] = [
            {
                "description": {"text": f.fix.message},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact(f.filename),
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "startLine": e.start.row,
                                    "startColumn": e.start.column,
                                    "endLine": e.end.row,
                                    "endColumn": e.end.column,
                                },
                                "insertedContent": {"text": e.content},
                            }
                            for e in f.fix.edits
                        ],
                    }
                ],
            }
        ]
    return res


def document(findings) -> dict:
    from dropout_lint.rule import all_rules

    rules = list(all_rules().values())
    index = {r.code: i for i, r in enumerate(rules)}
    root = Path.cwd().resolve().as_uri().rstrip("/") + "/"
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "dropout-lint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule_entry(r) for r in rules],
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": root}},
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index) for f in findings],
            }
        ],
    }


def render(findings, run) -> str:
    return json.dumps(document(findings), indent=2, ensure_ascii=False) + "\n"
