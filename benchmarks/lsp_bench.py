"""Benchmark: time from ``didChange`` to ``publishDiagnostics`` on a 1,000-line file.

    python benchmarks/lsp_bench.py [--lines 1000] [--repeat 15] [--cold 5] [--compare OTHER_CHECKOUT]

Generates a 1,000-line Keras module (model-building functions, Sequential lists, ``.add``
chains, functional graphs, constants; a few findings), starts ``dropout-lint --lsp`` as a real
process, opens the file, then sends full-text changes one at a time (each edits one rate, so
the findings change) and measures the wall time from writing the ``didChange`` to reading the
``publishDiagnostics`` for that version. It runs twice: with the default settings (what an editor
user gets) and with debounce 0 (the server's own cost).

The baseline, measured in the same run: the engine linting the same text in-process
(``lint_unit``: parse, analysis, rules), i.e. the floor any server built on this linter pays.
The aim is a median under 300 ms with the default debounce.

Cold start: the wall time from starting the server process to the first ``publishDiagnostics``
of that file (initialize, initialized, didOpen sent at once), median of ``--cold`` starts; the
aim is 1.2 s. ``--compare DIR`` measures the checkout at DIR the same way in the same run
(interleaved), for before/after numbers on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from lsp_client import LspClient  # noqa: E402

BLOCK = '''

def build_{i}(units={u}, rate={r}):
    """Model family {i}."""
    model = keras.Sequential()
    model.add(layers.Dense(units, activation="relu", input_shape=(32,)))
    model.add(layers.Dropout(rate))
    model.add(layers.Dense(units // 2, activation="relu"))
    model.add(layers.BatchNormalization())
    model.add(layers.Dense(10, activation="softmax"))
    return model


def functional_{i}(inputs):
    x = layers.Conv2D(16, 3, activation="relu")(inputs)
    x = layers.SpatialDropout2D(0.1)(x)
    x = layers.Flatten()(x)
    x = layers.Dense(64, activation="relu")(x)
    x = layers.Dropout(RATE_{i})(x)
    outputs = layers.Dense(3, activation="softmax")(x)
    return keras.Model(inputs, outputs)


RATE_{i} = {r2}
stack_{i} = keras.Sequential([
    layers.Dense(128, activation="relu"),
    layers.Dropout(0.3),
    layers.Dense(64, activation="relu"),
    layers.Dense(1),
])
'''


def make_source(n_lines: int) -> str:
    head = "import tensorflow as tf\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n"
    parts = [head]
    i = 0
    while sum(p.count("\n") for p in parts) < n_lines:
        r = 0.9 if i % 7 == 3 else 0.25
        parts.append(BLOCK.format(i=i, u=64 + i, r=r, r2=0.4))
        i += 1
    text = "".join(parts)
    lines = text.split("\n")[:n_lines]
    return "\n".join(lines) + "\n"


def breakdown(text: str) -> str:
    """CPU time (less sensitive to other load than wall time) of the engine's stages."""
    import libcst as cst

    from dropout_lint.analysis import analyze

    t = time.process_time()
    module = cst.parse_module(text)
    parse = time.process_time() - t
    t = time.process_time()
    analyze(module)
    facts = time.process_time() - t
    return f"CPU: libcst parse {parse * 1000:.0f} ms, analysis (positions, collect, flow) {facts * 1000:.0f} ms"


def baseline(text: str, repeat: int) -> list[float]:
    from dropout_lint.engine import FileSettings, lint_unit
    from dropout_lint.rule import all_rules
    from dropout_lint.sources import Unit

    try:
        from dropout_lint.engine import gc_paused  # as the runner and the server lint
    except ImportError:
        from contextlib import nullcontext as gc_paused

    settings = FileSettings(frozenset(c for c, r in all_rules().items() if r.default))
    lint_unit(Unit(text=text), "bench.py", settings)  # warm: imports
    out = []
    cpu = []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        with gc_paused():
            lint_unit(Unit(text=text), "bench.py", settings)
        out.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    print(f"in-process lint_unit CPU median {statistics.median(cpu) * 1000:.0f} ms (wall on a loaded machine is more)")
    return out


def _client(folder: Path, code: Path) -> LspClient:
    env = {"PYTHONPATH": os.pathsep.join([str(code), os.environ.get("PYTHONPATH", "")])}
    env_off = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed: bytecode cached
    env_off.update(env)
    return LspClient(cwd=folder, env=env_off)


def cold_start(text: str, folder: Path, code: Path) -> float:
    """Seconds from starting the server to the first diagnostics of ``text``."""
    t0 = time.perf_counter()
    client = _client(folder, code)
    try:
        client.initialize(folder)
        uri = (folder / "bench.py").as_uri()
        client.open(uri, text, version=1)
        msg = client.diagnostics(uri, version=1, timeout=120)
        assert client.shutdown_and_exit() == 0
        return msg["_received"] - t0
    finally:
        client.close()


def lsp_times(
    text: str, repeat: int, debounce: float | None, folder: Path, code: Path = ROOT
) -> tuple[list[float], int]:
    client = _client(folder, code)
    try:
        client.initialize(folder, options={} if debounce is None else {"debounce": debounce})
        uri = (folder / "bench.py").as_uri()
        client.open(uri, text, version=1)
        first = client.diagnostics(uri, version=1, timeout=120)
        n_diags = len(first["params"]["diagnostics"])
        times = []
        lines = text.split("\n")
        target = next(i for i, l in enumerate(lines) if "layers.Dropout(0.3)" in l)
        for k in range(repeat):
            version = k + 2
            edited = list(lines)
            edited[target] = edited[target].replace("0.3", f"0.{85 + k % 10}" if k % 2 == 0 else "0.3")
            sent = client.change_full(uri, "\n".join(edited), version)
            msg = client.diagnostics(uri, version=version, timeout=120)
            times.append(msg["_received"] - sent)
        assert client.shutdown_and_exit() == 0
        return times, n_diags
    finally:
        client.close()


def ms(xs: list[float]) -> str:
    xs = sorted(xs)
    p90 = xs[min(len(xs) - 1, int(round(0.9 * (len(xs) - 1))))]
    return f"median {statistics.median(xs) * 1000:7.1f} ms   p90 {p90 * 1000:7.1f} ms   min {xs[0] * 1000:7.1f} ms"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--cold", type=int, default=5, help="server starts for the cold-start median")
    ap.add_argument("--compare", type=Path, default=None, help="another checkout to measure in the same run")
    args = ap.parse_args()
    text = make_source(args.lines)
    codes = [("this", ROOT)] + ([("compare", args.compare.resolve())] if args.compare else [])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "bench.py").write_text(text)
        base = baseline(text, args.repeat)
        res: dict = {name: {"cold": [], "default": [], "zero": []} for name, _ in codes}
        for _ in range(args.cold):
            for name, code in codes:
                res[name]["cold"].append(cold_start(text, folder, code))
        for name, code in codes:
            res[name]["default"], n = lsp_times(text, args.repeat, None, folder, code)
            res[name]["zero"], _ = lsp_times(text, args.repeat, 0.0, folder, code)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"file: {args.lines} lines, {n} diagnostics on open; {args.repeat} changes each; {os.cpu_count()} cores, load average {load:.1f}"
    )
    print(f"engine    {breakdown(text)}")
    print(f"baseline  in-process lint_unit (this checkout)       {ms(base)}")
    med_b = statistics.median(base)
    for name, code in codes:
        r = res[name]
        print(f"[{name}: {code}]")
        print(f"lsp       cold start -> first diagnostics          {ms(r['cold'])}")
        print(f"lsp       didChange -> diagnostics (default settings) {ms(r['default'])}")
        print(f"lsp       didChange -> diagnostics (no debounce)    {ms(r['zero'])}")
        med_c, med_d, med_z = (statistics.median(r[k]) for k in ("cold", "default", "zero"))
        print(
            f"ratio     server (no debounce) / in-process lint: {med_z / med_b:.2f}x; server overhead {1000 * (med_z - med_b):.1f} ms"
        )
        print(
            f"aim       edit median with the default debounce < 300 ms: {'OK' if med_d < 0.300 else 'OVER'} ({med_d * 1000:.1f} ms); "
            f"cold start < 1.2 s: {'OK' if med_c < 1.2 else 'OVER'} ({med_c:.2f} s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
