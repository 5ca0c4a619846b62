"""The speed targets of issue 17 on a real repository, as ratios measured in one run.

    python benchmarks/speed_targets.py PATH [--repeat 3] [--one-file FILE] [--baseline OUT.json]
                                           [--save OUT.json] [--jobs N] [--select CODES]

For the tree at PATH it measures, as subprocesses of this Python:

- dropout-lint cold (``--no-cache --output-format json``): wall time, CPU time of the whole
  process tree (the CLI and its workers), peak RSS of the tree (sampled every 10 ms);
- the floor: ``libcst.parse_module`` in one process (import included) on every file that passes
  the substring prefilter (any enabled rule's ``requires`` in the file's bytes; a notebook is
  parsed as the text of its code cells); target: run CPU <= 1.3 x floor CPU;
- the overhead: the same parse of only the files the run hands to libcst (those that also pass
  Python's verdict and the exact prefilter: a rule's words in code, its ``requires_text``), and
  the run's CPU over it (no target: what the run costs beyond the parses it does);
- Ruff (``ruff check --no-cache --isolated``) on the same tree, if ``ruff`` is on PATH;
- one small file (``--one-file``, or the median-sized file among the smallest quarter that pass
  the prefilter): dropout-lint against ``python -c "import libcst; libcst.parse_module(...)"``;
  target: wall <= 1.5 x floor wall;
- the package's bytecode is compiled first (``compileall``; an installed copy has it) and
  ``PYTHONDONTWRITEBYTECODE`` is unset for the runs;
- findings: the JSON output is compared with ``--baseline`` (a file written by ``--save`` on
  another commit): identical or not, and the first differences.

Medians over ``--repeat`` runs. The machine may be shared: the ratios are what counts.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import run  # noqa: E402  (wall, tree CPU, peak RSS of a subprocess)

HERE = Path(__file__).resolve().parent.parent
PARSE_FLOOR = (
    "import sys, libcst\n"
    "from dropout_lint.sources import read_unit\n"
    "for p in open(sys.argv[1], encoding='utf-8').read().splitlines():\n"
    "    data = open(p, 'rb').read()\n"
    "    try:\n"
    "        text = read_unit(p, data).text\n"
    "    except Exception:\n"
    "        continue\n"
    "    try:\n"
    "        libcst.parse_module(text)\n"
    "    except Exception:\n"
    "        pass\n"
)


def prefiltered(root: Path, env: dict, select: str | None) -> list[Path]:
    """The files of the run that pass the substring prefilter (as the runner decides it)."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from dropout_lint.config import Resolver, parse_cli_codes\n"
        "from dropout_lint.guard import parse_guarded\n"
        "from dropout_lint.prefilter import code_bytes, matching\n"
        "from dropout_lint.sources import read_unit\n"
        "res = Resolver(None, Path(sys.argv[1]), dict(select=parse_cli_codes(sys.argv[2] or None, '--select')))\n"
        "from dropout_lint.engine import rules_for, PARSE_ERROR\n"
        "for line in sys.stdin.read().splitlines():\n"
        "    p = Path(line)\n"
        "    s = res.for_file(p)\n"
        "    rules = [r for r in rules_for(s.enabled) if r.code != PARSE_ERROR]\n"
        "    data = p.read_bytes()\n"
        "    if rules and any(w.encode() in data for r in rules for w in r.requires):\n"
        "        try:\n"
        "            u = read_unit(str(p), data)\n"
        "            g = parse_guarded(u.text, s.options, bool(u.cells))\n"
        "            t = u.text.encode('utf-8', 'surrogatepass')\n"
        "            parsed = g.verdict is None and bool(matching(rules, t, code_bytes(t, g.strings)))\n"
        "        except Exception:\n"
        "            parsed = False\n"
        "        print(('E ' if parsed else 'B ') + line)\n"
    )
    listing = subprocess.run(
        [sys.executable, "-m", "dropout_lint", "--show-files", "."],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    out = subprocess.run(
        [sys.executable, "-c", code, str(root), select or ""],
        cwd=root,
        env=env,
        input=listing,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"prefilter listing failed:\n{out.stderr[-2000:]}")
    return [(root / line[2:], line[0] == "E") for line in out.stdout.splitlines()]


def median_run(cmd, cwd, env, repeat, sample=False, check=None):
    runs = []
    for _ in range(repeat):
        r = run(cmd, cwd, env, sample=sample)
        if check:
            check(r)
        runs.append(r)
    pick = lambda k: statistics.median(r[k] for r in runs)  # noqa: E731
    return {"time": pick("time"), "cpu": pick("cpu"), "peak_mb": max(r["peak_mb"] for r in runs), "last": runs[-1]}


def normal(findings: list[dict]) -> list[str]:
    return sorted(json.dumps(f, sort_keys=True) for f in findings)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--one-file", type=Path, default=None)
    ap.add_argument("--baseline", type=Path, default=None, help="JSON output of another commit to compare with")
    ap.add_argument("--save", type=Path, default=None, help="write this run's JSON output here")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--select", default=None, help="passed to dropout-lint (and to the prefilter)")
    args = ap.parse_args()
    root = args.path.resolve()
    py = sys.executable
    env = dict(os.environ)
    env["PYTHONPATH"] = str(HERE) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("DROPOUT_LINT_NO_CACHE", None)
    # An installed copy has its bytecode compiled by pip, as libcst has: compile ours too, so
    # the one-file run is not charged for compiling dropout_lint from source every time.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([py, "-m", "compileall", "-q", str(HERE / "dropout_lint")], check=True)
    lint = [py, "-m", "dropout_lint", "--no-cache"] + (["--jobs", str(args.jobs)] if args.jobs else [])
    lint += ["--select", args.select] if args.select else []

    def ok(r):
        if r["rc"] not in (0, 1) or "Traceback" in r["err"]:
            raise SystemExit(f"dropout-lint failed (exit {r['rc']}):\n{r['err'][-2000:]}")

    marked = prefiltered(root, env, args.select)
    files = [p for p, _ in marked]
    parsed_files = [p for p, parsed in marked if parsed]
    n_all = len(
        subprocess.run(
            [py, "-m", "dropout_lint", "--show-files", "."], cwd=root, env=env, capture_output=True, text=True
        ).stdout.splitlines()
    )
    tmp = Path(tempfile.mkdtemp(prefix="dl-speed-"))
    try:
        listing = tmp / "files.txt"
        listing.write_text("\n".join(str(p) for p in files), encoding="utf-8")
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True
        ).stdout.strip()
        print(f"tree: {root} ({n_all} files, {len(files)} pass the prefilter); commit {commit}")
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, repeat={args.repeat}\n")

        floor = median_run([py, "-c", PARSE_FLOOR, str(listing)], root, env, args.repeat)
        listing2 = tmp / "parsed.txt"
        listing2.write_text("\n".join(str(p) for p in parsed_files), encoding="utf-8")
        floor2 = median_run([py, "-c", PARSE_FLOOR, str(listing2)], root, env, args.repeat)
        cold = median_run(lint + ["--output-format", "json", "."], root, env, args.repeat, sample=True, check=ok)
        ruff = None
        if shutil.which("ruff"):
            ruff = median_run(["ruff", "check", "--no-cache", "--isolated", "-q", "."], root, env, args.repeat)

        one = args.one_file
        if one is None:
            small = sorted(files, key=lambda p: p.stat().st_size)[: max(1, len(files) // 4)]
            one = small[len(small) // 2]
        one = one.resolve()
        one_floor_code = f"import libcst; libcst.parse_module(open({str(one)!r}, encoding='utf-8').read())"
        reps = max(args.repeat, 7)
        one_floor = median_run([py, "-c", one_floor_code], root, env, reps)
        one_lint = median_run(lint + [str(one)], root, env, reps, check=ok)

        parsed = None
        stats = run(lint + ["-v", "."], root, env)
        for line in stats["err"].splitlines():
            if "parsed" in line:
                parsed = line.strip()

        rows = [
            ("libcst parse of the prefiltered files", floor, None, None),
            ("dropout-lint cold", cold, cold["cpu"] / floor["cpu"], 1.3),
            (f"libcst parse of the {len(parsed_files)} files it parses", floor2, None, None),
            ("dropout-lint cold / that parse (overhead)", cold, cold["cpu"] / floor2["cpu"], None),
        ]
        if ruff:
            rows.append(("ruff check (same tree)", ruff, None, None))
        rows += [
            (f"floor: import libcst + parse {one.name}", one_floor, None, None),
            ("dropout-lint on that one file", one_lint, one_lint["time"] / one_floor["time"], 1.5),
        ]
        print(f"{'measure':<42}{'wall s':>8}{'cpu s':>8}{'peak MB':>9}{'ratio':>8}{'target':>9}")
        for name, m, ratio, target in rows:
            r = f"{ratio:>8.2f}" if ratio is not None else " " * 8
            t = f"{'<= ' + str(target):>9}  {'ok' if ratio <= target else 'MISSED'}" if target else ""
            pk = f"{m['peak_mb']:>9.0f}" if m["peak_mb"] else " " * 9
            print(f"{name:<42}{m['time']:>8.2f}{m['cpu']:>8.2f}{pk}{r}{t}")
        print("(cold ratio: CPU of the run's process tree / CPU of the parse floor; one-file ratio: wall / floor wall)")
        if ruff:
            print(
                f"dropout-lint cold / ruff: {cold['time'] / ruff['time']:.1f}x wall, {cold['cpu'] / max(ruff['cpu'], 1e-3):.1f}x CPU"
            )
        print(f"one file: {one} ({one.stat().st_size:,} bytes)")
        if parsed:
            print(f"run (-v): {parsed}")

        found = json.loads(cold["last"]["out"])
        print(f"findings: {len(found)}")
        if args.save:
            args.save.write_text(cold["last"]["out"], encoding="utf-8")
        if args.baseline:
            base = normal(json.loads(args.baseline.read_text(encoding="utf-8")))
            now = normal(found)
            if base == now:
                print(f"findings identical to {args.baseline} ({len(now)})")
            else:
                gone, new = sorted(set(base) - set(now)), sorted(set(now) - set(base))
                print(f"findings DIFFER from {args.baseline}: {len(gone)} gone, {len(new)} new")
                for f in gone[:10]:
                    print("  -", f[:300])
                for f in new[:10]:
                    print("  +", f[:300])
                return 1
        summary = {
            "files": n_all,
            "prefiltered_in": len(files),
            "floor_cpu": floor["cpu"],
            "cold_wall": cold["time"],
            "cold_cpu": cold["cpu"],
            "cold_peak_mb": cold["peak_mb"],
            "cpu_ratio": cold["cpu"] / floor["cpu"],
            "parsed": len(parsed_files),
            "parsed_floor_cpu": floor2["cpu"],
            "overhead_ratio": cold["cpu"] / floor2["cpu"],
            "ruff_wall": ruff["time"] if ruff else None,
            "one_floor_wall": one_floor["time"],
            "one_wall": one_lint["time"],
            "one_ratio": one_lint["time"] / one_floor["time"],
        }
        print("\n" + json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in summary.items()}))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
