"""Fixes as text-range edits, and applying them to text.

Edits use 1-based rows and columns with an exclusive end, like the JSON output. A fix that would
not leave a parseable file is dropped by the caller that applies it (``--fix``, the editor).
"""

from __future__ import annotations

from dropout_lint.finding import Edit, Fix, Pos


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, line in enumerate(text.splitlines(keepends=True)):
        starts.append(starts[-1] + len(line))
    return starts


def offset(text: str, pos: Pos, starts: list[int] | None = None) -> int:
    starts = starts or _line_starts(text)
    row = min(max(pos.row, 1), len(starts))
    return min(starts[row - 1] + pos.column - 1, len(text))


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (later ones first); an edit overlapping another is skipped."""
    starts = _line_starts(text)
    spans = sorted(((offset(text, e.start, starts), offset(text, e.end, starts), e.content) for e in edits), reverse=True)
    out = text
    limit = len(text) + 1
    for a, b, content in spans:
        if b > limit:
            continue
        out = out[:a] + content + out[b:]
        limit = a
    return out


def _pos(ctx, node):
    rng = ctx.facts.positions[node]
    return Pos(rng.start.line, rng.start.column + 1), Pos(rng.end.line, rng.end.column + 1)


def _own_lines(ctx, start: Pos, end: Pos) -> tuple[Pos, Pos] | None:
    """If the range [start, end) is alone on its lines (bar a comma and a comment), those lines."""
    lines = ctx.unit.text.splitlines(keepends=True)
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
    if container is None:
        return None
    kind = node.kind or "layer"
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
