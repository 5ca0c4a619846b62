"""Which rules a parsed file needs: a rule's ``requires`` counts only where it is code.

The runner's first prefilter (``engine.needs_parse``) looks for the substrings in the file's
bytes, which is all it can afford before Python has parsed anything. Once the parse guard has
Python's tree of the file (``guard.parse_guarded``), the string literals and comments are known
exactly: ``code_bytes`` is the file with them blanked, and ``matching`` keeps the rules one of
whose substrings occurs there (a rule with ``requires_code = False``, e.g. one that reads
``# noqa`` comments, is matched against the whole text). A file whose only mentions are in
docstrings, comments or strings is then not parsed by libcst at all, and a parsed file runs only
the rules it matched. An f-string is left as it is (its ``{...}`` parts are code).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence

_NEWLINE = re.compile(rb"\r\n|\r|\n")  # what Python counts as a line end
_NOT_NEWLINE = re.compile(rb"[^\r\n]+")
_COMMENT = re.compile(rb"#[^\r\n]*")


def code_bytes(data: bytes, strings: Sequence[ast.expr]) -> bytes:
    """``data`` (the UTF-8 text Python parsed) with every string literal and comment blanked.

    ``strings``: the tree's ``Constant`` str/bytes and ``JoinedStr`` nodes. Positions are
    (row, UTF-8 byte column); a literal inside an f-string (which Python 3.11 places at the
    whole f-string) is left to the f-string, whose ``#`` characters are not comments."""
    if not strings and b"#" not in data:
        return data
    starts = [0] + [m.end() for m in _NEWLINE.finditer(data)]
    spans = []
    for n in strings:
        a = starts[n.lineno - 1] + n.col_offset
        b = starts[(n.end_lineno or n.lineno) - 1] + (n.end_col_offset or n.col_offset)
        spans.append((a, -b, n.__class__ is not ast.JoinedStr))
    spans.sort()
    out = []
    pos = 0
    for a, nb, plain in spans:
        b = -nb
        if a < pos:  # inside a literal already handled
            continue
        out.append(data[pos:a])
        part = data[a:b]
        out.append(_NOT_NEWLINE.sub(b" ", part) if plain else part.replace(b"#", b" "))
        pos = b
    out.append(data[pos:])
    return _COMMENT.sub(b"", b"".join(out))


def matching(rules: list, data: bytes, code: bytes) -> list:
    """The rules of ``rules`` one of whose ``requires`` occurs in ``code`` (or in ``data`` for a
    rule that reads comments), and one of whose ``requires_text`` (if any) occurs in ``data``;
    a rule without ``requires`` is always kept."""
    out = []
    for r in rules:
        where = code if getattr(r, "requires_code", True) else data
        if not r.requires or any(s.encode() in where for s in r.requires):
            also = getattr(r, "requires_text", ())
            if not also or any(s.encode() in data for s in also):
                out.append(r)
    return out
