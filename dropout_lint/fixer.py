"""Applying fixes: ``--fix`` (rewrite files in place) and ``--diff`` (print what would change).

For one file the fixer loops, like Ruff: lint the current text, take every fix whose edits do
not overlap an edit already taken in this pass, apply them, and lint again, until no fix is
left or ``MAX_PASSES`` is reached. A fix whose result does not parse (``ast`` and libcst) is
dropped, reported with one line on stderr, and never retried; fixes that overlap wait for the
next pass. So a second ``--fix`` finds nothing to do.

The text is the file decoded as the engine decodes it (PEP 263 coding line, BOM, no newline
translation), so edit positions map onto the original characters; the result is encoded back
with the same encoding and BOM, and the newlines inside inserted text are written with the
file's own line ending. A file is written only when its text changed: atomically (a temporary
file in the same folder, flushed, given the original mode, then ``os.replace``), so a failure
while writing leaves the original untouched.

Notebooks: edits are made inside code cells only (through ``dropout_lint.notebook``) and the
rest of the JSON is kept as it was.
"""

from __future__ import annotations

import ast
import difflib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from dropout_lint.finding import Edit, Finding, Fix
from dropout_lint.fixes import _line_starts, span, split_lines

#: Passes of lint-and-fix per file before giving up (Ruff uses 100).
MAX_PASSES = 100


@dataclass
class FileOutcome:
    path: Path
    name: str
    fixed: int = 0  # findings fixed
    original: str = ""
    text: str = ""
    diff: str = ""
    messages: list[str] = field(default_factory=list)  # one-line reports for stderr
    written: bool = False
    codes: dict[str, int] = field(default_factory=dict)  # fixes applied, per rule code
    data: bytes | None = None  # the fixed file's bytes, when something was fixed


@dataclass
class Outcome:
    files: list[FileOutcome] = field(default_factory=list)

    @property
    def fixed(self) -> int:
        return sum(f.fixed for f in self.files)

    @property
    def diff(self) -> str:
        return "".join(f.diff for f in self.files)

    @property
    def codes(self) -> dict[str, dict[str, int]]:
        """Fixes applied: file name -> rule code -> count (for --show-fixes)."""
        return {f.name: f.codes for f in self.files if f.fixed and f.codes}

    @property
    def messages(self) -> list[str]:
        return [m for f in self.files for m in f.messages]


# -- pure text -----------------------------------------------------------------------------
def newline_of(text: str) -> str:
    """The file's line ending: the first one it uses (LF when it has none)."""
    for line in split_lines(text):
        if line.endswith("\r\n"):
            return "\r\n"
        if line.endswith("\r"):
            return "\r"
        if line.endswith("\n"):
            return "\n"
    return "\n"


def _with_newline(edit: Edit, nl: str) -> Edit:
    if nl == "\n" or not any(c in edit.content for c in "\r\n"):
        return edit
    content = "".join(
        line.rstrip("\r\n") + (nl if line[-1:] in ("\r", "\n") else "") for line in split_lines(edit.content)
    )
    return Edit(content, edit.start, edit.end)


def parses(text: str) -> bool:
    """Whether ``text`` parses for Python and for libcst (what the linter will read next)."""
    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    import libcst as cst

    try:
        cst.parse_module(text)
    except Exception:  # noqa: BLE001 - any libcst failure means the fix is not safe
        return False
    return True


def _spans(text: str, fix: Fix, starts) -> list[tuple[int, int]]:
    return [span(text, e, starts) for e in fix.edits]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] == b[0] == b[1]:
        return True  # two insertions at the same place: their order would be arbitrary
    return a[0] < b[1] and b[0] < a[1]


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out = text
    for a, b, content in sorted(edits, key=lambda t: (t[0], t[1]), reverse=True):
        out = out[:a] + content + out[b:]
    return out


def _fix_of(f: Finding) -> Fix:
    """The fix of a finding the fixer chose because it has one."""
    assert f.fix is not None
    return f.fix


def _key(text: str, f: Finding, starts) -> tuple:
    fix = _fix_of(f)
    return (f.code, tuple((text[a:b], e.content) for (a, b), e in zip(_spans(text, fix, starts), fix.edits)))


def fix_text(text: str, lint, name: str = "", valid=parses, codes: dict | None = None) -> tuple[str, int, list[str]]:
    """Fix ``text`` until nothing is left to fix; ``lint(text)`` gives the findings.

    Returns (new text, number of fixes applied, one-line messages about dropped fixes);
    ``codes`` (if given) counts the fixes applied per rule code.
    """
    codes = {} if codes is None else codes
    applied = 0
    messages: list[str] = []
    rejected: set = set()
    nl = newline_of(text)
    if not valid(text):
        return text, 0, messages
    for _ in range(MAX_PASSES):
        findings = [f for f in lint(text) if f.fix is not None and f.fix.edits]
        starts = _line_starts(text)
        candidates = []
        for f in findings:
            fx = Fix(f.fix.message, [_with_newline(e, nl) for e in f.fix.edits])
            f2 = Finding(**{**f.__dict__, "fix": fx})
            k = _key(text, f2, starts)
            if k not in rejected:
                candidates.append((f2, k))
        if not candidates:
            break
        candidates.sort(key=lambda fk: min(_spans(text, _fix_of(fk[0]), starts)))
        taken: list[tuple[int, int]] = []
        chosen = []
        for f, k in candidates:
            spans = _spans(text, _fix_of(f), starts)
            if any(_overlaps(s, t) for s in spans for t in taken) or any(
                _overlaps(s, t) for i, s in enumerate(spans) for t in spans[i + 1 :]
            ):
                continue
            taken.extend(spans)
            chosen.append((f, k, [(a, b, e.content) for (a, b), e in zip(spans, _fix_of(f).edits)]))
        new = _apply(text, [e for _, _, edits in chosen for e in edits])
        if valid(new):
            text, applied = new, applied + len(chosen)
            for f, _, _ in chosen:
                codes[f.code] = codes.get(f.code, 0) + 1
            continue
        # Find the fixes that break the file on their own; drop them for good.
        good = []
        for f, k, edits in chosen:
            if valid(_apply(text, edits)):
                good.append((f.code, edits))
            else:
                rejected.add(k)
                where = f"{name}:" + (f"cell {f.cell}:" if f.cell is not None else "")
                messages.append(
                    f"dropout-lint: {where}{f.start.row}:{f.start.column}: {f.code} fix not applied: "
                    f"the result would not parse"
                )
        if good:  # together they clash: apply one now, the others on the next pass
            text, applied = _apply(text, good[0][1]), applied + 1
            codes[good[0][0]] = codes.get(good[0][0], 0) + 1
    return text, applied, messages


def unified_diff(name: str, before: str, after: str) -> str:
    if before == after:
        return ""
    a, b = split_lines(before), split_lines(after)
    out = []
    for line in difflib.unified_diff(a, b, fromfile=name, tofile=name):
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


# -- files ---------------------------------------------------------------------------------
def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path``'s content with ``data``: temp file in the same folder, then rename.

    The file keeps its mode; a symbolic link keeps pointing at the file it points at.
    """
    target = Path(os.path.realpath(path))
    mode = os.stat(target).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".dropout-lint.tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def fixing_rules(settings) -> list:
    """The rules to lint with while fixing: the fixable ones, or every enabled one when a rule
    that reads the other rules' findings is on (DL901 unused-noqa)."""
    from dropout_lint.engine import rules_for

    rules = [r for r in rules_for(settings.enabled) if r.code != "DL000"]
    if any(r.sees_other_findings for r in rules):
        return rules
    return [r for r in rules if r.fixable]


def _python_fixer(data: bytes, name: str, settings, unsafe: bool = False):
    """(text, lint, encode) for a Python file, or None when it cannot be read."""
    from dropout_lint.engine import lint_unit
    from dropout_lint.sources import SourceError, Unit, decode_python

    try:
        text, encoding, bom = decode_python(data)
    except SourceError:
        return None
    rules = fixing_rules(settings)

    def lint(t: str):
        found = lint_unit(Unit(text=t, encoding=encoding, bom=bom), name, settings, rules)
        return [f for f in found if f.applicable(unsafe)]

    def encode(t: str) -> bytes:
        return (b"\xef\xbb\xbf" if bom else b"") + t.encode(encoding)

    return text, lint, encode


def fix_file(
    path: Path, name: str, settings, write: bool = True, unsafe: bool = False, data: bytes | None = None
) -> FileOutcome:
    """Fix one file (``data``: its bytes when already read, e.g. from standard input)."""
    from dropout_lint.engine import needs_parse

    out = FileOutcome(path=path, name=name)
    try:
        data = path.read_bytes() if data is None else data
    except OSError:
        return out  # the lint run reports it as DL000
    rules = fixing_rules(settings)
    if not rules or not needs_parse(data, rules):
        return out
    if name.endswith(".ipynb"):
        return _fix_notebook(path, name, data, settings, write, out, unsafe)
    made = _python_fixer(data, name, settings, unsafe)
    if made is None:
        return out
    text, lint, encode = made
    try:
        new, n, messages = fix_text(text, lint, name, codes=out.codes)
    except RecursionError:
        return out
    out.messages.extend(messages)
    if new == text:
        return out
    try:
        new_data = encode(new)
    except UnicodeEncodeError as exc:
        out.messages.append(f"dropout-lint: {name}: fixes not applied: the result cannot be encoded ({exc.reason})")
        return out
    out.fixed, out.original, out.text, out.data = n, text, new, new_data
    out.diff = unified_diff(name, text, new)
    if write:
        _write(path, name, new_data, out)
    return out


def _fix_notebook(
    path: Path, name: str, data: bytes, settings, write: bool, out: FileOutcome, unsafe: bool = False
) -> FileOutcome:
    """Fix the code cells of a notebook; everything else in the JSON stays as it was."""

    from dropout_lint import notebook as nbm
    from dropout_lint.engine import lint_unit
    from dropout_lint.sources import SourceError

    try:
        nb = nbm._load(data)
        if not nbm._is_python(nb):
            return out
        cells = nbm._cells(nb)
        sources: list[str | None] = [
            nbm._source_text(c, i) if isinstance(c, dict) and c.get("cell_type") == "code" else None
            for i, c in enumerate(cells, start=1)
        ]
    except SourceError:
        return out
    layout = _json_layout(nb, data)
    original = list(sources)
    rules = fixing_rules(settings)
    rejected: set = set()

    def cell_ok(src: str) -> bool:
        return nbm._syntax_problem(nbm.blank_ipython(nbm.split_lines(src))) is None

    for _ in range(MAX_PASSES):
        unit = nbm.cells_unit(sources)
        by_cell: dict[int, list] = {}
        for f in lint_unit(unit, name, settings, rules):
            if not f.applicable(unsafe) or f.cell is None or sources[f.cell - 1] is None:
                continue
            by_cell.setdefault(f.cell, []).append(f)
        progress = False
        for cell, findings in sorted(by_cell.items()):
            src = sources[cell - 1]
            assert src is not None  # cells without source were left out above
            lines = nbm.split_lines(src)
            blanked = {i + 1 for i, (a, b) in enumerate(zip(lines, nbm.blank_ipython(lines))) if a != b}
            nl = newline_of(src)
            starts = _line_starts(src)
            taken: list[tuple[int, int]] = []
            chosen = []
            for f in sorted(findings, key=lambda f: (f.start, f.code)):
                fx = Fix(f.fix.message, [_with_newline(e, nl) for e in f.fix.edits])
                k = (cell, f.code, tuple((src[a:b], e.content) for (a, b), e in zip(_spans(src, fx, starts), fx.edits)))
                if k in rejected or any(_touches(e, blanked) for e in fx.edits):
                    continue
                spans = _spans(src, fx, starts)
                if any(_overlaps(a, b) for a in spans for b in taken):
                    continue
                taken.extend(spans)
                chosen.append((f, k, [(a, b, e.content) for (a, b), e in zip(spans, fx.edits)]))
            if not chosen:
                continue
            new = _apply(src, [e for _, _, edits in chosen for e in edits])
            if cell_ok(new):
                sources[cell - 1], progress = new, True
                out.fixed += len(chosen)
                for f, _, _ in chosen:
                    out.codes[f.code] = out.codes.get(f.code, 0) + 1
                continue
            for f, k, edits in chosen:
                if cell_ok(_apply(src, edits)):
                    sources[cell - 1], progress = _apply(src, edits), True
                    out.fixed += 1
                    out.codes[f.code] = out.codes.get(f.code, 0) + 1
                    break
                rejected.add(k)
                out.messages.append(
                    f"dropout-lint: {name}:cell {cell}:{f.start.row}:{f.start.column}: {f.code} fix not applied: "
                    f"the result would not parse"
                )
        if not progress:
            break
    changed = [i for i, (a, b) in enumerate(zip(original, sources)) if a != b]
    if not changed:
        out.fixed = 0
        return out
    out.diff = "".join(unified_diff(f"{name}:cell {i + 1}", original[i] or "", sources[i] or "") for i in changed)
    if layout is None:
        out.messages.append(
            f"dropout-lint: {name}: fixes not written: the notebook's JSON layout is not one dropout-lint can reproduce"
        )
        out.fixed = 0
        return out
    for i in changed:
        cell = cells[i]
        key = "source" if "source" in cell or "input" not in cell else "input"
        cell[key] = split_lines(sources[i] or "") if isinstance(cell.get(key), list) else sources[i]
    new_data = out.data = _dump_json(nb, layout)
    if write:
        _write(path, name, new_data, out)
    return out


def _write(path: Path, name: str, data: bytes, out: FileOutcome) -> None:
    """Write the fixed bytes atomically; a failed write is one message and counts no fix."""
    try:
        write_atomic(path, data)
        out.written = True
    except OSError as exc:
        out.messages.append(f"dropout-lint: {name}: fixes not written: {exc.strerror or exc}")
        out.fixed = 0


def _touches(edit: Edit, rows: set[int]) -> bool:
    last = edit.end.row - 1 if edit.end.column == 1 and edit.end.row > edit.start.row else edit.end.row
    return any(r in rows for r in range(edit.start.row, last + 1))


def _json_layout(nb, data: bytes):
    """The ``json.dumps`` settings that reproduce ``data`` exactly, or None."""
    for indent in (1, 2, 4, None, "\t", 3):
        for ascii_only in (False, True):
            for crlf in (False, True):
                layout = (indent, ascii_only, crlf, None)
                body = _dump_json(nb, layout)
                for tail in (b"", b"\n", b"\r\n"):
                    if body + tail == data:
                        return (indent, ascii_only, crlf, tail)
    return None


def _dump_json(nb, layout) -> bytes:
    import json

    indent, ascii_only, crlf, tail = layout
    text = json.dumps(nb, indent=indent, ensure_ascii=ascii_only)
    if crlf:
        text = text.replace("\n", "\r\n")
    return text.encode("utf-8") + (tail or b"")


def fix_files(files: list[Path], eff, write: bool = True, unsafe=False) -> Outcome:
    """``unsafe``: a bool, or a callable giving it per file (``unsafe-fixes`` in its config)."""
    from dropout_lint.runner import display_path

    outcome = Outcome()
    for path in files:
        u = unsafe(path) if callable(unsafe) else unsafe
        outcome.files.append(fix_file(path, display_path(path), eff.for_file(path), write=write, unsafe=u))
    return outcome
