"""Jupyter notebooks (``.ipynb``) as one Python module.

The code cells are joined in order into one text, so names defined in one cell resolve in the
next (as they do in the kernel). Every line of a cell keeps its own row, so a finding maps back
to ``(cell, row within the cell)`` through ``Unit.cells``.

Cell numbers count **every** cell of the notebook, markdown and raw cells included: cell 3 is
``cells[2]`` of the file, the third cell from the top as the notebook shows it (VS Code's
"Cell 3 of N", Ruff's ``cell 3``). Jupyter's ``In [n]`` execution counts are not used: they
change on every run and are missing in unexecuted notebooks. Rows are the 1-based line numbers
inside the cell, as Jupyter's "show line numbers" displays them.

IPython syntax is blanked before parsing, keeping every row (and every other column) in place,
and is never reported on:

- line magics (``%matplotlib inline``, ``x = %time f()``), shell escapes (``!pip install``,
  ``files = !ls``), help (``obj?``, ``??obj``), with their ``\\`` continuation lines;
- cell magics (``%%bash`` ...): the whole cell is blanked, unless its body is Python -- magics
  such as ``%%writefile model.py`` or ``%%backend tensorflow`` whose body alone compiles -- or the
  magic runs Python (``%%time``, ``%%timeit``, ``%%capture``, ``%%prun``, ``%%debug``, ``%%python``...), of which
  only the magic line is blanked and the body is linted.

Inside an indented block a blanked line becomes ``pass`` at the same indentation, so the block
still parses. As in IPython, a cell whose first line is indented is dedented by that much
(findings keep the cell's own columns; their fixes are dropped), and a line that does not parse
and starts with an automagic (``ls data/``, ``pip install x``, ``cd ..``) is blanked. A code cell that does not parse on its own (a cell the kernel would refuse too)
is blanked and reported as a DL000 finding at its own row, and the other cells are still
linted. A cell whose source is a single string rather than a list of lines (both are valid
nbformat) is read the same way. A file that is not a notebook (invalid JSON, no ``cells``
list, a cell that is not an object) raises ``SourceError``: the engine makes that one DL000
finding. Notebooks whose kernel language is not Python give an empty unit (no findings).
nbformat 3 notebooks (``worksheets`` / ``input``) are read too.
"""

from __future__ import annotations

import ast
import json
import re
import warnings

from dropout_lint.sources import SourceError, Unit

#: Cell magics whose body is Python code run by the kernel: only their first line is blanked.
PYTHON_CELL_MAGICS = frozenset(
    {"time", "timeit", "capture", "prun", "debug", "python", "python3", "pypy", "tensorflow_version"}
)

#: Magics and aliases IPython runs without ``%`` (automagic); a line starting with one of these
#: is blanked only when the cell does not parse as Python at that line.
AUTOMAGICS = frozenset(
    "ls cd pwd pip conda mamba env set_env load_ext reload_ext unload_ext matplotlib timeit time who whos "
    "who_ls run reset history cat cp mv rm mkdir rmdir clear less more man ll lf lk lx ldir alias unalias "
    "bookmark dhist pushd popd dirs store autoreload config xmode precision pdb debug prun load save pycat "
    "edit tensorboard sx sc system rehashx colors automagic autocall logstart logon logoff logstop psearch "
    "pinfo pinfo2 pdef pdoc psource pfile page tb doctest_mode gui notebook macro recall rerun".split()
)
_AUTOMAGIC = re.compile(r"^(\s*)([A-Za-z_]\w*)(?:\s+(?!=)|\s*$)")
_NEWLINE = re.compile(r"\r\n|\r|\n")
# ``x = !ls``, ``a, b = %sx cmd``, ``self.out = !cmd``
_ASSIGN_ESCAPE = re.compile(r"^[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*[%!]")
# ``obj?``, ``obj.attr??``, ``?obj``, ``??obj``, ``np.*load*?``
_HELP = re.compile(r"^(?:\?{1,2}[A-Za-z_*][\w.*]*(?:\?{1,2})?|[A-Za-z_*][\w.*\[\]]*\?{1,2})$")


def notebook_unit(data: bytes) -> Unit:
    """Turn a notebook's bytes into a ``Unit``; raise ``SourceError`` if it is not a notebook."""
    nb = _load(data)
    if not _is_python(nb):
        return Unit(text="")
    sources: list[str | None] = []
    printed: list[str] = []
    for number, cell in enumerate(_cells(nb), start=1):
        if not isinstance(cell, dict):
            raise SourceError(f"not a valid notebook: cell {number} is not an object")
        sources.append(_source_text(cell, number) if cell.get("cell_type") == "code" else None)
        printed.extend(_output_texts(cell))
    unit = cells_unit(sources)
    unit.output_text = "".join(printed)[:OUTPUT_CAP]
    return unit


OUTPUT_CAP = 1 << 20  # characters of printed output kept per notebook


def _output_texts(cell: dict) -> list[str]:
    """The text a code cell printed: stream outputs and plain-text results (nbformat 3 and 4)."""
    outs = cell.get("outputs") if cell.get("cell_type") == "code" else None
    found: list[str] = []
    for out in outs if isinstance(outs, list) else ():
        if not isinstance(out, dict):
            continue
        data = out.get("data")
        for piece in (out.get("text"), data.get("text/plain") if isinstance(data, dict) else None):
            if isinstance(piece, list):
                piece = "".join(p for p in piece if isinstance(p, str))
            if isinstance(piece, str):
                found.append(piece)
    return found


def cells_unit(sources: list[str | None]) -> Unit:
    """A ``Unit`` from the notebook's cells in order: the source of a code cell, None for others.

    Also used by the language server, whose client sends the cells as separate documents.
    """
    lines_out: list[str] = []
    cell_map: list[tuple[int, int]] = []
    errors: list[SourceError] = []
    shifts: dict[int, int] = {}
    for number, src in enumerate(sources, start=1):
        if src is None:
            continue
        lines = split_lines(src)
        if not lines:
            continue
        first_row = len(lines_out) + 1
        lines, shift = _dedent(lines)
        if shift:
            shifts[number] = shift
        cleaned = blank_ipython(lines)
        problem = _syntax_problem(cleaned)
        for _ in range(50):  # automagics (`ls data/`, `pip install x`): only where Python fails
            if problem is None or not _blank_automagic(cleaned, problem[1]):
                break
            problem = _syntax_problem(cleaned)
        if problem is not None:
            msg, row, col = problem
            # Rows the message names ("... on line 3") are the cell's: make them rows of the
            # joined text like every other row, which the engine maps back to the cell.
            from dropout_lint.engine import _LINE_REF

            msg = _LINE_REF.sub(lambda m: f"line {first_row + int(m.group(1)) - 1}", msg)
            errors.append(SourceError(f"SyntaxError: {msg}", row=first_row + row - 1, column=col))
            cleaned = [""] * len(lines)
        cell_map.append((number, first_row))
        lines_out.extend(cleaned)
    text = "\n".join(lines_out) + "\n" if lines_out else ""
    return Unit(text=text, cells=cell_map, errors=errors, shifts=shifts)


def _dedent(lines: list[str]) -> tuple[list[str], int]:
    """IPython's leading-indent rule: a cell whose first line is indented loses that indentation
    on every line that starts with it. Returns the lines and the width removed."""
    first = next((s for s in lines if s.strip()), None)
    if first is None:
        return lines, 0
    prefix = first[: len(first) - len(first.lstrip(" \t"))]
    if not prefix:
        return lines, 0
    return [s[len(prefix) :] if s.startswith(prefix) else s for s in lines], len(prefix)


def _blank_automagic(lines: list[str], row: int) -> bool:
    """Blank row ``row`` (1-based) if it is an automagic call such as ``ls data/``."""
    if not 1 <= row <= len(lines):
        return False
    line = lines[row - 1]
    m = _AUTOMAGIC.match(line)
    if m is None or m.group(2) not in AUTOMAGICS:
        return False
    indent = m.group(1)
    lines[row - 1] = indent + "pass" if indent else ""
    return True


def split_lines(src: str) -> list[str]:
    """A cell's lines: split at \\n, \\r\\n or \\r; a final newline does not start another line."""
    if not src:
        return []
    lines = _NEWLINE.split(src)
    if lines[-1] == "":
        lines.pop()
    return lines


# -- reading the JSON ---------------------------------------------------------------------------


def _load(data: bytes) -> dict:
    if not data.strip():
        raise SourceError("not a valid notebook: the file is empty")
    try:
        nb = json.loads(data)
    except UnicodeDecodeError as exc:
        raise SourceError(f"not a valid notebook: cannot decode: {exc.reason}") from None
    except json.JSONDecodeError as exc:
        raise SourceError(f"not a valid notebook: invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except (RecursionError, ValueError) as exc:
        raise SourceError(f"not a valid notebook: {type(exc).__name__}") from None
    if not isinstance(nb, dict):
        raise SourceError("not a valid notebook: the top level is not a JSON object")
    if not isinstance(nb.get("cells"), list) and not isinstance(nb.get("worksheets"), list):
        raise SourceError("not a valid notebook: no 'cells' list")
    return nb


def _cells(nb: dict) -> list:
    if isinstance(nb.get("cells"), list):
        return nb["cells"]
    out: list = []  # nbformat 3: cells live in worksheets
    for ws in nb.get("worksheets") or []:
        if isinstance(ws, dict) and isinstance(ws.get("cells"), list):
            out.extend(ws["cells"])
    return out


def _is_python(nb: dict) -> bool:
    meta = nb.get("metadata")
    if not isinstance(meta, dict):
        return True
    for holder, key in (("language_info", "name"), ("kernelspec", "language")):
        d = meta.get(holder)
        if isinstance(d, dict) and isinstance(d.get(key), str) and d[key].strip():
            return d[key].strip().lower() in ("python", "python2", "python3", "ipython", "ipython3")
    return True


def _source_text(cell: dict, number: int) -> str:
    src = cell.get("source", cell.get("input", ""))  # "input" in nbformat 3
    if src is None:
        return ""
    if isinstance(src, list):
        if not all(isinstance(s, str) for s in src):
            raise SourceError(f"not a valid notebook: cell {number} source is not text")
        src = "".join(src)
    elif not isinstance(src, str):
        raise SourceError(f"not a valid notebook: cell {number} source is not text")
    if "\x00" in src:
        raise SourceError(f"not a valid notebook: cell {number} contains NUL characters")
    return src


def _syntax_problem(lines: list[str]) -> tuple[str, int, int] | None:
    """(message, row, column) if the cell alone does not parse (1-based, within the cell)."""
    src = "\n".join(lines) + "\n"
    flags = ast.PyCF_ONLY_AST | getattr(ast, "PyCF_ALLOW_TOP_LEVEL_AWAIT", 0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(src, "<cell>", "exec", flags=flags, dont_inherit=True)
    except SyntaxError as exc:
        row = min(max(exc.lineno or 1, 1), len(lines))
        return str(exc.msg), row, max(exc.offset or 1, 1)
    except (RecursionError, MemoryError):
        return "too deeply nested to analyse", 1, 1
    except ValueError as exc:
        return str(exc), 1, 1
    return None


# -- IPython syntax -----------------------------------------------------------------------------


def blank_ipython(lines: list[str]) -> list[str]:
    """The cell's lines with IPython-only syntax blanked (same number of lines)."""
    out = list(lines)
    first = next((i for i, s in enumerate(lines) if s.strip()), None)
    if first is None:
        return out
    head = lines[first].lstrip()
    if head.startswith("%%"):
        words = head[2:].split()
        if not words:
            return [""] * len(lines)
        if words[0] not in PYTHON_CELL_MAGICS:
            # Another cell magic: its body is linted only when it is Python (``%%writefile
            # model.py``, ``%%backend tensorflow``, ``%%add_to ...``): the body alone compiles.
            # A bash / SQL / HTML body that happens to compile (``ls``) has nothing to report.
            body_at = first + 1
            while body_at <= len(lines) and lines[body_at - 1].rstrip().endswith("\\"):
                body_at += 1
            body = lines[body_at:]
            if not body or not any(b.strip() for b in body) or _syntax_problem(body) is not None:
                return [""] * len(lines)
            return [""] * body_at + body
        out[first] = ""
        i = first
        while lines[i].rstrip().endswith("\\") and i + 1 < len(lines):  # magic options on more lines
            i += 1
            out[i] = ""
        start = i + 1
    else:
        start = 0
    quote: str | None = None  # the open string's quote, when a line starts inside a string
    depth = 0  # open brackets
    continued = False  # the previous line ended with a backslash
    blanking = False  # inside a magic's backslash continuation
    for i in range(start, len(lines)):
        line = lines[i]
        if blanking:
            out[i] = ""
            blanking = line.rstrip().endswith("\\")
            continue
        if quote is None and depth == 0 and not continued:
            stripped = line.strip()
            if stripped and _is_ipython(stripped):
                indent = line[: len(line) - len(line.lstrip())]
                out[i] = indent + "pass" if indent else ""
                blanking = line.rstrip().endswith("\\")
                continue
        quote, depth, continued = _scan(line, quote, depth)
    return out


def _is_ipython(stripped: str) -> bool:
    if stripped[0] in "%!?":
        return True
    if _ASSIGN_ESCAPE.match(stripped):
        return True
    return stripped.endswith("?") and _HELP.match(stripped) is not None


def _scan(line: str, quote: str | None, depth: int) -> tuple[str | None, int, bool]:
    """Track strings and brackets over one line: (open quote, bracket depth, continued)."""
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if quote is not None:
            if ch == "\\":
                i += 2
                continue
            if line.startswith(quote, i):
                i += len(quote)
                quote = None
                continue
            i += 1
            continue
        if ch == "#":
            return None, depth, False
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
        elif ch in "'\"":
            quote = ch * 3 if line.startswith(ch * 3, i) else ch
            i += len(quote)
            continue
        i += 1
    ends_with_backslash = line.endswith("\\")
    if quote is not None and len(quote) == 1 and not ends_with_backslash:
        quote = None  # an unterminated one-line string: the parser will say so
    return quote, depth, ends_with_backslash and quote is None
