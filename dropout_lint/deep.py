"""Running parse + analysis on deeply nested code without crashing the process.

libcst's native parser recurses on the C (Rust) stack: a few thousand nested brackets overflow
the main thread's default stack and kill the interpreter with SIGSEGV -- no exception to catch.
Our visitors and the flow interpreter recurse in Python and hit ``RecursionError`` on long
operator chains (``a + a + ...``) or long ``elif`` chains that CPython itself accepts.

Two defences:

* ``too_deep(text)``: CPython refuses more than 200 nested brackets ("too many nested
  parentheses"), so such a file is never valid Python. A cheap bracket count (strings included,
  so it over-counts) flags the candidates; the exact check asks CPython's own parser, which has
  stack guards. A file over the limit becomes a DL000 finding without reaching libcst.
* ``call_deep(fn)``: runs ``fn`` in a worker thread with a large stack and a raised recursion
  limit, so the legal-but-deep files CPython accepts are parsed and analysed (findings are not
  lost). Exceptions propagate to the caller; ``KeyboardInterrupt`` in the waiting thread
  propagates at once (the worker is a daemon).
"""

from __future__ import annotations

import sys
import threading
from itertools import accumulate

STACK_BYTES = 512 * 1024 * 1024  # address space only; pages are committed as they are touched
RECURSION_LIMIT = 40_000
MAX_BRACKET_DEPTH = 200  # CPython's tokenizer limit (MAXLEVEL)

_OPEN = b"([{"
_KEEP = b"()[]{}"
_DELETE = bytes(c for c in range(256) if c not in _KEEP)
_lock = threading.Lock()
_active = 0
_saved_limit = 0


def bracket_depth_upper_bound(text: str) -> int:
    """The deepest bracket nesting, counting brackets inside strings and comments too."""
    b = text.encode("utf-8", "surrogatepass").translate(None, _DELETE)
    if len(b) <= MAX_BRACKET_DEPTH:
        return len(b)
    return max(accumulate(1 if c in _OPEN else -1 for c in b))


def too_deep(text: str) -> tuple[str, int, int] | None:
    """(message, row, column) if CPython would reject ``text`` for its nesting, else None."""
    if bracket_depth_upper_bound(text) <= MAX_BRACKET_DEPTH:
        return None
    import ast

    try:
        ast.parse(text)
    except SyntaxError as exc:
        msg = str(exc.msg or "")
        if "nested" in msg or "too complex" in msg or "too many" in msg:
            return msg, max(exc.lineno or 1, 1), max(exc.offset or 1, 1)
        return _exact_depth(text)  # another syntax error came first: count brackets exactly
    except (RecursionError, MemoryError):
        return "too deeply nested to parse", 1, 1
    except ValueError:
        return None
    return None


def _exact_depth(text: str) -> tuple[str, int, int] | None:
    """Bracket depth from Python's tokenizer (strings and comments excluded)."""
    import io
    import tokenize

    depth = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.OP:
                if tok.string in ("(", "[", "{"):
                    depth += 1
                    if depth > MAX_BRACKET_DEPTH:
                        return "too many nested parentheses", tok.start[0], tok.start[1] + 1
                elif tok.string in (")", "]", "}"):
                    depth = max(depth - 1, 0)
    except (tokenize.TokenError, SyntaxError, RecursionError, MemoryError, ValueError):
        return None
    return None


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


def call_deep(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` on a big stack with a raised recursion limit."""
    result: list = []
    error: list[BaseException] = []

    def run() -> None:
        _raise_limit()
        try:
            result.append(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            error.append(exc)
        finally:
            _restore_limit()

    worker = threading.Thread(target=run, name="dropout-lint-deep", daemon=True)
    with _lock:  # the stack size is read when the thread starts
        try:
            old = threading.stack_size(STACK_BYTES)
        except (ValueError, RuntimeError):  # the platform refuses the size
            old = None
        try:
            worker.start()
            started = True
        except RuntimeError:  # cannot start a thread (resource limits)
            started = False
        finally:
            if old is not None:
                threading.stack_size(old)
    if not started:
        return fn(*args, **kwargs)
    while worker.is_alive():
        worker.join(0.25)  # a timed join keeps Ctrl-C responsive
    if error:
        raise error[0]
    return result[0]
