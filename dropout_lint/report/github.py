"""GitHub Actions workflow commands: one annotation per finding.

``::error file=src/m.py,line=7,col=5,endLine=7,endColumn=24,title=DL101 (dropout-after-output)::message``

The command is ``error``/``warning``/``notice`` for the severities error/warning/info. Values
are escaped as the Actions runner expects: ``%``, ``\\r``, ``\\n`` in the message, and also
``:`` and ``,`` in the properties. In a notebook ``line`` is the row within the cell, and the
message starts with ``cell N:``.
"""

from __future__ import annotations

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def line(f) -> str:
    props = [
        ("file", f.filename),
        ("line", str(f.start.row)),
        ("col", str(f.start.column)),
        ("endLine", str(max(f.end.row, f.start.row))),
        (
            "endColumn",
            str(f.end.column if (f.end.row, f.end.column) > (f.start.row, f.start.column) else f.start.column),
        ),
        ("title", f"{f.code} ({f.name})"),
    ]
    message = f.message if f.cell is None else f"cell {f.cell}: {f.message}"
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS.get(f.severity, 'warning')} {head}::{escape_data(message)}"


def render(findings, run) -> str:
    return "".join(line(f) + "\n" for f in findings)
