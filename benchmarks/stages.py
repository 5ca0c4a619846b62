"""Where a cold run's CPU goes, stage by stage, on the files of a tree that pass the prefilter.

    python benchmarks/stages.py PATH [--select CODES]

One process, ``--jobs 1``-like, the collector paused per file as the runner does. Each stage is
timed with ``time.process_time`` around the engine's own functions (wrapped here, not changed):
reading, the guard (Python's parse and compile, the budget), the exact prefilter, the project
facts read as text per folder (declarations, rate writes, sampling loops), the libcst parse, the analysis (positions, collector walk, interpreter), each rule, the noqa scan, the
test-code filter, and the garbage collector's runs (``gc.callbacks``). Prints seconds and shares.
"""

from __future__ import annotations

import argparse
import ast
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import dropout_lint.analysis as analysis  # noqa: E402
import dropout_lint.guard as deep  # noqa: E402
import dropout_lint.engine as engine  # noqa: E402
from dropout_lint.config import Resolver, parse_cli_codes  # noqa: E402
from dropout_lint.discovery import discover  # noqa: E402
from dropout_lint.runner import _lint_paused  # noqa: E402

T: dict[str, float] = defaultdict(float)


def timed(name, fn):
    def wrapper(*a, **k):
        t = time.process_time()
        try:
            return fn(*a, **k)
        finally:
            T[name] += time.process_time() - t

    return wrapper


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", type=Path)
    ap.add_argument("--select", default=None)
    args = ap.parse_args()
    import libcst

    deep.call_deep = lambda fn, *a, **k: fn(*a, **k)  # one thread: process_time sees it all
    sys.setrecursionlimit(deep.RECURSION_LIMIT)
    engine.call_deep = deep.call_deep
    if hasattr(deep, "parse_guarded"):
        deep.parse_guarded = timed("python parse + guard", deep.parse_guarded)
    else:
        deep.guard = timed("python parse + guard", deep.guard)
    # within it (shown apart, also counted in it): Python's parse, the node walk, the bytecode compile
    parse_ast, compile_tree = timed("  of which: python parse", compile), timed("  of which: bytecode compile", compile)
    deep.compile = lambda src, *a, **k: (compile_tree if isinstance(src, ast.AST) else parse_ast)(src, *a, **k)
    if hasattr(deep, "_measure"):
        deep._measure = timed("  of which: node walk (_measure)", deep._measure)
    libcst.parse_module = timed("libcst parse", libcst.parse_module)
    analysis.Positions = timed("analysis: positions", analysis.Positions)
    analysis.walk = timed("analysis: collector walk", analysis.walk)
    from dropout_lint.analysis.flow import Flow

    Flow.run = timed("analysis: interpreter", Flow.run)
    try:
        import dropout_lint.analysis.release as release

        release.release = timed("analysis: release", release.release)
    except ImportError:  # a checkout before it
        pass
    import dropout_lint.prefilter as prefilter
    import dropout_lint.suppression as suppression
    import dropout_lint.testcode as testcode

    engine.read_unit = timed("read + decode (read_unit)", engine.read_unit)
    prefilter.code_bytes = timed("exact prefilter (code_bytes)", prefilter.code_bytes)
    suppression.scan = timed("noqa scan", suppression.scan)
    testcode.filter_findings = timed("test-code filter", testcode.filter_findings)
    import dropout_lint.project as project

    # per-folder project facts (declarations, DL203's rate writes, DL301's sampling loops): read
    # as text once per project folder, looked up by every file's settings
    for fn in ("declared_versions", "rate_writers", "sampled_callees"):
        setattr(project, fn, timed(f"project facts ({fn})", getattr(project, fn)))
    import gc

    started = [0.0]

    def gc_time(phase, info):
        if phase == "start":
            started[0] = time.process_time()
        else:
            T["garbage collector"] += time.process_time() - started[0]

    gc.callbacks.append(gc_time)
    from dropout_lint.rule import all_rules

    for code, rule in all_rules().items():
        rule.check = timed(f"rule {code}", rule.check)
    res = Resolver(None, args.path, dict(select=parse_cli_codes(args.select, "--select")))
    files = discover([str(args.path)], res.cfg.root, res.cfg.exclude).files
    t0 = time.process_time()
    n = 0
    for p in files:
        s = res.for_file(p)
        rules = [r for r in engine.rules_for(s.enabled) if r.code != engine.PARSE_ERROR]
        data = p.read_bytes()
        if rules and engine.needs_parse(data, rules):
            n += 1
            _lint_paused(data, str(p), s)
    total = time.process_time() - t0
    print(f"{len(files)} files, {n} pass the byte prefilter; total {total:.2f} s CPU")
    for k, v in sorted(T.items(), key=lambda kv: -kv[1]):
        if v >= 0.005 and not k.startswith("  "):
            print(f"  {k:<32}{v:8.2f} s {100 * v / total:5.1f}%")
            for part, w in T.items() if k == "python parse + guard" else ():
                if part.startswith("  "):
                    print(f"  {part:<32}{w:8.2f} s {100 * w / total:5.1f}%")
    rest = total - sum(v for k, v in T.items() if not k.startswith("  "))
    print(f"  {'other (reading, rules glue...)':<32}{rest:8.2f} s {100 * rest / total:5.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
