#!/usr/bin/env python3
"""Precision of the default rules on a corpus half, against a previous version (stdlib only).

    # 1. lint the half with both versions, write the union of their findings to judge
    python benchmarks/precision/compare.py lint --half /tmp/corpus/validate \\
        --old /path/to/old-venv/bin/dropout-lint --new dropout-lint --out union.json
    # 2. judge union.json finding by finding into a TSV: id <TAB> true|false|debatable <TAB> reason
    # 3. the figures: precision of each version (debatable counted wrong and right), and how many
    #    of the old version's true findings the new one lost
    python benchmarks/precision/compare.py score --union union.json --judged judged.tsv

DL000 (files that do not parse) is left out: it is not a finding about dropout.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys


def _run(cmd: str, half: str) -> list[dict]:
    env = dict(os.environ, DROPOUT_LINT_NO_CACHE="1")
    r = subprocess.run(
        [*cmd.split(), "--no-cache", "--exit-zero", "--output-format", "json", "."],
        cwd=half,
        capture_output=True,
        text=True,
        env=env,
    )
    if r.returncode not in (0, 1):
        sys.exit(f"{cmd} failed: {r.stderr.strip().splitlines()[-1:]}")
    return [f for f in json.loads(r.stdout) if f["code"] != "DL000"]


def _key(f: dict) -> tuple:
    return (f["filename"], f["cell"] or 0, f["location"]["row"], f["code"])


def lint(args) -> None:
    old = {_key(f): f for f in _run(args.old, args.half)}
    new = {_key(f): f for f in _run(args.new, args.half)}
    rows = []
    for i, k in enumerate(sorted(set(old) | set(new)), 1):
        f = new.get(k) or old[k]
        rows.append(
            {
                "id": i,
                "code": k[3],
                "file": os.path.join(args.half, k[0]),
                "cell": f["cell"],
                "row": k[2],
                "message": f["message"],
                "in_previous_main": k in old,
                "in_new": k in new,
            }
        )
    with open(args.out, "w") as fh:
        json.dump(rows, fh, indent=1)
    print(f"{len(rows)} findings: old {len(old)}, new {len(new)}, new only {sum(k not in old for k in new)}")


def score(args) -> None:
    rows = {r["id"]: r for r in json.load(open(args.union))}
    verdicts = {}
    for line in open(args.judged):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 2 and parts[0].isdigit():
            verdicts[int(parts[0])] = parts[1].strip().lower()
    missing = set(rows) - set(verdicts)
    if missing:
        sys.exit(f"not judged: {sorted(missing)}")
    for side in ("in_previous_main", "in_new"):
        got = [verdicts[i] for i, r in rows.items() if r[side]]
        c = collections.Counter(got)
        n = len(got) or 1
        print(
            f"{side}: {len(got)} findings, {c['true']} true / {c['false']} false / {c['debatable']} debatable; "
            f"precision {c['true'] / n:.1%} (debatable wrong), {(c['true'] + c['debatable']) / n:.1%} (debatable right)"
        )
        per = collections.defaultdict(collections.Counter)
        for i, r in rows.items():
            if r[side]:
                per[r["code"]][verdicts[i]] += 1
        for code in sorted(per):
            print(f"    {code}: " + ", ".join(f"{v} {per[code][v]}" for v in ("true", "false", "debatable")))
    old_true = [i for i, r in rows.items() if r["in_previous_main"] and verdicts[i] == "true"]
    lost = [i for i in old_true if not rows[i]["in_new"]]
    kept = len(old_true) - len(lost)
    print(f"previous main's true findings kept: {kept}/{len(old_true)}; lost: {lost}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("lint")
    a.add_argument("--half", required=True)
    a.add_argument("--old", required=True, help="the previous version's dropout-lint command")
    a.add_argument("--new", default="dropout-lint")
    a.add_argument("--out", required=True)
    b = sub.add_parser("score")
    b.add_argument("--union", required=True)
    b.add_argument("--judged", required=True)
    args = p.parse_args()
    (lint if args.cmd == "lint" else score)(args)


if __name__ == "__main__":
    main()
