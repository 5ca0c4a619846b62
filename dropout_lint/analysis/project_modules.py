"""The project's own modules a file imports: where a model class defined elsewhere is read.

A training step is often in ``train.py`` and its model in ``model.py``
(``from model import Ranker``; ``from .nets import Detector``). What the step calls is then a
class the file does not show, and DL302's premises (a Keras model, containing a layer that
reads ``training``) cannot be established from the file alone. This module finds the file of
such an import on disk, next to the linted file, and reads it with the same parser and
semantic model as any linted file, so that a rule can ask what the class is there.

Bounds, so that the answer stays cheap and the cache stays right:

- **Which files.** Only modules the file imports by a module-level ``from M import Name`` (or
  ``import M`` / ``import M as m`` for ``m.Name``), relative or absolute. An absolute module is
  looked for in the file's folder and up to ``MAX_UP`` folders above it, a relative one in the
  folder its dots name; ``M.py`` or ``M/__init__.py``, a regular file of at most ``MAX_BYTES``.
  Nothing is imported or run: the file is read as text.
- **One level.** What the other module imports in turn is not followed: a class there built
  from a third module's classes is read as that module's analysis alone sees it (unknown parts
  stay unknown).
- **The cache.** A file's cached findings depend on the modules it may read here, so
  ``dependency_stamp`` (path, size, modification time of each) is part of its cache key, for the
  files in which a rule may ask (``asks``: the words of the rules that do).
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict

MAX_UP = 4  # folders above the file's own searched for an absolute module
MAX_BYTES = 512 * 1024  # a module larger than this is not read
MAX_MODULES = 16  # read modules kept in memory per process
# The rules that read other modules do so only in files with one of these words (DL302's
# ``requires``): the cache key carries the dependency stamp for exactly those files.
ASK_WORDS = ("GradientTape", "train_step")

# (a notebook's JSON holds its lines as ``"from model import Ranker\\n",``: the quote is allowed)
_FROM = re.compile(r'(?:^|\\n)[ \t]*"?from[ \t]+(\.*)([A-Za-z_][\w.]*)?[ \t]+import\b', re.M)
_IMPORT = re.compile(
    r'(?:^|\\n)[ \t]*"?import[ \t]+([A-Za-z_][\w.]*(?:[ \t]*(?:as[ \t]+\w+)?[ \t]*,[ \t]*[A-Za-z_][\w.]*)*)', re.M
)


def asks(text: str) -> bool:
    """May a rule read other modules for this file?"""
    return any(w in text for w in ASK_WORDS)


def imported_modules(text: str) -> list[tuple[int, str]]:
    """(level, dotted module) of every ``from ... import`` / ``import ...`` line of ``text``."""
    out: list[tuple[int, str]] = []
    for m in _FROM.finditer(text):
        level, mod = len(m.group(1)), m.group(2) or ""
        if level or mod:
            out.append((level, mod))
    for m in _IMPORT.finditer(text):
        for part in m.group(1).split(","):
            name = part.strip().split()[0] if part.strip() else ""
            if name:
                out.append((0, name))
    return list(dict.fromkeys(out))


def module_file(filename: str, level: int, module: str) -> str | None:
    """The file of ``module`` (``level`` leading dots) as imported from ``filename``, or None."""
    if not filename or filename.startswith("<"):
        return None
    here = os.path.dirname(os.path.abspath(filename))
    parts = [p for p in module.split(".") if p]
    if level:
        base = here
        for _ in range(level - 1):
            base = os.path.dirname(base)
        bases = [base]
    else:
        if not parts:
            return None
        bases = [here]
        d = here
        for _ in range(MAX_UP):
            parent = os.path.dirname(d)
            if parent == d:
                break
            bases.append(parent)
            d = parent
    if not parts:
        return None
    for base in bases:
        stem = os.path.join(base, *parts)
        for candidate in (stem + ".py", os.path.join(stem, "__init__.py")):
            try:
                st = os.stat(candidate)
            except (OSError, ValueError):
                continue
            if os.path.isfile(candidate) and st.st_size <= MAX_BYTES:
                if os.path.abspath(candidate) == os.path.abspath(filename):
                    return None  # ``import model`` inside model.py: the file itself
                return candidate
    return None


def dependency_stamp(filename: str, text: str) -> str:
    """The files this file may read through ``module_file``, with size and modification time:
    empty when no rule asks (``asks``) or none exists."""
    if not asks(text):
        return ""
    rows = []
    for level, mod in imported_modules(text):
        path = module_file(filename, level, mod)
        if path is None:
            continue
        try:
            st = os.stat(path)
        except OSError:
            continue
        rows.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}")
    return "\n".join(sorted(rows))


def data_stamp(filename: str, data: bytes) -> str:
    """``dependency_stamp`` of a file's bytes (a notebook's JSON too), for its cache key."""
    if not any(w.encode() in data for w in ASK_WORDS):
        return ""
    return dependency_stamp(filename, data.decode("utf-8", "replace"))


_LOADED: OrderedDict = OrderedDict()


def load(path: str):
    """(facts, unit) of the module at ``path``, parsed and analysed as a linted file is; None when
    it cannot be read or parsed. Kept for the next file of the run (``MAX_MODULES`` of them)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    key = (path, st.st_size, st.st_mtime_ns)
    if key in _LOADED:
        _LOADED.move_to_end(key)
        return _LOADED[key]
    result = _read(path)
    _LOADED[key] = result
    while len(_LOADED) > MAX_MODULES:
        _LOADED.popitem(last=False)
    return result


def _read(path: str):
    """Read and analyse as the engine does a linted file: the parse guard first (size, nesting),
    then libcst and the semantic model on a deep stack. An analysis bug raises in debug mode."""
    import libcst as cst

    from dropout_lint import debug
    from dropout_lint.debug import InternalError
    from dropout_lint.engine import _parse_and_analyze
    from dropout_lint.guard import call_deep, parse_guarded
    from dropout_lint.sources import SourceError, read_unit

    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_BYTES:
        return None
    try:
        unit = read_unit(path, data)
    except (SourceError, ValueError, UnicodeError):
        return None
    guarded = parse_guarded(unit.text, {}, False)
    if guarded.verdict is not None:
        return None
    try:
        _, facts = call_deep(_parse_and_analyze, unit.text, guarded.tree, (guarded.calls, guarded.defs))
    except InternalError:
        if debug.enabled():
            raise
        return None
    except (cst.ParserSyntaxError, RecursionError, ValueError, TypeError):
        return None
    return facts, unit


def imported_name(module_node, name: str) -> tuple[int, str, str] | None:
    """Where the module-level name ``name`` (``Ranker`` or ``nets.Ranker``) comes from, by the
    module's top-level import statements: (level, module, name in that module), or None."""
    import libcst as cst

    from dropout_lint.analysis.names import dotted

    head, _, rest = name.partition(".")
    found = None
    for stmt in module_node.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                mod = dotted(small.module) if small.module is not None else ""
                level = len(small.relative)
                for alias in small.names:
                    local = dotted(alias.name)
                    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                        local = alias.asname.name.value
                    if local == head and not rest:
                        found = (level, mod or "", dotted(alias.name) or "")
                    elif local == head:
                        found = None  # ``from pkg import nets`` then ``nets.Ranker``: a submodule
            elif isinstance(small, cst.Import):
                for alias in small.names:
                    full = dotted(alias.name) or ""
                    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                        if alias.asname.name.value == head and rest and "." not in rest:
                            found = (0, full, rest)  # ``import pkg.nets as nets``; ``nets.Ranker``
                    elif full and name.startswith(full + ".") and "." not in name[len(full) + 1 :]:
                        found = (0, full, name[len(full) + 1 :])  # ``import nets``; ``nets.Ranker``
    if found is None or not found[2] or "." in found[2]:
        return None
    return found
