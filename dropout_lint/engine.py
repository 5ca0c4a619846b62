"""The pipeline for one file: read -> prefilter -> parse once -> extract -> rules -> suppression.

The engine knows no rule by name: it asks the registry for the enabled rule classes, runs each
on the shared facts, and filters their findings through ``# noqa`` and per-file ignores.
libcst is imported only when a file passes the prefilter.
"""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any, Iterable

from dropout_lint import debug
from dropout_lint.debug import InternalError
from dropout_lint.finding import Finding, Fix, Pos, printable
from dropout_lint.rule import Rule, all_rules
from dropout_lint.sources import SourceError, Unit, read_unit

PARSE_ERROR = "DL000"


@dataclass
class FileSettings:
    """What the engine needs for one file: the enabled codes and the rule options."""

    enabled: frozenset[str]
    options: dict[str, Any] = field(default_factory=dict)

    def key(self) -> str:
        return repr((sorted(self.enabled), sorted((k, repr(v)) for k, v in self.options.items())))


class Context:
    """What a rule sees: the facts of the file, the options, and ``report``."""

    def __init__(self, facts, unit: Unit, filename: str, options: dict[str, Any]) -> None:
        self.facts = facts
        self.unit = unit
        self.filename = filename
        self.options = options
        self.findings: list[Finding] = []
        self.rule: type[Rule] | None = None
        self.enabled: frozenset[str] = frozenset()  # the codes enabled for this file
        self._once: set = set()
        # a module read for another file (``analysis/project_modules.py``): its own imports are
        # not followed
        self.foreign = False

    # -- shortcuts to the facts -----------------------------------------------------------
    @property
    def calls(self):
        return self.facts.calls

    @property
    def nodes(self):
        return self.facts.nodes

    @property
    def graphs(self):
        return self.facts.graphs

    def option(self, name: str):
        if name in self.options:
            return self.options[name]
        return self.rule.options.get(name) if self.rule else None

    def number(self, expr, scope):
        """Every numeric value ``expr`` may have (``Resolved`` list), or None if unknown."""
        return self.facts.resolver.number(expr, scope)

    def resolve(self, expr, scope):
        return self.facts.resolver.resolve(expr, scope)

    def const(self, expr, scope):
        """One known value, or ``ctx.UNKNOWN``."""
        return self.facts.resolver.const(expr, scope)

    @property
    def UNKNOWN(self):  # noqa: N802 - sentinel
        return self.facts.resolver.UNKNOWN

    def code(self, node) -> str:
        return self.facts.module.code_for_node(node)

    # -- reporting --------------------------------------------------------------------------
    def report(self, at, message: str, *, fix: Fix | None = None, data: dict | None = None, once: bool = False) -> None:
        """Report a finding of the running rule at ``at`` (anything with ``start``/``end``).

        ``once``: at most one finding of this rule at this place. Graph rules pass it: a helper
        followed at several call sites gives one node per site for the same layer call.
        """
        assert self.rule is not None
        if once:
            key = (self.rule.code, at.start, at.end)
            if key in self._once:
                return
            self._once.add(key)
        if fix is not None and fix.applicability is None:
            fix.applicability = self.rule.fix_safety
        self.findings.append(
            Finding(
                code=self.rule.code,
                name=self.rule.name,
                severity=self.rule.severity,
                message=message,
                filename=self.filename,
                start=at.start,
                end=at.end,
                fix=fix,
                data=dict(data or {}),
            )
        )


def rules_for(enabled: Iterable[str]) -> list[type[Rule]]:
    rules = all_rules()
    return [rules[c] for c in sorted(enabled) if c in rules]


def needs_parse(data: bytes, rules: list[type[Rule]]) -> bool:
    """The prefilter: does any enabled rule's required substring occur in the file?"""
    for s in _needles(tuple(rules)):
        if s in data:
            return True
    return False


@lru_cache(maxsize=64)
def _needles(rules: tuple) -> tuple[bytes, ...]:
    """The rules' substrings as bytes, each searched once, less those that contain another
    (``AlphaDropout`` cannot occur without ``ropout``): the same answer, fewer scans of the file."""
    subs = sorted({s.encode() for r in rules for s in r.requires}, key=len)
    return tuple(s for i, s in enumerate(subs) if not any(t in s for t in subs[:i]))


@contextmanager
def gc_paused():
    """The cyclic garbage collector paused while one file is parsed and analysed: a libcst tree
    is hundreds of thousands of objects that the collector would rescan many times over, and
    none of them is freed by it (refcounting frees the tree when the file is done). Measured on
    1,602 real files: 13-16% less CPU (benchmarks/gc_bench.py); the language server too."""
    import gc

    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def parse_error(filename: str, message: str, row: int = 1, column: int = 1) -> Finding:
    rule = all_rules().get(PARSE_ERROR)
    return Finding(
        code=PARSE_ERROR,
        name=rule.name if rule else "parse-error",
        severity="error",
        message=message,
        filename=filename,
        start=Pos(row, column),
        end=Pos(row, column),
    )


def lint_bytes(data: bytes, filename: str, settings: FileSettings, stats: dict | None = None) -> list[Finding]:
    """Lint one file's bytes. Never raises for bad input: that becomes a DL000 finding."""
    rules = [r for r in rules_for(settings.enabled) if r.code != PARSE_ERROR]
    report_errors = PARSE_ERROR in settings.enabled
    if not rules or not needs_parse(data, rules):
        return []
    try:
        unit = read_unit(filename, data)
    except SourceError as exc:
        return [parse_error(filename, str(exc), exc.row, exc.column)] if report_errors else []
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the run
        return [parse_error(filename, f"cannot read: {type(exc).__name__}: {exc}")] if report_errors else []
    return lint_unit(unit, filename, settings, rules, stats=stats)


def lint_unit(
    unit: Unit, filename: str, settings: FileSettings, rules=None, stats: dict | None = None
) -> list[Finding]:
    import libcst as cst

    from dropout_lint.suppression import scan
    from dropout_lint.testcode import filter_findings

    if rules is None:
        rules = [r for r in rules_for(settings.enabled) if r.code != PARSE_ERROR]
    report_errors = PARSE_ERROR in settings.enabled
    if stats is not None:
        stats["parsed"] = stats.get("parsed", 0) + 1
    from dropout_lint.guard import call_deep, parse_guarded
    from dropout_lint.prefilter import code_bytes, matching

    guarded = parse_guarded(unit.text, settings.options, bool(unit.cells))  # CPython's verdict, the budget
    if guarded.verdict is not None:
        f = parse_error(filename, *guarded.verdict)
        _map_cell(unit, f)
        return [f] if report_errors else []
    data = unit.text.encode("utf-8", "surrogatepass")
    rules = matching(rules, data, code_bytes(data, guarded.strings))
    if not rules:  # the rules' words are only in comments and strings: nothing can fire
        return _unit_errors(unit, filename) if report_errors else []
    try:
        module, facts = call_deep(_parse_and_analyze, unit.text, guarded.tree, (guarded.calls, guarded.defs))
    except cst.ParserSyntaxError as exc:
        # Python compiles the file but libcst cannot parse it: not a syntax error of the user's.
        msg = " ".join(str(exc.message).split())[:200]
        print(f"dropout-lint: {printable(filename)}: not analysed: libcst cannot parse it ({msg})", file=sys.stderr)
        return []
    except RecursionError:
        return [parse_error(filename, "too deeply nested to analyse")] if report_errors else []
    except InternalError as exc:
        if debug.enabled():
            raise
        cause = exc.__cause__
        print(f"dropout-lint: internal error analysing {filename}: {type(cause).__name__}: {cause}", file=sys.stderr)
        return []
    except Exception as exc:  # noqa: BLE001 - libcst can raise odd errors on odd input
        first = str(exc).splitlines()[0] if str(exc) else ""
        return [parse_error(filename, f"cannot parse: {type(exc).__name__}: {first}")] if report_errors else []

    from dropout_lint.analysis.release import release

    ctx = Context(facts, unit, filename, settings.options)
    ctx.enabled = settings.enabled
    try:
        call_deep(_run_rules, ctx, rules, filename)
        kept = filter_findings(ctx.findings, filename, facts, settings.options)
    finally:
        release(facts)  # refcounting frees the tree now, not the cyclic collector later
    noqa = scan(unit.text)
    out: list[Finding] = []
    seen: set = set()
    for f in kept:
        key = (f.code, f.start, f.message)
        if key in seen:
            continue
        seen.add(key)
        if noqa.suppressed(f.start.row, f.code, f.name):
            continue
        f.noqa_row = f.start.row
        _map_cell(unit, f)
        out.append(f)
    if report_errors:
        out.extend(_unit_errors(unit, filename))
    out.sort(key=Finding.sort_key)
    return out


def _unit_errors(unit: Unit, filename: str) -> list[Finding]:
    """DL000 for what the reader set aside, e.g. a notebook cell that does not parse (the other
    cells were linted)."""
    out = []
    for err in unit.errors:
        f = parse_error(filename, str(err), err.row, err.column)
        _map_cell(unit, f)
        out.append(f)
    return out


def _parse_and_analyze(text: str, tree=None, found=None):
    import libcst as cst

    from dropout_lint.analysis import analyze

    module = cst.parse_module(text)
    try:
        return module, analyze(module, text, tree, found)
    except RecursionError:
        raise
    except Exception as exc:
        raise InternalError("analysis") from exc  # the file parsed: not a DL000


def _run_rules(ctx: Context, rules, filename: str) -> None:
    for rule in rules:
        ctx.rule = rule
        try:
            rule().check(ctx)
        except RecursionError:
            print(f"dropout-lint: {printable(filename)}: {rule.code} skipped: too deeply nested", file=sys.stderr)
        except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the run
            if debug.enabled():
                raise InternalError(f"{rule.code} on {filename}") from exc
            print(
                printable(f"dropout-lint: internal error in {rule.code} on {filename}: {type(exc).__name__}: {exc}"),
                file=sys.stderr,
            )


def _map_cell(unit: Unit, f: Finding) -> None:
    """Turn rows of the notebook's joined text into (cell, row within the cell).

    The finding's start, end and noqa row, and its fix's edits, become rows within the cell of
    its start (columns never change: cells are joined line by line). A fix whose edits reach
    outside that cell cannot be written in cell rows and is dropped; an edit may end at column 1
    of the row after the cell's last row, which means the end of the cell's source.
    """
    if not unit.cells:
        return
    cell, row = unit.locate(f.start.row)
    delta = f.start.row - row
    first = delta + 1
    after = _next_cell_start(unit, cell)  # the first row past this cell in the joined text
    f.cell = cell
    f.data.setdefault("unit_row", f.start.row)
    f.message = _cell_lines(unit, cell, f.message)
    shift = unit.shifts.get(cell, 0) if cell is not None else 0
    f.start = Pos(row, f.start.column + shift)
    end_row = min(f.end.row, after - 1) if after is not None else f.end.row
    f.end = Pos(max(end_row - delta, row), (f.end.column if end_row == f.end.row else 1) + shift)
    if shift:
        f.fix = None  # the cell was dedented to parse: its edits would not be the cell's columns
    if f.noqa_row is not None:
        f.noqa_row = f.noqa_row - delta
    if f.fix is not None:

        def inside(p: Pos, is_end: bool) -> bool:
            if p.row < first:
                return False
            if after is None or p.row < after:
                return True
            return is_end and p.row == after and p.column == 1

        if all(inside(e.start, False) and inside(e.end, True) for e in f.fix.edits):
            for e in f.fix.edits:
                e.start = Pos(e.start.row - delta, e.start.column)
                e.end = Pos(e.end.row - delta, e.end.column)
        else:
            f.fix = None


_LINE_REF = re.compile(r"\bline (\d+)\b")


def _cell_lines(unit: Unit, cell: int | None, message: str) -> str:
    """Messages name other code by its row in the joined text ("Dropout (line 9)"); in a
    notebook say it the way the user sees it: "line 5" in the same cell, else "cell 2, line 5"."""
    if "line " not in message:
        return message

    def cell_row(m) -> str:
        c, r = unit.locate(int(m.group(1)))
        return f"line {r}" if c == cell or c is None else f"cell {c}, line {r}"

    return _LINE_REF.sub(cell_row, message)


def _next_cell_start(unit: Unit, cell: int | None) -> int | None:
    found = False
    for c, start in unit.cells:
        if found:
            return start
        if c == cell:
            found = True
    return None
