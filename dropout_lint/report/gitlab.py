"""GitLab Code Quality report (``artifacts:reports:codequality``): a JSON array of issues, each
with the fields GitLab documents as required: ``description``, ``check_name``, ``fingerprint``,
``severity`` (``info``/``minor``/``major``/``critical``/``blocker``), ``location.path`` and
``location.lines.begin``.

Severities: error -> major, warning -> minor, info -> info. ``location.path`` is the finding's
filename (relative to the working folder, which is the repository in a CI job). The fingerprint
is the MD5 of path, cell, code, message and the occurrence number among findings with the same
four, so it stays the same when lines above move (GitLab then tracks the issue as unchanged) and
is unique within the report. In a notebook the description starts with ``cell N:`` and the lines
are the cell's rows.
"""

from __future__ import annotations

import hashlib
import json

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def issues(findings) -> list[dict]:
    seen: dict[tuple, int] = {}
    out = []
    for f in findings:
        key = (f.filename, f.cell or 0, f.code, f.message)
        n = seen.get(key, 0)
        seen[key] = n + 1
        fingerprint = hashlib.md5("\0".join(map(str, (*key, n))).encode("utf-8")).hexdigest()
        description = f"{f.code} {f.message}" if f.cell is None else f"{f.code} cell {f.cell}: {f.message}"
        out.append(
            {
                "type": "issue",
                "check_name": f"{f.code} {f.name}",
                "description": description,
                "categories": ["Bug Risk"],
                "severity": SEVERITY.get(f.severity, "minor"),
                "fingerprint": fingerprint,
                "location": {
                    "path": f.filename,
                    "lines": {"begin": f.start.row, "end": max(f.end.row, f.start.row)},
                },
            }
        )
    return out


def render(findings, run) -> str:
    return json.dumps(issues(findings), indent=2, ensure_ascii=False) + "\n"
