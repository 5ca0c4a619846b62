"""Benchmark: `--confirm` verdicts on real repositories (results: benchmarks/confirm_realworld.md).

    python benchmarks/confirm_realworld.py [--baseline PATH] [--list TSV] [--save JSON] [DIR ...]

For each DIR (an exported repository; nothing of it is kept) it runs, one after the other, as
subprocesses on this machine:

- `dropout-lint --no-cache --output-format json DIR` (static lint: the time floor);
- `dropout-lint --no-cache --confirm --output-format json DIR` with this checkout;
- the same with the checkout at `--baseline` (a `git worktree` of an older commit, or a copy
  of the package with an older `dropout_lint/confirm/`), when given.

It prints one row per DIR: findings, findings with a runtime check, verdict counts
(confirmed / refuted / unbuildable / not-applicable) for the baseline and this checkout, the
lint and --confirm wall times and the extra seconds per judged finding (which include the one
TensorFlow import of the run). `--details` lists every judged finding with both verdicts.
`--list TSV` reads more DIRs from a file (`name<TAB>dir` a line: the repository's name is shown
in the table instead of the folder's); `--save JSON` writes every judged finding with its
verdicts, for judging by hand. `split_half NAME` (sha256 of the name, even = tune, odd =
validate) is how the 2026-12-01 sets were split before any verdict was seen.
Run TF-heavy benchmarks one at a time on a shared machine.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JUDGED = {"DL101", "DL102", "DL103", "DL105", "DL201", "DL202", "DL203", "DL301", "DL302", "DL303", "DL401"}
STATUSES = ("confirmed", "refuted", "unbuildable", "not-applicable")


LIMIT_S = 900.0


def run(pythonpath: str, args: list[str]) -> tuple[float, list | None]:
    """Wall time and findings of one dropout-lint run; None for findings when it did not end
    within LIMIT_S (its process group, the --confirm worker included, is killed)."""
    env = dict(os.environ, PYTHONPATH=pythonpath)
    t0 = time.perf_counter()
    # From a neutral folder: `python -m` puts the working folder first on sys.path.
    proc = subprocess.Popen(
        [sys.executable, "-m", "dropout_lint", "--no-cache", "--output-format", "json", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tempfile.gettempdir(),
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=LIMIT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return time.perf_counter() - t0, None
    elapsed = time.perf_counter() - t0
    try:
        return elapsed, json.loads(out or "[]")
    except json.JSONDecodeError:
        sys.exit(f"no JSON from dropout-lint on {args[-1]}: {err.strip()[-300:]}")


def did_not_end(lint: list) -> list:
    """The lint's findings, each with the verdict a run that never ended gives it."""
    detail = f"the --confirm run did not end within {LIMIT_S:g} s"
    return [
        dict(f, confirmation={"status": "unbuildable", "detail": detail}) if f["code"] in JUDGED else f for f in lint
    ]


def split_half(name: str) -> str:
    """The half a repository falls in: sha256 of its name, even = tune, odd = validate."""
    return "tune" if int(hashlib.sha256(name.encode()).hexdigest(), 16) % 2 == 0 else "validate"


def counts(findings: list) -> str:
    c = collections.Counter((f.get("confirmation") or {}).get("status") for f in findings)
    return " / ".join(str(c.get(s, 0)) for s in STATUSES)


def main() -> None:
    global LIMIT_S
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="*")
    ap.add_argument("--list", help="a file of `name<TAB>dir` lines")
    ap.add_argument("--save", help="write the judged findings and their verdicts here (JSON)")
    ap.add_argument("--baseline", help="PYTHONPATH of the checkout to compare against")
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--limit", type=float, default=LIMIT_S, help="seconds a run may take (then: killed)")
    opts = ap.parse_args()
    LIMIT_S = opts.limit
    print(
        "| repository | findings | judged | baseline C / R / U / NA | now C / R / U / NA | lint s | --confirm s | s per judged |"
    )
    print("|---|---|---|---|---|---|---|---|")
    details, saved = [], []
    named = [(os.path.basename(d.rstrip("/")), d) for d in opts.dirs]
    if opts.list:
        with open(opts.list, encoding="utf-8") as fh:
            named += [tuple(line.split("\t")[:2]) for line in fh.read().splitlines() if line.strip()]
    for name, d in named:
        d = os.path.abspath(d)
        t_lint, lint = run(ROOT, [d])
        t_now, now = run(ROOT, ["--confirm", d])
        now = did_not_end(lint) if now is None else now
        base = run(os.path.abspath(opts.baseline), ["--confirm", d])[1] if opts.baseline else []
        base = did_not_end(lint) if base is None else base
        judged = sum(1 for f in now if f["code"] in JUDGED)
        per = f"{(t_now - t_lint) / judged:.1f}" if judged else "-"
        print(
            f"| {name} | {len(now)} | {judged} | {counts(base) if base else '-'} | "
            f"{counts(now)} | {t_lint:.1f} | {t_now:.1f} | {per} |",
            flush=True,
        )
        before = {(f["filename"], f["location"]["row"], f["code"]): f for f in base}
        for f in now:
            if f["code"] in JUDGED:
                b = (before.get((f["filename"], f["location"]["row"], f["code"])) or {}).get("confirmation") or {}
                a = f.get("confirmation") or {}
                saved.append(
                    {
                        "repo": name,
                        "file": os.path.relpath(os.path.join(tempfile.gettempdir(), f["filename"]), d),
                        "row": f["location"]["row"],
                        "code": f["code"],
                        "message": f["message"],
                        "baseline": b,
                        "now": a,
                    }
                )
                details.append(
                    f"{f['code']} {f['filename']}:{f['location']['row']}\n"
                    f"    baseline: {b.get('status')}: {b.get('detail')}\n    now: {a.get('status')}: {a.get('detail')}"
                )
    if opts.save:
        with open(opts.save, "w", encoding="utf-8") as fh:
            json.dump(saved, fh, indent=1)
    if opts.details:
        print("\n".join(details))


if __name__ == "__main__":
    main()
