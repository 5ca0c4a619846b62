"""Fixes as text-range edits, and applying them to text.

Edits use 1-based rows and columns with an exclusive end, like the JSON output. A fix that would
not leave a parseable file is dropped by the caller that applies it (``--fix``, the editor).
"""

from __future__ import annotations

import re

from dropout_lint.finding import Edit, Fix, Pos

# Python (and libcst) end a line at CRLF, CR or LF only; ``str.splitlines`` would also split at
# form feeds and other separators that Python treats as whitespace, shifting every later row.
_NEWLINE = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` with their endings, split as Python's tokenizer does."""
    out: list[str] = []
    pos = 0
    for m in _NEWLINE.finditer(text):
        out.append(text[pos : m.end()])
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for line in split_lines(text):
        starts.append(starts[-1] + len(line))
    return starts


def span(text: str, edit: Edit, starts: list[int] | None = None) -> tuple[int, int]:
    """The edit's [start, end) as offsets into ``text``."""
    starts = starts or _line_starts(text)
    return offset(text, edit.start, starts), offset(text, edit.end, starts)


def offset(text: str, pos: Pos, starts: list[int] | None = None) -> int:
    starts = starts or _line_starts(text)
    row = min(max(pos.row, 1), len(starts))
    return min(starts[row - 1] + pos.column - 1, len(text))


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (later ones first); an edit overlapping another is skipped."""
    starts = _line_starts(text)
    spans = sorted(
        ((offset(text, e.start, starts), offset(text, e.end, starts), e.content) for e in edits), reverse=True
    )
    out = text
    limit = len(text) + 1
    for a, b, content in spans:
        if b > limit:
            continue
        out = out[:a] + content + out[b:]
        limit = a
    return out


def node_range(ctx, node) -> tuple[Pos, Pos]:
    """The [start, end) of a libcst node, 1-based, end exclusive."""
    return _pos(ctx, node)


def _pos(ctx, node):
    rng = ctx.facts.positions[node]
    return Pos(rng.start.line, rng.start.column + 1), Pos(rng.end.line, rng.end.column + 1)


def _own_lines(ctx, start: Pos, end: Pos) -> tuple[Pos, Pos] | None:
    """If the range [start, end) is alone on its lines (bar a comma and a comment), those lines."""
    lines = _memo(ctx, "_fix_text_lines", lambda: split_lines(ctx.unit.text))  # once per file, not per fix
    if not (1 <= start.row <= len(lines) and 1 <= end.row <= len(lines)):
        return None
    before = lines[start.row - 1][: start.column - 1]
    after = lines[end.row - 1][end.column - 1 :].strip()
    if before.strip() or (after and not after.lstrip(",").strip().startswith("#") and after.lstrip(",").strip()):
        return None
    if end.row < len(lines):
        return Pos(start.row, 1), Pos(end.row + 1, 1)
    return Pos(start.row, 1), Pos(end.row, len(lines[end.row - 1]) + 1)


def remove_layer(ctx, node) -> Fix | None:
    """Remove a layer from its Sequential list or delete its ``.add(...)`` statement."""
    container = node.container
    kind = node.kind or "layer"
    if container is None:
        edits = _remove_application(ctx, node)
        return Fix(f"Remove the {kind} layer", edits) if edits else None
    if container[0] == "list":
        lst, element = container[1], container[2]
        elements = list(lst.elements)
        idx = next((i for i, e in enumerate(elements) if e is element), None)
        if idx is None:
            return None
        start, end = _pos(ctx, element.value)
        whole = _own_lines(ctx, start, end)
        if whole is not None:
            return Fix(f"Remove the {kind} layer", [Edit("", *whole)])
        if idx == len(elements) - 1 and idx > 0:
            _, prev_end = _pos(ctx, elements[idx - 1].value)
            return Fix(f"Remove the {kind} layer", [Edit("", prev_end, end)])
        if idx < len(elements) - 1:
            nstart, _ = _pos(ctx, elements[idx + 1].value)
            return Fix(f"Remove the {kind} layer", [Edit("", start, nstart)])
        return Fix(f"Remove the {kind} layer", [Edit("", start, end)])
    if container[0] == "add":
        stmt = container[1]
        if stmt is None or len(stmt.body) != 1:
            return None
        start, end = _pos(ctx, stmt)
        whole = _own_lines(ctx, start, end)
        if whole is None:
            return None
        return Fix(f"Remove the {kind} layer", [Edit("", *whole)])
    return None


def _remove_application(ctx, node) -> list[Edit] | None:
    """Functional code: ``D(q)(x)`` becomes ``x``; a statement ``x = D(q)(x)`` is deleted.

    Only for a layer built inline and applied to one plain argument (a ``training=`` or any
    other argument would be lost).
    """
    import libcst as cst

    app = node.call
    if app is None or node.spec is None or node.spec.wrapper or app.node.func is not node.spec.call.node:
        return None
    args = app.node.args
    if len(args) != 1 or args[0].keyword is not None or args[0].star:
        return None
    arg = args[0].value
    stmt = _assignment_of(ctx, app.node, cst)
    if stmt is not None and isinstance(arg, cst.Name) and stmt.body[0].targets[0].target.value == arg.value:
        whole = _own_lines(ctx, *_pos(ctx, stmt))
        if whole is not None:
            return [Edit("", *whole)]
    start, end = _pos(ctx, app.node)
    text = ctx.code(arg)
    if not isinstance(arg, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)):
        text = f"({text})"
    return [Edit(text, start, end)]


def _assignment_of(ctx, call_node, cst):
    """The one-statement line ``name = <call_node>``, if ``call_node`` is the whole value."""

    def collect() -> dict:
        by_value: dict = {}  # id of an assigned value -> its one-target, one-statement line

        class Collect(cst.CSTVisitor):  # type: ignore[name-defined]  # libcst is passed in (imported lazily)
            def visit_SimpleStatementLine(self, node) -> None:
                if len(node.body) == 1 and isinstance(node.body[0], cst.Assign):
                    a = node.body[0]
                    if len(a.targets) == 1 and isinstance(a.targets[0].target, cst.Name):
                        by_value[id(a.value)] = node

        ctx.facts.module.visit(Collect())
        return by_value

    stmt = _memo(ctx, "_fix_statement_lines", collect).get(id(call_node))
    return stmt if stmt is not None and stmt.body[0].value is call_node else None


def _memo(ctx, name: str, make):
    """A value computed once per file, kept on the file's facts."""
    value = getattr(ctx.facts, name, None)
    if value is None:
        value = make()
        setattr(ctx.facts, name, value)
    return value
