"""Benchmark: peak memory and CPU of one file against its size and its longest expression chain.

    python benchmarks/bounded_cost.py [--tree DIR] [--cap-mb 4096] [--timeout 120] [--only NAME]
    python benchmarks/bounded_cost.py --lsp [--tree DIR] [--cap-mb 8192]

Each case is one generated file linted by ``python -m dropout_lint --no-cache FILE`` in its own
subprocess (the package of ``--tree`` on ``PYTHONPATH``: this checkout by default, or an
extracted older commit to measure "before"). For every case it prints the peak resident size
of that process (``wait4``'s ``ru_maxrss``), its CPU time (user + system), the exit status and
the first output line. The child runs under an address-space cap (``--cap-mb``) and a CPU
timeout, so a case that would take the machine down ends as "capped" or "timeout" instead.

Cases:

- size: a functional Keras model with one ``x = layers.Dense(64, activation="relu")(x)`` per
  line (a Dropout every 10 lines), 1k, 10k, 60k and 200k lines;
- chains of length 10, 1,000 and 10,000 in a small file of each kind: ``a + a + ...``,
  ``a.b.b...``, ``f()()...``, ``y[0][0]...``, ``1 if c else 1 if c else ...``,
  ``not not ... a``, ``lambda: lambda: ...``, ``a ** a ** ...``, and a chain of Dropout
  applications (``h = layers.Dropout(0.1)(h)`` on each line, the data flow the rules follow);
- branches: 10, 20, 24 and 200 ``if`` / ``else`` statements in a row whose arms may leave the
  tensor as it was (each merge shares the value from before).

``--lsp``: the language server (``tests/lsp_client.py``, a real stdio client) opens a 5 MB
document (the 120,000-line size case), then a code action on it, then the 60,000-line size
case (inside the budget), then 1,000 full-text edits of an ordinary 160-line model; it prints the server's resident memory (VmRSS) and peak (VmHWM)
after each step and how long the diagnostics and the code action took.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
HEAD = "import keras\nfrom keras import layers\n"


def size_case(lines: int) -> str:
    body = ["inp = keras.Input((64,))", "x = inp"]
    for i in range(lines - 5):
        body.append("x = layers.Dropout(0.5)(x)" if i % 10 == 9 else 'x = layers.Dense(64, activation="relu")(x)')
    body.append("model = keras.Model(inp, x)")
    return HEAD + "\n".join(body) + "\n"


def chain_case(kind: str, n: int) -> str:
    if kind == "dropout":
        return HEAD + "h = keras.Input((8,))\n" + "h = layers.Dropout(0.1)(h)\n" * n + "model = keras.Model(h, h)\n"
    expr = {
        "plus": lambda: "y = " + " + ".join(["a"] * n),
        "attr": lambda: "y = a" + ".b" * n,
        "call": lambda: "y = f" + "()" * n,
        "subscript": lambda: "y = x" + "[0]" * n,
        "ifelse": lambda: "x = " + "1 if c else " * n + "1",
        "not": lambda: "y = " + "not " * n + "a",
        "lambda": lambda: "f = " + "lambda: " * n + "0",
        "pow": lambda: "y = " + " ** ".join(["a"] * n),
    }[kind]()
    return HEAD + "a = c = f = x = 1\n" + expr + "\nd = layers.Dropout(0.9)\n"


def branches_case(n: int) -> str:
    """``n`` ``if`` / ``else`` statements in a row, each arm with an inner ``if`` that may leave the
    tensor as it was: every merge of the two arms shares the value from before (deepmg's shape)."""
    body = ["def build(x, a, b, c):"]
    for i in range(n):
        body += [f"    if a == {i}:", "        if b:", f"            x = layers.Dense({i + 1})(x)", "    else:"]
        body += ["        if c:", "            x = layers.Dropout(0.1)(x)"]
    body += ["    return x", "inp = keras.Input((4,))", "model = keras.Model(inp, build(inp, 1, 2, 3))"]
    return HEAD + "\n".join(body) + "\n"


SIZES = (1_000, 10_000, 60_000, 200_000)
BRANCHES = (10, 20, 24, 200)
CHAINS = ("plus", "attr", "call", "subscript", "ifelse", "not", "lambda", "pow", "dropout")
LENGTHS = (10, 1_000, 10_000)


def cases():
    for n in SIZES:
        yield f"size {n:,} lines", lambda n=n: size_case(n)
    for kind in CHAINS:
        for n in LENGTHS:
            yield f"chain {kind} x{n:,}", lambda kind=kind, n=n: chain_case(kind, n)
    for n in BRANCHES:
        yield f"branches x{n}", lambda n=n: branches_case(n)


def run_case(path: Path, tree: Path, cap_mb: int, timeout: float) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree), DROPOUT_LINT_NO_CACHE="1")

    def limit() -> None:
        cap = cap_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        resource.setrlimit(resource.RLIMIT_CPU, (int(timeout), int(timeout) + 5))

    out_f = open(path.with_suffix(".out"), "w+b")  # files, not pipes: a full pipe would stall the child
    err_f = open(path.with_suffix(".err"), "w+b")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dropout_lint", "--no-cache", str(path)],
        cwd=path.parent,
        env=env,
        stdout=out_f,
        stderr=err_f,
        preexec_fn=limit,
    )
    start = time.monotonic()
    status = None
    while status is None:
        pid, st, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            status = st
            break
        if time.monotonic() - start > timeout * 2:  # wall-clock guard (the CPU limit is the main one)
            proc.kill()
        time.sleep(0.02)
    out_f.seek(0), err_f.seek(0)
    out = out_f.read().decode(errors="replace")
    err = err_f.read().decode(errors="replace")
    out_f.close(), err_f.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    rc = proc.returncode
    if rc < 0:
        outcome = {signal.SIGXCPU: "timeout", signal.SIGKILL: "timeout"}.get(-rc, f"signal {-rc}")
    elif "MemoryError" in err or "memory allocation" in err:
        outcome = "capped"
    elif rc in (0, 1):
        outcome = "ok"
    else:
        outcome = f"exit {rc}"
    first = (out.strip().splitlines() or [""])[0]
    if outcome != "ok" and not first:
        first = (err.strip().splitlines() or [""])[-1]
    return {
        "rss_mb": usage.ru_maxrss / 1024,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "outcome": outcome,
        "first": first[:90],
        "traceback": "Traceback" in err,
    }


def lsp_session(tree: Path, cap_mb: int) -> None:
    sys.path.insert(0, str(HERE / "tests"))
    from lsp_client import LspClient

    def limit() -> None:
        cap = cap_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "pyproject.toml").write_text("[tool.dropout-lint]\n", encoding="utf-8")
        c = LspClient(cwd=root, env={"PYTHONPATH": str(tree)}, preexec_fn=limit)
        try:
            c.initialize(root, {"debounce": 0})
            rows.append(("started", c.rss_mb(), c.rss_mb("VmHWM"), ""))
            big = size_case(120_000)
            uri = (root / "big.py").as_uri()
            t = time.monotonic()
            c.open(uri, big)
            diags = c.diagnostics(uri, version=1, timeout=900)["params"]["diagnostics"]
            rows.append(
                (
                    f"5 MB document linted ({len(big):,} chars)",
                    c.rss_mb(),
                    c.rss_mb("VmHWM"),
                    f"{time.monotonic() - t:.1f} s, {len(diags)} diagnostics",
                )
            )
            pos = {"line": 5, "character": 4}
            t = time.monotonic()
            r = c.call(
                "textDocument/codeAction",
                {"textDocument": {"uri": uri}, "range": {"start": pos, "end": pos}, "context": {"diagnostics": []}},
                timeout=900,
            )
            rows.append(
                (
                    "code action on it",
                    c.rss_mb(),
                    c.rss_mb("VmHWM"),
                    f"{time.monotonic() - t:.2f} s, {'result' if 'result' in r else 'error'}",
                )
            )
            mid = size_case(60_000)  # inside the budget: analysed, then its memory should be given back
            uri = (root / "mid.py").as_uri()
            t = time.monotonic()
            c.open(uri, mid)
            c.diagnostics(uri, version=1, timeout=900)
            rows.append(
                (
                    f"60,000-line document linted ({len(mid):,} chars)",
                    c.rss_mb(),
                    c.rss_mb("VmHWM"),
                    f"{time.monotonic() - t:.1f} s",
                )
            )
            c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
            c.diagnostics(uri)
            small = (root / "m.py").as_uri()
            model = HEAD + "".join(
                f"\ndef block_{i}(x):\n    y = layers.Dense({i + 1})(x)\n    return layers.Dropout(0.5)(y)\n"
                for i in range(40)
            )
            c.open(small, model)
            c.diagnostics(small, version=1)
            t = time.monotonic()
            for v in range(2, 1002):
                c.change_full(small, model + f"# edit {v}\n", v)
                if v % 25 == 0 or v == 1001:
                    c.diagnostics(small, version=v, timeout=300)
            rows.append(
                ("1,000 edits of a 160-line model", c.rss_mb(), c.rss_mb("VmHWM"), f"{time.monotonic() - t:.1f} s")
            )
            code = c.shutdown_and_exit()
            rows.append(("shutdown + exit", 0, 0, f"exit code {code}"))
        except Exception as exc:  # noqa: BLE001 - a dead server is a result here
            rows.append((f"failed: {type(exc).__name__}", 0, 0, str(exc).splitlines()[0][:80] if str(exc) else ""))
            c.close()
    print(f"tree: {tree}  server cap: {cap_mb} MB")
    print()
    print("| step | server RSS MB | peak RSS MB | notes |")
    print("|---|---:|---:|---|")
    for name, rss, hwm, note in rows:
        print(f"| {name} | {rss:.0f} | {hwm:.0f} | {note} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", default=str(HERE), help="folder holding the dropout_lint package to measure")
    ap.add_argument("--cap-mb", type=int, default=4096, help="address-space cap of each child (MB)")
    ap.add_argument("--timeout", type=float, default=120, help="CPU seconds allowed per child")
    ap.add_argument("--only", default="", help="run only the cases whose name contains this")
    ap.add_argument("--lsp", action="store_true", help="measure the language server instead")
    args = ap.parse_args()
    tree = Path(args.tree).resolve()
    if args.lsp:
        lsp_session(tree, args.cap_mb)
        return 0
    print(f"tree: {tree}  cap: {args.cap_mb} MB  CPU timeout: {args.timeout:g} s  python {sys.version.split()[0]}")
    print()
    print("| case | bytes | peak RSS MB | CPU s | outcome | first output line |")
    print("|---|---:|---:|---:|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in cases():
            if args.only and args.only not in name:
                continue
            path = Path(tmp) / "case.py"
            path.write_text(make(), encoding="utf-8")
            r = run_case(path, tree, args.cap_mb, args.timeout)
            tb = " (traceback)" if r["traceback"] else ""
            first = r["first"].replace("|", "\\|").replace(str(path), "case.py")
            print(
                f"| {name} | {path.stat().st_size:,} | {r['rss_mb']:.0f} | {r['cpu_s']:.1f} | {r['outcome']}{tb} | {first} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
