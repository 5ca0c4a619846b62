"""Runtime confirmation (``--confirm``): build each flagged model or layer and judge it.

For every finding the slicer (:mod:`.slicer`, libcst only) cuts the least code that builds the
object the finding is about; one worker process (:mod:`.worker`, the only place TensorFlow is
imported) runs each slice with a timeout and reads the verdict off the built object
(:mod:`.judge`). A build that hangs, raises, exits or kills the worker costs that finding an
``unbuildable`` verdict and a fresh worker takes over.

Importing this package imports neither TensorFlow nor libcst.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys

from dropout_lint.finding import Confirmation, Finding

INSTALL_HINT = "pip install 'dropout-lint[tensorflow]'"

NOT_JUDGED = {
    "DL000": "a file that does not parse builds nothing",
    "DL104": "spatial versus plain dropout is a modelling choice the build cannot judge",
    "DL204": "the build cannot tell which probability you meant",
    "DL205": "whether a rate suits its context is not a property of the built model",
    "DL304": "the global learning phase is gone in Keras 3: nothing to build",
    "DL314": "the global learning phase is gone in Keras 3: nothing to build",
}


def tensorflow_available() -> bool:
    """Whether TensorFlow is installed (without importing it)."""
    try:
        return importlib.util.find_spec("tensorflow") is not None
    except (ImportError, ValueError):
        return False


_IMPORT = re.compile(r"^[ \t]*(?:from|import)[ \t]+([A-Za-z_]\w*)", re.M)


def _installed(mod: str) -> bool:
    try:
        return importlib.util.find_spec(mod) is not None
    except (ImportError, ValueError):
        return False


def import_roots(folder: str | None, text: str | None = None) -> list[str]:
    """The file's folder and, when it sits in a package, the folder holding the top package
    (so that ``from mypackage.layers import X`` finds the project's own code). For a file in a
    plain folder, a folder up to four levels up counts too when the file imports a module that
    sits there and not next to it (``models/ae.py`` doing ``from utils.callbacks import ...``,
    run from the project root)."""
    if not folder:
        return []
    roots = [folder]
    top = folder
    while os.path.exists(os.path.join(top, "__init__.py")):
        top = os.path.dirname(top)
    if top != folder:
        roots.append(top)
    elif text:

        def has(d: str, mod: str) -> bool:
            return os.path.exists(os.path.join(d, mod + ".py")) or os.path.isdir(os.path.join(d, mod))

        for mod in sorted(set(_IMPORT.findall(text))):
            if has(folder, mod) or mod in sys.stdlib_module_names or _installed(mod):
                continue
            # Up to four folders up: the project root a script or test is run from.
            up = folder
            for _ in range(4):
                up, prev = os.path.dirname(up), up
                if up == prev:
                    break
                if has(up, mod):
                    if up not in roots:
                        roots.append(up)
                    break
    return roots


def _read_text(path: str, cache: dict) -> tuple[str | None, object, str | None]:
    """(text, unit, error) for a file; notebooks give their code cells joined in order."""
    if path in cache:
        return cache[path]
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        cache[path] = (None, None, f"cannot read the file: {exc.strerror or exc}")
        return cache[path]
    try:
        from dropout_lint.sources import read_unit

        unit = read_unit(path, data)
        cache[path] = (unit.text, unit, None)
    except ImportError:
        # No notebook reader in this build: join the code cells ourselves.
        try:
            nb = _notebook_unit(data)
            cache[path] = (nb.text, nb, None)
        except Exception as exc:  # noqa: BLE001
            cache[path] = (None, None, f"cannot read the notebook: {exc}")
    except Exception as exc:  # noqa: BLE001 - SourceError and friends
        cache[path] = (None, None, f"cannot read the file: {exc}")
    return cache[path]


class _NotebookUnit:
    def __init__(self, text: str, cells: list[tuple[int, int]]) -> None:
        self.text = text
        self.cells = cells


def _notebook_unit(data: bytes) -> _NotebookUnit:
    """Code cells in order as one module; magics, shell escapes and help lines blanked."""
    import json

    nb = json.loads(data.decode("utf-8"))
    lines: list[str] = []
    cells: list[tuple[int, int]] = []
    for number, cell in enumerate(nb.get("cells", []), 1):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        cells.append((number, len(lines) + 1))
        in_cell_magic = False
        for line in text.split("\n"):
            stripped = line.strip()
            if in_cell_magic or stripped.startswith(("%", "!")) or stripped.endswith("?") or "= !" in line:
                in_cell_magic = in_cell_magic or stripped.startswith("%%")
                lines.append("")
            else:
                lines.append(line)
    return _NotebookUnit("\n".join(lines) + "\n", cells)


def _unit_row(f: Finding, unit) -> int:
    if f.cell is None:
        return f.start.row
    if "unit_row" in f.data:
        return int(f.data["unit_row"])
    for cell, first in getattr(unit, "cells", []) or []:
        if cell == f.cell:
            return first + f.start.row - 1
    return f.start.row


def _hint_data(f: Finding) -> dict:
    data = dict(f.data or {})
    sites = data.get("call_sites") or []
    if sites and isinstance(sites[0], dict) and isinstance(sites[0].get("line"), int):
        data.setdefault("call_site_row", sites[0]["line"])
    return data


def _deep(fn):
    """``fn()`` in a thread with a large stack and recursion limit: a long ``elif`` chain or a
    long ``a + b + ...`` nests libcst's trees deeper than the default limits allow."""
    import threading

    box: dict = {}

    def target():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller
            box["error"] = exc

    old_limit, old_size = sys.getrecursionlimit(), threading.stack_size()
    sys.setrecursionlimit(max(old_limit, 60000))
    try:
        threading.stack_size(512 * 2**20)
        t = threading.Thread(target=target)
        t.start()
        t.join()
    finally:
        threading.stack_size(old_size)
        sys.setrecursionlimit(old_limit)
    if "error" in box:
        raise box["error"]
    return box["value"]


def make_request(f: Finding, max_rate: float, cache: dict) -> tuple[dict | None, Confirmation | None]:
    """The worker request for a finding, or its verdict when no build is needed."""
    if f.code in NOT_JUDGED:
        return None, Confirmation("not-applicable", NOT_JUDGED[f.code])
    from dropout_lint.confirm import slicer

    if f.code not in slicer.JUDGED:
        return None, Confirmation("not-applicable", "no runtime check for this rule")
    path = os.path.abspath(f.filename)
    text, unit, error = _read_text(path, cache)
    if text is None:
        return None, Confirmation("unbuildable", error or "cannot read the file")
    row = _unit_row(f, unit)
    end_row = row + (f.end.row - f.start.row)

    def run():
        return slicer.plan(
            text,
            f.code,
            row,
            f.start.column,
            end_row,
            f.end.column,
            _hint_data(f),
            cache=cache.setdefault("__index__", {}),
            path=path,
        )

    try:
        plan = _deep(run)
    except slicer.NotApplicable as exc:
        return None, Confirmation("not-applicable", str(exc))
    except slicer.Unbuildable as exc:
        return None, Confirmation("unbuildable", str(exc))
    except RecursionError:
        return None, Confirmation("unbuildable", "the file is nested deeper than the slicer's stack allows")
    except Exception as exc:  # noqa: BLE001 - a slicer bug must not stop the run
        try:
            text = str(exc)
        except RecursionError:  # a KeyError holding a deep libcst node
            text = ""
        first = (text.strip().splitlines() or [""])[0]
        return None, Confirmation("unbuildable", f"cannot slice: {type(exc).__name__}: {first[:200]}")
    request = {
        "code": plan.code,
        "filename": path,
        "dir": os.path.dirname(path),
        "roots": import_roots(os.path.dirname(path), text),
        "rules": [f.code],
        "max_rate": max_rate,
        "hints": plan.hints,
    }
    return request, None


_TOO_SMALL = re.compile(r"Input size must be at least (\d+)x\d+")


def _too_small(verdict, req) -> str | None:
    """The size a failed build asks for, when its sizes were stand-ins ("Input size must be at least
    75x75" from a Keras application given the 16 of a size parameter no call site sets)."""
    from dropout_lint.confirm import slicer

    status, detail = verdict
    m = _TOO_SMALL.search(detail) if status == "unbuildable" else None
    if m is None or "guessed" not in req["hints"] or slicer.SIZE_STANDIN != "16":
        return None
    return m.group(1) if 16 < int(m.group(1)) <= 512 else None


def _request_with_size(f: Finding, max_rate: float, cache: dict, size: str) -> dict | None:
    """The request for ``f`` planned again with ``size`` as the stand-in for sizes."""
    from dropout_lint.confirm import slicer

    slicer.SIZE_STANDIN = size
    try:
        req, verdict = make_request(f, max_rate, cache)
    finally:
        slicer.SIZE_STANDIN = "16"
    return req if verdict is None else None


def _alone_request(f: Finding, req: dict, reason: str, cache: dict) -> dict | None:
    """The request that runs a DL306 finding's op alone, after its build failed with ``reason``."""
    from dropout_lint.confirm import slicer

    text, unit, _ = _read_text(req["filename"], cache)
    if text is None:
        return None
    row = _unit_row(f, unit)
    reason = reason if len(reason) <= 160 else reason[:157] + "..."
    try:
        plan = slicer.plan_alone(
            text,
            row,
            f.start.column,
            row + (f.end.row - f.start.row),
            f.end.column,
            cache.get("__index__"),
            f"its build failed: {reason}",
            _hint_data(f),
        )
    except Exception:  # noqa: BLE001 - the first verdict stands
        return None
    if plan is None:
        return None
    return dict(req, code=plan.code, hints=plan.hints)


def confirm_findings(
    findings: list[Finding],
    *,
    timeout: float = 30.0,
    max_rate: float = 0.8,
    progress: bool = False,
    report=None,
    packages: list[str] | None = None,
) -> None:
    """Set ``.confirmation`` on every finding (see the module docstring). ``progress``: redraw a
    status line on a terminal; ``report(done, total)``: called as builds finish (progress lines
    for logs, ``dropout_lint.progress.Lines``); ``packages``: the user's ``confirm-packages``, put on
    the worker's sys.path only (``confirm/wheels.py``) and named in the verdicts of the builds whose
    file imports them."""
    from dropout_lint.confirm import slicer
    from dropout_lint.confirm.pool import Pool
    from dropout_lint.confirm.slicer import user_names

    if not findings:
        return
    taken: dict[str, str] = {}
    if packages and any(f.code not in NOT_JUDGED for f in findings):
        from dropout_lint.confirm.wheels import fetch

        slicer.EXTRA_PATH[:], taken, problems = fetch(packages)
        for line in problems:
            sys.stderr.write(f"dropout-lint: {line}\n")
    # The worker may read the projects' folders (and Python's), nothing else.
    cache: dict = {}
    roots: set[str] = set()
    for path in {os.path.abspath(f.filename) for f in findings}:
        roots.update(import_roots(os.path.dirname(path), _read_text(path, cache)[0]))
    pool = Pool(roots, slicer.EXTRA_PATH)
    # Start TensorFlow's import at once; slicing happens meanwhile.
    may_build = any(f.code not in NOT_JUDGED for f in findings)
    if may_build:
        pool.warm()
    try:
        jobs: list[tuple[Finding, dict]] = []
        for f in findings:
            req, verdict = make_request(f, max_rate, cache)
            if verdict is not None:
                f.confirmation = verdict
            else:
                assert req is not None  # make_request gives a request whenever it gives no verdict
                jobs.append((f, req))
        # Findings whose slices are the same program (DL101 and DL202 on one Dropout) share a build.
        groups: dict[tuple, list[tuple[Finding, dict]]] = {}
        for f, req in jobs:
            groups.setdefault((req["filename"], req["code"], repr(sorted(req["hints"].items()))), []).append((f, req))
        show = progress and len(jobs) > 1
        done = 0
        for members in groups.values():
            f0, req = members[0]
            if show:
                sys.stderr.write(f"\r\x1b[Kconfirming {done + 1}/{len(jobs)}: {f0.filename}")
                sys.stderr.flush()
            rules = [f.code for f, _ in members]
            verdicts = pool.build_many(dict(req, rules=rules), timeout)
            small = _too_small(verdicts[0], req)
            if small is not None:
                # a Keras application refuses the stand-in size: plan again with the size it asks for
                again = _request_with_size(f0, max_rate, cache, small)
                if again is not None:
                    req = again
                    verdicts = pool.build_many(dict(req, rules=rules), timeout)
            if rules == ["DL306"] and verdicts[0][0] == "unbuildable" and "alone" not in req["hints"]:
                # the op is the finding: when the code around it fails to build, run it alone
                again = _alone_request(f0, req, verdicts[0][1], cache)
                if again is not None:
                    req = again
                    verdicts = pool.build_many(dict(req, rules=rules), timeout)
            guessed = req["hints"].get("guessed")
            assumed = req["hints"].get("assumed")
            for (f, _), (status, detail) in zip(members, verdicts):
                if guessed and status in ("confirmed", "refuted"):
                    detail += f" (built with {guessed}: no call site in the file gives a usable value)"
                if assumed and status in ("confirmed", "refuted"):
                    detail += f" ({assumed})"
                detail += _taken_note(_read_text(req["filename"], cache)[0], taken)
                f.confirmation = Confirmation(status, user_names(detail))
            done += len(members)
            if report is not None:
                report(done, len(jobs))
        if show:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
    finally:
        pool.close()
        slicer.EXTRA_PATH[:] = []


def _taken_note(text: str | None, taken: dict[str, str]) -> str:
    """`` (`mod` from the wheel W, taken by confirm-packages)`` for the modules the file imports
    that only a ``confirm-packages`` wheel gives."""
    used = sorted({m for m in _IMPORT.findall(text or "") if m in taken and not _installed(m)})
    if not used:
        return ""
    return " (" + ", ".join(f"`{m}` from {taken[m]}" for m in used) + ", taken by confirm-packages)"
