"""Ruff's concise format: ``path:row:col: CODE [*] message`` (``path:cell N:row:col:`` in
notebooks); ``[*]`` marks a finding ``--fix`` can fix, as Ruff does."""

from __future__ import annotations

from dropout_lint.finding import printable


def line(f) -> str:
    where = f"{f.filename}:"
    if f.cell is not None:
        where += f"cell {f.cell}:"
    where += f"{f.start.row}:{f.start.column}:"
    mark = " [*]" if f.fix is not None and f.fix.edits else ""
    msg = f"{where} {f.code}{mark} {f.message}"
    c = f.confirmation
    if c is not None:
        if c.status in ("confirmed", "refuted", "not-applicable"):
            msg += f" [{c.status}" + (f": {c.detail}" if c.detail and c.status != "not-applicable" else "") + "]"
        else:
            msg += f" [{c.status}: {c.detail}]" if c.detail else f" [{c.status}]"
    return printable(msg)  # control characters escaped: no line of ours is a name's or a message's


def render(findings, run) -> str:
    out = [line(f) for f in findings]
    fixed = (run or {}).get("fixed")
    if fixed:  # after --fix, as Ruff: "Found 3 errors (2 fixed, 1 remaining)."
        n = len(findings) + fixed
        out.append(f"Found {n} finding{'s' if n != 1 else ''} ({fixed} fixed, {len(findings)} remaining).")
    elif findings:
        n = len(findings)
        out.append(f"Found {n} finding{'s' if n != 1 else ''}.")
    else:
        out.append("All checks passed!")
    fixable = sum(1 for f in findings if f.fix is not None and f.fix.edits)
    if fixable:
        out.append(f"[*] {fixable} fixable with the `--fix` option.")
    return "\n".join(out) + "\n"
