"""Plain data objects shared by the engine, the rules and the reporters.

Nothing here imports libcst: reporters, the cache and the CLI use these without parsing.
Rows and columns are 1-based, as in the JSON output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

URL_BASE = "https://github.com/dropout-lint/dropout-lint/blob/main/docs/rules.md#"
# Control characters (C0, DEL, C1, and the line/paragraph separators) as ``\n``/``\x1b``/``\u2028``.
_CONTROL = {c: repr(chr(c))[1:-1] for c in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)}


def printable(s: str) -> str:
    """``s`` for a human-readable line: control characters escaped (a file name holding a
    newline cannot start a line of its own, e.g. a GitHub Actions ``::error`` command)."""
    return s if s.isprintable() else s.translate(_CONTROL)


@dataclass(frozen=True, order=True)
class Pos:
    row: int
    column: int

    def as_json(self) -> dict:
        return {"row": self.row, "column": self.column}


@dataclass
class Edit:
    """Replace the text between ``start`` and ``end`` (end exclusive) with ``content``."""

    content: str
    start: Pos
    end: Pos

    def as_json(self) -> dict:
        return {
            "content": self.content,
            "location": self.start.as_json(),
            "end_location": self.end.as_json(),
        }


@dataclass
class Fix:
    """``applicability`` follows Ruff: "safe" fixes are applied by ``--fix``, "unsafe" ones only
    with ``--unsafe-fixes``. None until the engine sets the rule's ``fix_safety``."""

    message: str
    edits: list[Edit]
    applicability: str | None = None

    @property
    def safe(self) -> bool:
        return self.applicability == "safe"

    def as_json(self) -> dict:
        return {
            "message": self.message,
            "applicability": self.applicability or "unsafe",
            "edits": [e.as_json() for e in self.edits],
        }


@dataclass
class Confirmation:
    status: str  # confirmed | refuted | unbuildable | not-applicable
    detail: str = ""

    def as_json(self) -> dict:
        return {"status": self.status, "detail": self.detail}


@dataclass
class Finding:
    code: str
    name: str
    severity: str
    message: str
    filename: str
    start: Pos
    end: Pos
    cell: int | None = None
    fix: Fix | None = None
    noqa_row: int | None = None
    confirmation: Confirmation | None = None
    # Extra facts a rule attaches for the runtime checker (never printed).
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return URL_BASE + self.code.lower() + "-" + self.name

    def applicable(self, unsafe: bool = False) -> bool:
        """Whether ``--fix`` applies this finding's fix: a safe one, or any with ``--unsafe-fixes``."""
        return self.fix is not None and bool(self.fix.edits) and (unsafe or self.fix.safe)

    def sort_key(self) -> tuple:
        return (self.filename, self.cell or 0, self.start.row, self.start.column, self.code)

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "filename": self.filename,
            "location": self.start.as_json(),
            "end_location": self.end.as_json(),
            "cell": self.cell,
            "fix": self.fix.as_json() if self.fix else None,
            "noqa_row": self.noqa_row if self.noqa_row is not None else self.start.row,
            "url": self.url,
            "confirmation": self.confirmation.as_json() if self.confirmation else None,
        }

    # The cache stores findings as JSON and reads them back.
    def to_cache(self) -> dict:
        d = self.as_json()
        d["data"] = self.data
        return d

    @classmethod
    def from_cache(cls, d: dict) -> "Finding":
        fix = None
        if d.get("fix"):
            fix = Fix(
                d["fix"]["message"],
                [Edit(e["content"], Pos(**e["location"]), Pos(**e["end_location"])) for e in d["fix"]["edits"]],
                d["fix"].get("applicability") or _rule_fix_safety(d["code"]),
            )
        conf = Confirmation(**d["confirmation"]) if d.get("confirmation") else None
        return cls(
            code=d["code"],
            name=d["name"],
            severity=d["severity"],
            message=d["message"],
            filename=d["filename"],
            start=Pos(**d["location"]),
            end=Pos(**d["end_location"]),
            cell=d.get("cell"),
            fix=fix,
            noqa_row=d.get("noqa_row"),
            confirmation=conf,
            data=d.get("data") or {},
        )


def _rule_fix_safety(code: str) -> str:
    from dropout_lint.rule import all_rules

    rule = all_rules().get(code)
    return rule.fix_safety if rule is not None else "unsafe"
