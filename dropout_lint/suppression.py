"""``# noqa`` comments: per line (``# noqa``, ``# noqa: DL202, dropout-rate-zero``) and file-wide
(``# dropout-lint: noqa`` or ``# dropout-lint: noqa: DL101`` on a line of its own)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dropout_lint.fixes import split_lines

_LINE = re.compile(
    r"#\s*noqa(?P<sep>\s*:\s*(?P<codes>[A-Za-z0-9_\-]+(?:\s*,\s*[A-Za-z0-9_\-]+|\s+[A-Za-z]{2}[0-9]+)*))?", re.I
)
_FILE = re.compile(r"^\s*#\s*dropout-lint\s*:\s*noqa(?:\s*:\s*(?P<codes>[A-Za-z0-9_\-,\s]+))?\s*$", re.I)

ALL = "*"


def _split(codes: str) -> set[str]:
    return {c.strip() for c in re.split(r"[,\s]+", codes) if c.strip()}


@dataclass
class Noqa:
    lines: dict[int, set[str]] = field(default_factory=dict)  # row -> codes/names, or {ALL}
    file: set[str] = field(default_factory=set)

    def suppressed(self, row: int, code: str, name: str) -> bool:
        if ALL in self.file or code in self.file or name in self.file:
            return True
        marks = self.lines.get(row)
        if not marks:
            return False
        return ALL in marks or code in marks or name in marks or code.upper() in {m.upper() for m in marks}


def scan(text: str) -> Noqa:
    out = Noqa()
    if "noqa" not in text and "NOQA" not in text.upper():
        return out
    for row, line in enumerate(split_lines(text), start=1):
        if "noqa" not in line.lower():
            continue
        m = _FILE.match(line)
        if m:
            out.file |= _split(m.group("codes")) if m.group("codes") else {ALL}
            continue
        hash_at = line.find("#")
        if hash_at < 0:
            continue
        m = _LINE.search(line, hash_at)
        if m:
            out.lines[row] = _split(m.group("codes")) if m.group("codes") else {ALL}
    return out
