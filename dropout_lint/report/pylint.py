"""Pylint's "parseable" format, for tools that read pylint output:
``{path}:{line}: [{msg_id}({symbol}), {obj}] {msg}``, here ``src/m.py:7: [DL101(dropout-after-output), ] message``.

``obj`` (pylint's enclosing function or class) is left empty, as pylint does for module-level
messages. In a notebook ``line`` is the row within the cell and the message starts with ``cell N:``.
"""

from __future__ import annotations


def line(f) -> str:
    message = " ".join(f.message.split())  # one finding, one line
    if f.cell is not None:
        message = f"cell {f.cell}: {message}"
    return f"{f.filename}:{f.start.row}: [{f.code}({f.name}), ] {message}"


def render(findings, run) -> str:
    return "".join(line(f) + "\n" for f in findings)
