"""Source positions of CST nodes without libcst's ``PositionProvider`` over the whole tree.

``PositionProvider`` re-generates the code of every node of the module to learn where each one
starts and ends: on real files that costs about twice the parse. The analysis only needs the
positions of calls, functions and classes, which Python's own parser (``ast``, written in C)
gives for a small fraction of that. ``Positions`` is a drop-in for the provider's mapping
(``positions[node].start.line`` / ``.column``, 0-based columns in characters, end exclusive):

- the collector asks for calls and for function/class definitions in the order of the walk,
  which is source order with an enclosing node before its children. The ``ast`` nodes of the same
  kinds, sorted the same way, are handed out one by one; each is checked against the CST node
  (callee name or type, argument count, definition name, and the source text at the position).
  Columns are converted from UTF-8 bytes (``ast``) to characters (libcst).
- anything else (another node type, a request out of order, a check that fails, a file ``ast``
  cannot parse, e.g. newer syntax than the running Python) computes libcst's own
  ``PositionProvider`` once, and every later answer comes from it. The positions already handed
  out passed the checks, so they are the same as the provider's.

``tests/test_positions.py`` compares the two on every fixture and on generated programs.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping, Sequence

import libcst as cst
from libcst.metadata import CodeRange

_NL = re.compile(r"\r\n|\r|\n")
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
#: The definitions whose positions are handed out (``_DEFS``).
Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
_LEAVES = frozenset(
    {ast.Name, ast.Constant, ast.Load, ast.Store, ast.Del, ast.alias, ast.Pass, ast.Break, ast.Continue}
    | {
        c
        for c in vars(ast).values()
        if isinstance(c, type) and issubclass(c, (ast.operator, ast.unaryop, ast.cmpop, ast.boolop))
    }
)


class Positions:
    """``node -> CodeRange`` for a module parsed from ``text``."""

    def __init__(
        self,
        module: cst.Module,
        text: str,
        fast: bool = True,
        tree: ast.Module | None = None,
        found: tuple[Sequence[ast.Call], Sequence[Definition]] | None = None,
    ) -> None:
        self.module = module
        self.text = text
        self._table: dict[cst.CSTNode, CodeRange] = {}
        self._full: Mapping[cst.CSTNode, CodeRange] | None = None
        self._calls: list[ast.Call] = []
        self._defs: list[Definition] = []
        self._ci = 0
        self._di = 0
        self._lines: list[str] | None = None
        self.fast_hits = 0
        if fast:
            self._prepare(tree, found)
        else:
            self._switch_to_full()

    # -- mapping interface ----------------------------------------------------------------------
    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        r = self._table.get(node)
        if r is not None:
            return r
        if self._full is None:
            r = self._fast(node)
            if r is not None:
                self._table[node] = r
                self.fast_hits += 1
                return r
            return self._switch_to_full()[node]
        return self._full[node]

    def get(self, node, default=None):
        try:
            return self[node]
        except KeyError:
            return default

    def __contains__(self, node) -> bool:
        return self.get(node) is not None

    @property
    def is_full(self) -> bool:
        return self._full is not None

    # -- the provider ---------------------------------------------------------------------------
    def _switch_to_full(self) -> Mapping[cst.CSTNode, CodeRange]:
        if self._full is None:
            self._full = provider_positions(self.module)
        return self._full

    # -- the fast path --------------------------------------------------------------------------
    def _prepare(
        self, tree: ast.Module | None = None, found: tuple[Sequence[ast.Call], Sequence[Definition]] | None = None
    ) -> None:
        """``tree``: ``ast.parse(self.text)`` if the caller has it (the parse guard's); ``found``:
        its calls and definitions if the caller walked it already (the guard's, in the order of
        this walk: every node, pushed in field order, popped last first)."""
        if tree is None:
            found = None
            try:
                tree = ast.parse(self.text)
            except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
                self._switch_to_full()
                return
        calls, defs = self._walk(tree) if found is None else (list(found[0]), list(found[1]))
        # Source order, the enclosing node first when two start at the same place.
        key = lambda n: (n.lineno, n.col_offset, -n.end_lineno, -n.end_col_offset)  # noqa: E731
        calls.sort(key=key)
        defs.sort(key=key)
        self._calls, self._defs = calls, defs

    @staticmethod
    def _walk(tree: ast.AST) -> tuple[list[ast.Call], list[Definition]]:
        calls: list[ast.Call] = []
        defs: list[Definition] = []
        # ast.walk, minus the nodes that cannot hold a call or a definition (names, constants,
        # contexts, operators): about half of all nodes.
        stack = [tree]
        pop, push, grow = stack.pop, stack.append, stack.extend
        call_t, leaf = ast.Call, _LEAVES
        while stack:
            n = pop()
            if n.__class__ is call_t:
                calls.append(n)
            elif isinstance(n, _DEFS):
                defs.append(n)
            for f in n._fields:
                v = getattr(n, f, None)
                if v.__class__ is list:
                    grow([c for c in v if c.__class__ not in leaf and isinstance(c, ast.AST)])
                elif v is not None and v.__class__ not in leaf and isinstance(v, ast.AST):
                    push(v)
        return calls, defs

    def _line(self, row: int) -> str | None:
        if self._lines is None:
            self._lines = _NL.split(self.text)
        if 1 <= row <= len(self._lines):
            return self._lines[row - 1]
        return None

    def _col(self, row: int, byte_col: int) -> int | None:
        line = self._line(row)
        if line is None:
            return None
        if line.isascii():
            return byte_col if byte_col <= len(line) else None
        raw = line.encode("utf-8", "surrogatepass")
        if byte_col > len(raw):
            return None
        try:
            return len(raw[:byte_col].decode("utf-8"))
        except UnicodeDecodeError:
            return None

    def _range(self, a: ast.expr | ast.stmt) -> CodeRange | None:
        if a.end_lineno is None or a.end_col_offset is None:  # set on every node ``ast.parse`` makes
            return None
        sc = self._col(a.lineno, a.col_offset)
        ec = self._col(a.end_lineno, a.end_col_offset)
        if sc is None or ec is None:
            return None
        return CodeRange((a.lineno, sc), (a.end_lineno, ec))

    def _fast(self, node: cst.CSTNode) -> CodeRange | None:
        if isinstance(node, (cst.SimpleStatementLine, cst.Expr)):
            return self._statement(node)
        if isinstance(node, cst.Call):
            if self._ci >= len(self._calls):
                return None
            c = self._calls[self._ci]
            if not _same_call(node, c):
                return None
            r = self._range(c)
            if r is None or not self._text_ok(node, r):
                return None
            self._ci += 1
            return r
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            if self._di >= len(self._defs):
                return None
            a = self._defs[self._di]
            if a.name != node.name.value or isinstance(a, ast.ClassDef) != isinstance(node, cst.ClassDef):
                return None
            if isinstance(node, cst.FunctionDef) and (node.asynchronous is not None) != (
                a.__class__ is ast.AsyncFunctionDef
            ):
                return None
            r = self._range(a)
            if r is None:
                return None
            line = self._line(r.start.line) or ""
            word = (
                "async" if a.__class__ is ast.AsyncFunctionDef else ("class" if isinstance(a, ast.ClassDef) else "def")
            )
            if not line[r.start.column :].startswith(word):
                return None
            self._di += 1
            return r
        return None

    def _statement(self, node) -> CodeRange | None:
        """A statement that is one call (``model.add(...)``): the provider records the line and
        the expression statement from the start of its first small statement to the end of its
        last, i.e. exactly the call's range when the call is not in parentheses. Only from a
        call range already handed out (and checked)."""
        if isinstance(node, cst.SimpleStatementLine):
            if len(node.body) != 1:
                return None
            node = node.body[0]
        if not isinstance(node, cst.Expr) or not isinstance(node.value, cst.Call) or node.value.lpar:
            return None
        return self._table.get(node.value)

    def _text_ok(self, node: cst.Call, r: CodeRange) -> bool:
        start = self._line(r.start.line)
        end = self._line(r.end.line)
        if start is None or end is None or r.end.column < 1 or end[r.end.column - 1] != ")":
            return False
        head = _head_name(node.func)
        if head is None:
            return True
        return start[r.start.column :].lstrip("( \t").startswith(head)


def provider_positions(module: cst.Module) -> Mapping[cst.CSTNode, CodeRange]:
    """What ``MetadataWrapper(module).resolve(PositionProvider)`` returns, at about half the cost.

    The wrapper also runs a (here empty) batch of visitor-based providers, i.e. one more full
    traversal that rebuilds the tree; the provider itself is one code generation pass. Calling
    that pass directly uses libcst internals, so any surprise falls back to the public way.
    """
    from libcst.metadata import MetadataWrapper, PositionProvider

    try:
        from libcst.metadata.position_provider import PositionProvidingCodegenState

        provider = PositionProvider()
        state = PositionProvidingCodegenState(
            default_indent=module.default_indent, default_newline=module.default_newline, provider=provider
        )
        module._codegen(state)
        computed = provider._computed
        if isinstance(computed, dict) and computed:
            return computed
    except Exception:  # noqa: BLE001 - a libcst version with other internals
        pass
    return MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)


def _head_name(e) -> str | None:
    while isinstance(e, (cst.Attribute, cst.Call, cst.Subscript)):
        e = e.value if not isinstance(e, cst.Call) else e.func
    return e.value if isinstance(e, cst.Name) else None


def _same_call(node: cst.Call, a: ast.Call) -> bool:
    if len(node.args) != len(a.args) + len(a.keywords):
        return False
    f, af = node.func, a.func
    if isinstance(f, cst.Name):
        return isinstance(af, ast.Name) and af.id == f.value
    if isinstance(f, cst.Attribute):
        return isinstance(af, ast.Attribute) and af.attr == f.attr.value
    if isinstance(f, cst.Call):
        return isinstance(af, ast.Call)
    if isinstance(f, cst.Subscript):
        return isinstance(af, ast.Subscript)
    return type(f).__name__ == type(af).__name__
