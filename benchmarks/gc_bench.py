#!/usr/bin/env python3
"""CPU of linting a tree with the cyclic garbage collector running vs paused per file.

    python benchmarks/gc_bench.py PATH [--repeat 2]

Lints every .py file under PATH in this process with the default rules, alternating the two
modes (``on``: gc as usual; ``paused``: what dropout_lint/runner.py does, gc disabled while
one file is parsed and analysed), and prints the CPU seconds of each and their ratio. The
findings must be identical.
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

from dropout_lint.engine import FileSettings, lint_bytes
from dropout_lint.rule import all_rules, option_defaults


def run(data, settings, paused: bool):
    t = time.process_time()
    out = []
    for name, b in data:
        if paused:
            gc.disable()
        try:
            out.extend((f.code, name, f.start) for f in lint_bytes(b, name, settings))
        finally:
            gc.enable()
    return time.process_time() - t, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    files = sorted(Path(args.path).rglob("*.py"))
    data = [(str(p), p.read_bytes()) for p in files]
    settings = FileSettings(frozenset(c for c, r in all_rules().items() if r.default), option_defaults())
    times = {"on": [], "paused": []}
    results = {}
    for _ in range(args.repeat):
        for mode in ("on", "paused"):
            cpu, found = run(data, settings, mode == "paused")
            times[mode].append(cpu)
            results[mode] = found
    assert results["on"] == results["paused"], "findings differ"
    on, paused = min(times["on"]), min(times["paused"])
    print(
        f"{len(files)} files, {len(results['on'])} findings: gc on {on:.2f} s CPU, paused {paused:.2f} s "
        f"(ratio {paused / on:.2f})"
    )


if __name__ == "__main__":
    main()
