"""The per-file budget, and running parse + analysis on deeply nested code without crashing.

libcst's native parser allocates memory that grows fast with nesting (a 10,000-long chained
conditional expression asks for more than 11 GB and aborts the process) and recurses on the
native stack; our visitors and the flow interpreter recurse in Python. CPython's own parser is
fast, bounded and has stack guards, so it goes first:

* ``guard(text, options)``: the file's verdict before libcst sees it, as (message, row,
  column) or None. A file over ``max-file-size`` lines or ``max-file-bytes`` bytes is too large
  (not even CPython is asked). A file CPython refuses (``SyntaxError``, ``IndentationError``,
  or a parser that runs out of stack on a long chain) gets CPython's own message and position:
  that is what the user sees when they run it. A file CPython compiles is measured on its AST,
  iteratively: more than ``max-syntax-nodes`` nodes, or expressions nested deeper than
  ``max-expression-depth``, is too large / too deep to analyse. Within those limits libcst's
  and the analysis' memory and time grow about linearly with the file (see
  ``benchmarks/bounded_cost.md``), and the recursion of the interpreter over an expression is
  bounded by the depth limit.
* ``call_deep(fn)``: runs ``fn`` in a long-lived worker thread with a large stack and a raised
  recursion limit, so the legal-but-deep files within the limits are parsed and analysed (findings are
  not lost). Exceptions propagate to the caller; ``KeyboardInterrupt`` in the waiting thread
  propagates at once (the worker is a daemon).
"""

from __future__ import annotations

import ast
import os
import queue
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ParamSpec, TypeVar

if TYPE_CHECKING:
    from dropout_lint.analysis.positions import Definition

P = ParamSpec("P")
T = TypeVar("T")

STACK_BYTES = 512 * 1024 * 1024  # address space only; pages are committed as they are touched
RECURSION_LIMIT = 40_000

#: The budget's defaults (``[tool.dropout-lint]`` keys, documented with DL000). A real 60,000-line
#: file is far inside them; past one, the file gets one DL000 finding and the run goes on.
LIMITS = {
    "max-file-size": 100_000,  # lines
    "max-file-bytes": 10_000_000,
    "max-syntax-nodes": 1_000_000,  # nodes of Python's AST
    "max-expression-depth": 1_000,  # expressions nested in one another (chains: a + a + ...)
}
_MARKS = b",;()[]{}=+-*/%<>.:@&|^~"
_FLAGS = ast.PyCF_ONLY_AST
_NOTEBOOK = _FLAGS | getattr(ast, "PyCF_ALLOW_TOP_LEVEL_AWAIT", 0)

_lock = threading.Lock()
_active = 0
_saved_limit = 0


def limit(options: dict, key: str) -> int:
    value = options.get(key) if options else None
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else LIMITS[key]


def guard(text: str, options: dict | None = None, notebook: bool = False) -> tuple[str, int, int] | None:
    """(message, row, column) when the file must not reach libcst, else None.

    ``notebook``: the joined cells of a notebook, where IPython allows a top-level ``await``."""
    return parse_guarded(text, options, notebook).verdict


class Guarded:
    """The guard's answer: ``verdict`` (as ``guard``), and for a file that may go on, Python's
    ``tree`` of it (``ast.Module``), its string literals (``strings``: the ``ast.Constant``
    str/bytes and ``ast.JoinedStr`` nodes), and its ``calls`` and definitions (``defs``:
    functions and classes) in the order of the guard's walk, so that nothing parses or walks
    the file with ``ast`` again (``analysis/positions.py`` takes the last two)."""

    __slots__ = ("verdict", "tree", "strings", "calls", "defs")

    def __init__(
        self,
        verdict: tuple[str, int, int] | None,
        tree: ast.Module | None = None,
        strings: Sequence[ast.expr] = (),
        calls: Sequence[ast.Call] = (),
        defs: Sequence[Definition] = (),
    ) -> None:
        self.verdict = verdict
        self.tree = tree
        self.strings = strings
        self.calls = calls
        self.defs = defs


def parse_guarded(text: str, options: dict | None = None, notebook: bool = False) -> Guarded:
    """``guard``, keeping what Python's parser made of the file."""
    options = options or {}
    lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    if lines > limit(options, "max-file-size"):
        return Guarded((_too("large", f"{lines:,} lines", options, "max-file-size"), 1, 1))
    data = text.encode("utf-8", "surrogatepass")
    if len(data) > limit(options, "max-file-bytes"):
        return Guarded((_too("large", f"{len(data):,} bytes", options, "max-file-bytes"), 1, 1))
    # Python's own AST costs memory too: bound it first by the operators and delimiters, about
    # one per node in dense data (``[1, 2, ...]``), more than the nodes in ordinary code.
    marks = len(data) - len(data.translate(None, _MARKS))
    if marks > limit(options, "max-syntax-nodes"):
        return Guarded((_too("large", f"about {marks:,} syntax nodes", options, "max-syntax-nodes"), 1, 1))
    # On a big stack with a raised recursion limit, so the verdict never depends on the caller's.
    return call_deep(_verdict, text, options, _NOTEBOOK if notebook else _FLAGS)


def _verdict(text: str, options: dict, flags: int) -> Guarded:
    strings: list[ast.expr] = []
    calls: list[ast.Call] = []
    defs: list[Definition] = []
    try:
        with warnings.catch_warnings():  # no SyntaxWarning on stderr: the file is not ours
            warnings.simplefilter("ignore")
            tree = compile(text, "<file>", "exec", flags=flags, dont_inherit=True)
            too = _measure(tree, options, strings, calls, defs)
            if too is not None:
                return Guarded(too)
            # The rest of Python's verdict ('return' outside function, 'await' outside a
            # notebook...) comes from compiling the tree, which the limits keep cheap. Not for a
            # notebook: Jupyter compiles each cell on its own (a ``from __future__`` import that
            # opens a later cell is fine), and the reader has already set aside the cells that
            # do not compile, so the others are still linted.
            if flags != _NOTEBOOK:
                compile(tree, "<file>", "exec", flags=flags & ~ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as exc:  # IndentationError and TabError included
        return Guarded((f"{type(exc).__name__}: {exc.msg}", max(exc.lineno or 1, 1), max(exc.offset or 1, 1)))
    except (RecursionError, MemoryError) as exc:
        return Guarded((f"{type(exc).__name__}: Python cannot compile this file: too deeply nested", 1, 1))
    except ValueError as exc:  # e.g. NUL bytes (the reader refuses them first)
        return Guarded((f"SyntaxError: {exc}", 1, 1))
    return Guarded(None, tree, strings, calls, defs)


def _measure(
    tree: ast.AST, options: dict, strings: list | None = None, calls: list | None = None, defs: list | None = None
) -> tuple[str, int, int] | None:
    """The node count and the deepest nesting of expressions, without recursion; ``strings``
    (if given) gets the string literals (``Constant`` str/bytes, ``JoinedStr``), ``calls`` the
    ``Call`` nodes and ``defs`` the function and class definitions, in the walk's order."""
    max_nodes = limit(options, "max-syntax-nodes")
    max_depth = limit(options, "max-expression-depth")
    expr = ast.expr
    context = ast.expr_context  # Load/Store: shared singletons, not nodes of the file
    text_types = (str, bytes)
    literal, joined, call = ast.Constant, ast.JoinedStr, ast.Call
    definitions = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    stack: list[tuple[ast.AST, int, ast.AST]] = [(tree, 0, tree)]
    pop, push = stack.pop, stack.append
    nodes = 0
    while stack:
        node, depth, top = pop()  # top: the outermost expression holding ``node``
        nodes += 1
        if nodes > max_nodes:
            return _too("large", f"more than {max_nodes:,} syntax nodes", options, "max-syntax-nodes"), 1, 1
        if isinstance(node, expr):
            depth += 1
            if depth == 1:
                top = node
            elif depth > max_depth:
                assert isinstance(top, expr)  # set to the outermost expression when depth was 1
                return (
                    _too("deep", f"expressions nested {depth:,} deep", options, "max-expression-depth"),
                    top.lineno,
                    top.col_offset + 1,
                )
            if strings is not None and (
                node.__class__ is joined or (node.__class__ is literal and isinstance(node.value, text_types))
            ):
                strings.append(node)
            elif node.__class__ is call and calls is not None:
                calls.append(node)
        elif node.__class__ in definitions and defs is not None:
            defs.append(node)
        for name in node._fields:  # ast.iter_child_nodes, inlined
            v = getattr(node, name, None)
            if isinstance(v, list):
                for child in v:
                    if isinstance(child, ast.AST) and not isinstance(child, context):
                        push((child, depth, top))
            elif isinstance(v, ast.AST) and not isinstance(v, context):
                push((v, depth, top))
    return None


def _too(what: str, measured: str, options: dict, key: str) -> str:
    return f"too {what} to analyse: {measured}, limit {limit(options, key):,}; raise `{key}` to analyse it"


def _raise_limit() -> None:
    global _active, _saved_limit
    with _lock:
        if _active == 0:
            _saved_limit = sys.getrecursionlimit()
            if _saved_limit < RECURSION_LIMIT:
                sys.setrecursionlimit(RECURSION_LIMIT)
        _active += 1


def _restore_limit() -> None:
    global _active
    with _lock:
        _active -= 1
        if _active == 0 and _saved_limit:
            sys.setrecursionlimit(_saved_limit)


class _Deep:
    """A daemon thread with a big stack that runs the calls handed to it, one at a time. It
    outlives the call, so the next file's parse reuses its stack pages and its malloc arena
    (a fresh thread per call faulted in ~20 MB for every large file: ~10% of libcst's parse)."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._serve, name="dropout-lint-deep", daemon=True)

    def _serve(self) -> None:
        while True:
            fn, args, kwargs, out, done = self.jobs.get()
            _raise_limit()
            try:
                out.append(fn(*args, **kwargs))
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                out.append(_Raised(exc))
            finally:
                _restore_limit()
                fn = args = kwargs = out = None  # hold nothing of the file while idle
                done.set()


class _Raised:
    __slots__ = ("exc",)

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


_idle: list[_Deep] = []  # deep threads waiting for a call


def _forget_threads() -> None:  # a forked child has none of its parent's threads
    global _lock, _active
    _lock = threading.Lock()
    _active = 0
    _idle.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_threads)


def _take() -> _Deep | None:
    """An idle deep thread, or a new one; None if the platform cannot start one."""
    with _lock:
        if _idle:
            return _idle.pop()
        deep = _Deep()
        try:  # the stack size is read when the thread starts
            old = threading.stack_size(STACK_BYTES)
        except (ValueError, RuntimeError):  # the platform refuses the size
            old = None
        try:
            deep.thread.start()
        except RuntimeError:  # cannot start a thread (resource limits)
            return None
        finally:
            if old is not None:
                threading.stack_size(old)
        return deep


def call_deep(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)`` on a big stack with a raised recursion limit.

    Run by an idle deep thread (a call made from inside one gets another thread). The caller
    waits in short timed waits, so Ctrl-C interrupts it at once; the thread it leaves is busy
    and never handed a call again."""
    deep = _take()
    if deep is None:
        return fn(*args, **kwargs)
    out: list = []
    done = threading.Event()
    deep.jobs.put((fn, args, kwargs, out, done))
    while not done.wait(0.25):  # a timed wait keeps Ctrl-C responsive
        pass
    with _lock:
        _idle.append(deep)
    result = out[0]
    if isinstance(result, _Raised):
        raise result.exc
    return result
