"""Ruff's concise format: ``path:row:col: CODE [*] message`` (``path:cell N:row:col:`` in
notebooks); ``[*]`` marks a finding ``--fix`` would fix (a safe fix, or any fix with
``--unsafe-fixes``), as Ruff does.

``run`` keys read here: ``fixed`` (after ``--fix``), ``unsafe`` (``--unsafe-fixes``), ``quiet``
(findings only, no summary), ``missing`` (a path did not exist: no "All checks passed!"), and
``color`` (ANSI colour, which the CLI turns on for a terminal only, never with ``NO_COLOR`` or
``--no-color``).
"""

from __future__ import annotations

from dropout_lint.finding import printable

BOLD, RED, CYAN, YELLOW, RESET = "\x1b[1m", "\x1b[31m", "\x1b[36m", "\x1b[33m", "\x1b[0m"


def line(f, unsafe: bool = False, color: bool = False) -> str:
    # control characters of names and messages escaped before our own colour codes go in: no
    # line we print is a file name's or a message's
    where = f"{printable(f.filename)}:"
    if f.cell is not None:
        where += f"cell {f.cell}:"
    where += f"{f.start.row}:{f.start.column}:"
    mark = " [*]" if f.applicable(unsafe) else ""
    code = f.code
    if color:
        where, code = f"{BOLD}{where}{RESET}", f"{BOLD}{RED}{code}{RESET}"
        mark = f" {CYAN}[*]{RESET}" if mark else ""
    msg = f"{where} {code}{mark} {printable(f.message)}"
    c = f.confirmation
    if c is not None:
        if c.status in ("confirmed", "refuted", "not-applicable"):
            msg += (
                f" [{c.status}"
                + (f": {printable(c.detail)}" if c.detail and c.status != "not-applicable" else "")
                + "]"
            )
        else:
            msg += f" [{c.status}: {printable(c.detail)}]" if c.detail else f" [{c.status}]"
    return msg


def render(findings, run) -> str:
    run = run or {}
    unsafe, color = bool(run.get("unsafe")), bool(run.get("color"))
    out = [line(f, unsafe, color) for f in findings]
    if run.get("quiet"):
        return "".join(o + "\n" for o in out)
    fixed = run.get("fixed")
    if fixed:  # after --fix, as Ruff: "Found 3 errors (2 fixed, 1 remaining)."
        n = len(findings) + fixed
        out.append(f"Found {n} finding{'s' if n != 1 else ''} ({fixed} fixed, {len(findings)} remaining).")
    elif findings:
        n = len(findings)
        out.append(f"Found {n} finding{'s' if n != 1 else ''}.")
    elif not run.get("missing"):
        out.append("All checks passed!" if not color else f"{BOLD}All checks passed!{RESET}")
    fixable = sum(1 for f in findings if f.applicable(unsafe))
    hidden = sum(1 for f in findings if f.fix is not None and f.fix.edits and not f.applicable(unsafe))
    if fixable:
        tail = (
            f" ({hidden} hidden fix{'es' if hidden != 1 else ''} can be enabled with the `--unsafe-fixes` option)."
            if hidden
            else ""
        )
        out.append(f"[*] {fixable} fixable with the `--fix` option{tail or '.'}")
    elif hidden:
        out.append(
            f"No fixes available ({hidden} hidden fix{'es' if hidden != 1 else ''} can be enabled with the `--unsafe-fixes` option)."
        )
    return "".join(o + "\n" for o in out)
